package nowcast.model.gs2pm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import nowcast.forecast.ModelIdentity;
import nowcast.model.extrapolation.ExtrapolationSettings;
import nowcast.model.weights.NamedTensor;
import nowcast.model.weights.SafeTensors;

/**
 * A model artifact directory: {@code config.json} (sizes, frames, product, normalisation,
 * provenance) and {@code weights.safetensors} holding the official state_dict names and shapes,
 * which the official PyTorch code can load with {@code load_state_dict(safetensors.torch.load_file(...))}.
 * Its hash (sha256 over the weights file, then the config file) identifies forecasts made with it.
 */
public final class Gs2pmArtifact {

    public static final String CONFIG_FILE = "config.json";
    public static final String WEIGHTS_FILE = "weights.safetensors";
    public static final String FORMAT = "nowcast-gs2pm-artifact/1";
    /** Config {@code output}: absent or "frames" for the official network, this for {@link Gs2pmConfig#residual()}. */
    public static final String OUTPUT_INCREMENT = "increment-over-last-input";
    /** Config {@code output} of an advection-conditioned network ({@link Gs2pmConfig.Mode#ADVECTION_CONDITIONED}). */
    public static final String OUTPUT_CORRECTION = "correction-over-extrapolation";
    /** Config {@code mode}: absent or "official", or this. */
    public static final String MODE_ADVECTION_CONDITIONED = "advection-conditioned";
    /** Config {@code postprocess}: absent or "none", or this (see {@code Gs2pmNowcaster}). */
    public static final String POSTPROCESS_PROBABILITY_MATCHING = "probability-matching";

    /** The post-processing name, "none" for null; anything else unknown fails naming the field. */
    public static String checkPostprocess(String postprocess) {
        if (postprocess == null || postprocess.equals("none")) {
            return "none";
        }
        if (!postprocess.equals(POSTPROCESS_PROBABILITY_MATCHING)) {
            throw new IllegalArgumentException("postprocess is '" + postprocess + "', expected 'none' or '"
                    + POSTPROCESS_PROBABILITY_MATCHING + "'");
        }
        return postprocess;
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Where the weights came from. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Provenance(@JsonProperty("source") String source, @JsonProperty("created") String created,
                             @JsonProperty("notes") String notes) {
    }

    /** The JSON config, field names as in the file. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Config(@JsonProperty("format") String format,
                         @JsonProperty("model") String model,
                         @JsonProperty("scale") String scale,
                         @JsonProperty("version") String version,
                         @JsonProperty("mode") String mode,
                         @JsonProperty("hid_S") int hidS,
                         @JsonProperty("hid_T") int hidT,
                         @JsonProperty("N_S") int nS,
                         @JsonProperty("N_T") int nT,
                         @JsonProperty("mlp_ratio") int mlpRatio,
                         @JsonProperty("heads") int heads,
                         @JsonProperty("channels") int channels,
                         @JsonProperty("image_size") int imageSize,
                         @JsonProperty("input_frames") int inputFrames,
                         @JsonProperty("output_frames") int outputFrames,
                         @JsonProperty("output") String output,
                         @JsonProperty("extrapolation") ExtrapolationSettings extrapolation,
                         @JsonProperty("postprocess") String postprocess,
                         @JsonProperty("product") String product,
                         @JsonProperty("normalisation") Normalisation normalisation,
                         @JsonProperty("provenance") Provenance provenance,
                         @JsonProperty("other_normalisations") List<Normalisation> otherNormalisations) {

        public static Config of(Gs2pmConfig c, String version, String product, Normalisation n, Provenance p) {
            return of(c, version, product, n, p, null);
        }

        /** With rules for further quantities the model accepts (e.g. reflectivity for a rain-rate model). */
        public static Config of(Gs2pmConfig c, String version, String product, Normalisation n, Provenance p,
                                List<Normalisation> others) {
            boolean conditioned = c.advectionConditioned();
            return new Config(FORMAT, "gs2pm", c.scaleName(), version, conditioned ? MODE_ADVECTION_CONDITIONED : null, c.hidS(), c.hidT(),
                    c.nS(), c.nT(), c.mlpRatio(), c.heads(), c.channels(), c.imageSize(), c.frames(), c.frames(),
                    conditioned ? OUTPUT_CORRECTION : c.residual() ? OUTPUT_INCREMENT : null,
                    conditioned ? ExtrapolationSettings.defaults() : null, null, product, n, p,
                    others == null || others.isEmpty() ? null : List.copyOf(others));
        }

        /** The same config with another post-processing ({@code none} or {@link #POSTPROCESS_PROBABILITY_MATCHING}). */
        public Config withPostprocess(String value) {
            String p = checkPostprocess(value);
            return new Config(format, model, scale, version, mode, hidS, hidT, nS, nT, mlpRatio, heads, channels, imageSize, inputFrames,
                    outputFrames, output, extrapolation, p.equals("none") ? null : p, product, normalisation, provenance, otherNormalisations);
        }

        /** The rule for a quantity: the main one or one of {@code other_normalisations}. */
        public java.util.Optional<Normalisation> normalisationFor(nowcast.frame.Quantity quantity) {
            if (normalisation != null && normalisation.quantity() == quantity) {
                return java.util.Optional.of(normalisation);
            }
            return otherNormalisations == null ? java.util.Optional.empty()
                    : otherNormalisations.stream().filter(n -> n.quantity() == quantity).findFirst();
        }

        /** Every quantity the model has a rule for, main one first. */
        public List<nowcast.frame.Quantity> quantities() {
            List<nowcast.frame.Quantity> out = new java.util.ArrayList<>();
            if (normalisation != null) {
                out.add(normalisation.quantity());
            }
            if (otherNormalisations != null) {
                otherNormalisations.forEach(n -> out.add(n.quantity()));
            }
            return out;
        }

        /** The network config; fails naming the field when the values are inconsistent. */
        public Gs2pmConfig network() {
            if (inputFrames != outputFrames) {
                throw new IllegalArgumentException("config input_frames (" + inputFrames + ") must equal output_frames ("
                        + outputFrames + "): GS2PM predicts as many frames as it reads");
            }
            if (normalisation == null) {
                throw new IllegalArgumentException("config has no 'normalisation'");
            }
            checkPostprocess(postprocess);
            Gs2pmConfig.Mode networkMode = networkMode();
            if (networkMode == Gs2pmConfig.Mode.ADVECTION_CONDITIONED) {
                if (!OUTPUT_CORRECTION.equals(output)) {
                    throw new IllegalArgumentException("config field 'output' is '" + output + "', but mode '" + mode
                            + "' needs '" + OUTPUT_CORRECTION + "'");
                }
                if (extrapolation == null) {
                    throw new IllegalArgumentException("config of mode '" + mode + "' has no 'extrapolation' (the motion and "
                            + "advection settings the network was trained with)");
                }
            } else if (output != null && !output.equals("frames") && !output.equals(OUTPUT_INCREMENT)) {
                throw new IllegalArgumentException("config field 'output' is '" + output + "', expected 'frames' or '"
                        + OUTPUT_INCREMENT + "'");
            }
            return Gs2pmConfig.builder().hidS(hidS).hidT(hidT).nS(nS).nT(nT).mlpRatio(mlpRatio).heads(heads)
                    .channels(channels).imageSize(imageSize).frames(inputFrames).residual(OUTPUT_INCREMENT.equals(output))
                    .mode(networkMode).build();
        }

        /** The {@code mode} field: absent or "official", or {@link #MODE_ADVECTION_CONDITIONED}; anything else fails. */
        public Gs2pmConfig.Mode networkMode() {
            if (mode == null || mode.equals("official")) {
                return Gs2pmConfig.Mode.OFFICIAL;
            }
            if (mode.equals(MODE_ADVECTION_CONDITIONED)) {
                return Gs2pmConfig.Mode.ADVECTION_CONDITIONED;
            }
            throw new IllegalArgumentException("config field 'mode' is '" + mode + "', expected 'official' or '"
                    + MODE_ADVECTION_CONDITIONED + "'");
        }
    }

    private final Path dir;
    private final Config config;
    private final String hash;

    private Gs2pmArtifact(Path dir, Config config, String hash) {
        this.dir = dir;
        this.config = config;
        this.hash = hash;
    }

    public static Gs2pmArtifact open(Path dir) throws IOException {
        Path cfg = dir.resolve(CONFIG_FILE);
        Path weights = dir.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(cfg)) {
            throw new NoSuchFileException(cfg.toString(), null, "model artifact has no " + CONFIG_FILE);
        }
        if (!Files.isRegularFile(weights)) {
            throw new NoSuchFileException(weights.toString(), null, "model artifact has no " + WEIGHTS_FILE);
        }
        Config config;
        try {
            config = JSON.readValue(cfg.toFile(), Config.class);
        } catch (JsonMappingException e) {
            throw new IOException(cfg + ": invalid config: " + e.getOriginalMessage() + " at " + e.getPathReference(), e);
        }
        if (!FORMAT.equals(config.format())) {
            throw new IOException(cfg + ": field 'format' is '" + config.format() + "', expected '" + FORMAT + "'");
        }
        try {
            config.network();
        } catch (IllegalArgumentException e) {
            throw new IOException(cfg + ": " + e.getMessage(), e);
        }
        return new Gs2pmArtifact(dir, config, sha256(weights, cfg));
    }

    /** Writes a new artifact directory from a loaded model. */
    public static Gs2pmArtifact write(Path dir, Gs2pmModel model, String version, String product, Normalisation normalisation,
                                      Provenance provenance) throws IOException {
        return write(dir, model, Config.of(model.config(), version, product, normalisation, provenance));
    }

    /** Writes a new artifact directory with a prepared config (its sizes must be the model's). */
    public static Gs2pmArtifact write(Path dir, Gs2pmModel model, Config config) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("gs2pm_config", JSON.writeValueAsString(config));
        List<NamedTensor> tensors = model.network().exportStateDict();
        SafeTensors.write(dir.resolve(WEIGHTS_FILE), tensors, meta);
        JSON.writeValue(dir.resolve(CONFIG_FILE).toFile(), config);
        return open(dir);
    }

    public Path directory() {
        return dir;
    }

    public Config config() {
        return config;
    }

    public String hash() {
        return hash;
    }

    public ModelIdentity identity() {
        return new ModelIdentity("gs2pm", config.scale(), config.version(), hash);
    }

    /** Loads the weights into a fresh network; a config that does not match the weights fails naming the tensors. */
    public Gs2pmModel load() throws IOException {
        return load(Device.cpu());
    }

    /** As {@link #load()}, with the parameters on {@code device}. */
    public Gs2pmModel load(Device device) throws IOException {
        Map<String, NamedTensor> tensors = SafeTensors.read(dir.resolve(WEIGHTS_FILE));
        try {
            return Gs2pmModel.withWeights(config.network(), tensors, dir.resolve(WEIGHTS_FILE).toString(), device);
        } catch (IllegalArgumentException e) {
            throw new IOException("artifact " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(Path... files) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        d.update(buf, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
