package nowcast.app.model;

import nowcast.model.gs2pm.Gs2pmConfig;
import picocli.CommandLine.Option;

/** The GS2PM size options shared by {@code model info} and {@code train pretrain}: a published scale, then overrides. */
public final class NetworkSizeOptions {

    @Option(names = "--scale", description = "Start from a published scale's sizes: tiny (default), medium or large; --hid-s etc. override them.")
    String scale;

    @Option(names = "--hid-s", description = "Encoder/decoder width hid_S (tiny: 64).")
    Integer hidS;

    @Option(names = "--hid-t", description = "Translator width hid_T (tiny: 128).")
    Integer hidT;

    @Option(names = "--n-s", description = "Encoder/decoder depth N_S (tiny: 4).")
    Integer nS;

    @Option(names = "--n-t", description = "Translator depth N_T (tiny: 8).")
    Integer nT;

    /** A builder preset to the scale (tiny when none is given) with the overrides applied. */
    public Gs2pmConfig.Builder builder() {
        Gs2pmConfig.Builder b = Gs2pmConfig.scale(scale != null ? scale : "tiny");
        if (hidS != null) {
            b.hidS(hidS);
        }
        if (hidT != null) {
            b.hidT(hidT);
        }
        if (nS != null) {
            b.nS(nS);
        }
        if (nT != null) {
            b.nT(nT);
        }
        return b;
    }
}
