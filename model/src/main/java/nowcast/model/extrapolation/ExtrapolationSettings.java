package nowcast.model.extrapolation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of an {@link ExtrapolationNowcaster}: its optical flow and its echo-free fill.
 * A model that learned a correction to the extrapolation stores them in its artifact, so that it is
 * always fed the extrapolation it was trained with, whatever the defaults become.
 */
public record ExtrapolationSettings(@JsonProperty("flow_levels") int levels,
                                    @JsonProperty("flow_window_sigma") float windowSigma,
                                    @JsonProperty("flow_iterations") int iterations,
                                    @JsonProperty("flow_regularisation") float regularisation,
                                    @JsonProperty("flow_max_step") float maxStep,
                                    @JsonProperty("fill_sigma") float fillSigma,
                                    @JsonProperty("fill_far_weight") float fillFarWeight) {

    public ExtrapolationSettings {
        // the records validate the values and name the bad ones
        new PyramidalLucasKanade(levels, windowSigma, iterations, regularisation, maxStep);
        new EchoFreeFill(fillSigma, fillFarWeight);
    }

    /** The settings of the default extrapolation nowcaster. */
    public static ExtrapolationSettings defaults() {
        PyramidalLucasKanade f = PyramidalLucasKanade.defaults();
        EchoFreeFill e = EchoFreeFill.defaults();
        return new ExtrapolationSettings(f.levels(), f.windowSigma(), f.iterations(), f.regularisation(), f.maxStep(),
                e.sigma(), e.farWeight());
    }

    public ExtrapolationNowcaster nowcaster(int outputFrames) {
        return new ExtrapolationNowcaster(new PyramidalLucasKanade(levels, windowSigma, iterations, regularisation, maxStep),
                new EchoFreeFill(fillSigma, fillFarWeight), outputFrames);
    }
}
