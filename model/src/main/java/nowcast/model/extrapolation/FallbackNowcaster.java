package nowcast.model.extrapolation;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.forecast.ModelIdentity;
import nowcast.frame.PhysicalField;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.Nowcasters;

/**
 * Keeps forecasts flowing when the primary nowcaster cannot: if it failed to load, every batch goes
 * to the fallback (by default extrapolation); if it throws on a batch, that batch is retried on the
 * fallback and the failure is logged and counted. Callers that need to know which one answered read
 * {@link #primaryLoaded()} and {@link #fallbackBatches()}.
 */
public final class FallbackNowcaster implements Nowcaster {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackNowcaster.class);

    private final Nowcaster primary;
    private final Nowcaster fallback;
    private final AtomicLong fallbackBatches = new AtomicLong();

    /**
     * The registry nowcaster {@code primaryName} built from {@code options}, backed by extrapolation;
     * if it cannot be built (unknown name, missing artifact, engine error) only extrapolation answers.
     */
    public static FallbackNowcaster withExtrapolation(String primaryName, NowcasterOptions options) {
        return loading(primaryName, () -> Nowcasters.byName(primaryName, options),
                ExtrapolationNowcaster.create(options));
    }

    /** Loads the primary now; a load failure is logged and leaves only the fallback. */
    public static FallbackNowcaster loading(String primaryName, Supplier<Nowcaster> primaryLoader,
                                            Nowcaster fallback) {
        Nowcaster primary;
        try {
            primary = primaryLoader.get();
        } catch (RuntimeException e) {
            LOG.warn("nowcaster '{}' could not be loaded ({}); forecasting with '{}' instead", primaryName,
                    e.getMessage(), fallback.identity().name(), e);
            primary = null;
        }
        return new FallbackNowcaster(primary, fallback);
    }

    /** {@code primary} may be null (not loaded). */
    public FallbackNowcaster(Nowcaster primary, Nowcaster fallback) {
        if (fallback == null) {
            throw new IllegalArgumentException("a fallback nowcaster is required");
        }
        if (primary != null && primary.outputFrames() != fallback.outputFrames()) {
            throw new IllegalArgumentException("primary " + primary.identity().name() + " predicts "
                    + primary.outputFrames() + " frames but fallback " + fallback.identity().name() + " predicts "
                    + fallback.outputFrames());
        }
        this.primary = primary;
        this.fallback = fallback;
    }

    public boolean primaryLoaded() {
        return primary != null;
    }

    /** How many batches the fallback answered because the primary threw or was not loaded. */
    public long fallbackBatches() {
        return fallbackBatches.get();
    }

    @Override
    public ModelIdentity identity() {
        return primary != null ? primary.identity() : fallback.identity();
    }

    @Override
    public int inputFrames() {
        return primary != null ? primary.inputFrames() : fallback.inputFrames();
    }

    @Override
    public int outputFrames() {
        return fallback.outputFrames();
    }

    @Override
    public List<List<PhysicalField>> predict(List<InputWindow> windows) {
        return answer(windows).frames();
    }

    @Override
    public Answer answer(List<InputWindow> windows) {
        if (primary != null) {
            try {
                return primary.answer(windows);
            } catch (RuntimeException e) {
                LOG.warn("nowcaster '{}' failed on a batch of {} windows ({}); answering with '{}'",
                        primary.identity().name(), windows.size(), e.getMessage(), fallback.identity().name(), e);
            }
        }
        fallbackBatches.incrementAndGet();
        return fallback.answer(windows);
    }

    @Override
    public void close() {
        if (primary != null) {
            primary.close();
        }
        fallback.close();
    }
}
