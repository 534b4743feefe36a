package nowcast.model.gs2pm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hyper-parameters of one GS2PM network (docs/spec/gs2pm.md section 1) and the switches for the
 * official code's quirks. Build with {@link #builder()} or {@link #scale(String)}; {@code build()}
 * rejects inconsistent values with a message naming them.
 *
 * @param hidS spatial width of encoder and decoder (64 in all published scales)
 * @param hidT translator width (must be divisible by {@code heads})
 * @param nS encoder/decoder depth (even, at least 2)
 * @param nT translator depth (at least 2)
 * @param frames T, input frames = output frames
 * @param channels image channels (the prompt and mask of the official network need 3)
 * @param imageSize H = W (the official prompt and mask need 128)
 * @param mlpRatio MLP expansion in both translator blocks (8)
 * @param heads attention heads in SABlock (8)
 * @param dropPath the constructor's drop_path (0 in MS2Pv3)
 * @param officialDropPathSchedule true (default): rates linspace(0.01, dropPath, N_T) as the official
 *        code does even with dropPath 0; false: linspace(0, dropPath, N_T), i.e. none when dropPath is 0
 * @param officialMask true (default): the reconstruction mask keeps the 60 % "masked" patches and
 *        zeroes the rest, as the official code does; false: the SimMIM convention (selected zeroed)
 * @param residual false (default, the official network): the output frames are the prediction;
 *        true: the output is an increment that is added to the last input frame, so a network whose
 *        readout is zero forecasts persistence (an option of this project, stored in the artifact)
 * @param mode {@link Mode#OFFICIAL} (default): the network reads the observed frames;
 *        {@link Mode#ADVECTION_CONDITIONED}: it reads the observations and their extrapolation and its
 *        output is a correction to the extrapolation (docs/model.md), so it starts with a zero readout
 */
public record Gs2pmConfig(int hidS, int hidT, int nS, int nT, int frames, int channels, int imageSize,
                          int mlpRatio, int heads, float dropPath, boolean officialDropPathSchedule,
                          boolean officialMask, boolean residual, Mode mode) {

    public static final List<String> SCALES = List.of("tiny", "medium", "large");

    /** What the network reads and what its output means; the layers are the same in both. */
    public enum Mode {
        /** The official GS2PM: observed frames in, predicted frames (or increments, see {@code residual}) out. */
        OFFICIAL,
        /**
         * This project's nowcaster on top of extrapolation: per time slot t the channels are the
         * extrapolation to lead t+1, observation t moved along the motion to the time of the last
         * observation, and observation t itself; the mean of the output channels is added to the
         * extrapolation.
         */
        ADVECTION_CONDITIONED
    }

    public Gs2pmConfig {
        List<String> problems = new ArrayList<>();
        if (hidS <= 0) {
            problems.add("hid_S must be positive, got " + hidS);
        }
        if (hidT <= 0) {
            problems.add("hid_T must be positive, got " + hidT);
        }
        if (nS < 2 || nS % 2 != 0) {
            problems.add("N_S must be even and at least 2, got " + nS);
        }
        if (nT < 2) {
            problems.add("N_T must be at least 2, got " + nT);
        }
        if (frames < 1) {
            problems.add("frames (T) must be at least 1, got " + frames);
        }
        if (channels != 3) {
            problems.add("channels must be 3 (the official prompt and mask hard-code 3; replicate 1-channel data), got " + channels);
        }
        if (imageSize != 128) {
            problems.add("image size must be 128 (the official prompt and mask hard-code 128), got " + imageSize);
        }
        if (mlpRatio < 1) {
            problems.add("mlp_ratio must be at least 1, got " + mlpRatio);
        }
        if (heads < 1 || (hidT > 0 && hidT % heads != 0)) {
            problems.add("hid_T (" + hidT + ") must be divisible by the number of heads (" + heads + ")");
        }
        if (hidS > 0 && hidS % 2 != 0) {
            problems.add("hid_S must be even (GroupNorm with 2 groups), got " + hidS);
        }
        if (mode == null) {
            problems.add("mode must be given (OFFICIAL or ADVECTION_CONDITIONED)");
        } else if (mode == Mode.ADVECTION_CONDITIONED && residual) {
            problems.add("an advection-conditioned network corrects the extrapolation; it cannot also add its output to the last frame (residual)");
        }
        if (dropPath < 0f || dropPath >= 1f) {
            problems.add("drop_path must be in [0, 1), got " + dropPath);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid GS2PM config: " + String.join("; ", problems));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder preset to a published scale: tiny (64/128/4/8), medium (64/384/4/32), large (64/560/4/70). */
    public static Builder scale(String name) {
        Builder b = builder();
        switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "tiny", "small" -> b.hidS(64).hidT(128).nS(4).nT(8);
            case "medium" -> b.hidS(64).hidT(384).nS(4).nT(32);
            case "large" -> b.hidS(64).hidT(560).nS(4).nT(70);
            default -> throw new IllegalArgumentException("unknown GS2PM scale '" + name + "'; known: " + String.join(", ", SCALES));
        }
        return b;
    }

    /**
     * The sizes a state_dict was made with, read from its tensor shapes (hid_S, N_S, T, hid_T, N_T,
     * mlp_ratio); heads are not visible in the shapes and stay 8.
     */
    public static Gs2pmConfig inferFromShapes(Map<String, long[]> shapes) {
        long[] enc0 = require(shapes, "enc.enc.0.conv.conv.weight");
        int hidS = (int) enc0[0];
        int channels = (int) enc0[1];
        int nS = count(shapes, "enc.enc.");
        int nT = count(shapes, "translator.enc.");
        long[] pos0 = require(shapes, "translator.enc.0.block.pos_embed.weight");
        int d0 = (int) pos0[0];
        if (d0 % hidS != 0) {
            throw new IllegalArgumentException("translator.enc.0.block.pos_embed.weight has " + d0
                    + " channels, not a multiple of hid_S=" + hidS + " (from enc.enc.0.conv.conv.weight)");
        }
        long[] red0 = shapes.get("translator.enc.0.reduction.weight");
        int hidT = red0 != null ? (int) red0[0] : d0;
        long[] fc1 = require(shapes, "translator.enc.0.block.mlp.fc1.weight");
        int mlpRatio = (int) (fc1[0] / d0);
        return builder().hidS(hidS).channels(channels).nS(nS).nT(nT).frames(d0 / hidS).hidT(hidT).mlpRatio(mlpRatio).build();
    }

    private static long[] require(Map<String, long[]> shapes, String name) {
        long[] s = shapes.get(name);
        if (s == null) {
            throw new IllegalArgumentException("cannot infer GS2PM sizes: the weights have no tensor " + name
                    + " (is this a GS2PM/MS2Pv3 state_dict?)");
        }
        return s;
    }

    private static int count(Map<String, long[]> shapes, String prefix) {
        int max = -1;
        for (String k : shapes.keySet()) {
            if (k.startsWith(prefix)) {
                String rest = k.substring(prefix.length());
                int dot = rest.indexOf('.');
                if (dot > 0 && rest.substring(0, dot).chars().allMatch(Character::isDigit)) {
                    max = Math.max(max, Integer.parseInt(rest.substring(0, dot)));
                }
            }
        }
        return max + 1;
    }

    /** The published scale these sizes match, or "custom". */
    public String scaleName() {
        for (String s : SCALES) {
            Gs2pmConfig c = scale(s).frames(frames).build();
            if (c.hidS == hidS && c.hidT == hidT && c.nS == nS && c.nT == nT && mlpRatio == 8 && heads == 8) {
                return s;
            }
        }
        return "custom";
    }

    /** D0 = T * hid_S, the translator's input and output width. */
    public int translatorInputWidth() {
        return frames * hidS;
    }

    /** Latent side h = w = H / 2^(N_S/2). */
    public int latentSize() {
        return imageSize >> (nS / 2);
    }

    /** DropPath rate of each translator layer (docs/spec/gs2pm.md section 9); the last layer gets {@code dropPath}. */
    public float[] dropPathRates() {
        float start = officialDropPathSchedule ? 0.01f : 0f;
        float[] rates = new float[nT];
        for (int i = 0; i < nT; i++) {
            // torch.linspace in float32
            rates[i] = start + (dropPath - start) * i / (nT - 1);
        }
        rates[nT - 1] = dropPath;
        return rates;
    }

    public boolean advectionConditioned() {
        return mode == Mode.ADVECTION_CONDITIONED;
    }

    /** Whether a fresh network gets a zero readout, so that it starts as its baseline (persistence or extrapolation). */
    public boolean startsFromBaseline() {
        return residual || advectionConditioned();
    }

    public String describe() {
        return String.format(Locale.ROOT, "%s (hid_S=%d, hid_T=%d, N_S=%d, N_T=%d, T=%d%s)", scaleName(), hidS, hidT, nS, nT, frames,
                advectionConditioned() ? ", advection-conditioned" : "");
    }

    public static final class Builder {
        private int hidS = 64;
        private int hidT = 128;
        private int nS = 4;
        private int nT = 8;
        private int frames = 10;
        private int channels = 3;
        private int imageSize = 128;
        private int mlpRatio = 8;
        private int heads = 8;
        private float dropPath = 0f;
        private boolean officialDropPathSchedule = true;
        private boolean officialMask = true;
        private boolean residual;
        private Mode mode = Mode.OFFICIAL;

        public Builder hidS(int v) {
            hidS = v;
            return this;
        }

        public Builder hidT(int v) {
            hidT = v;
            return this;
        }

        public Builder nS(int v) {
            nS = v;
            return this;
        }

        public Builder nT(int v) {
            nT = v;
            return this;
        }

        public Builder frames(int v) {
            frames = v;
            return this;
        }

        public Builder channels(int v) {
            channels = v;
            return this;
        }

        public Builder imageSize(int v) {
            imageSize = v;
            return this;
        }

        public Builder mlpRatio(int v) {
            mlpRatio = v;
            return this;
        }

        public Builder heads(int v) {
            heads = v;
            return this;
        }

        public Builder dropPath(float v) {
            dropPath = v;
            return this;
        }

        public Builder officialDropPathSchedule(boolean v) {
            officialDropPathSchedule = v;
            return this;
        }

        public Builder officialMask(boolean v) {
            officialMask = v;
            return this;
        }

        public Builder residual(boolean v) {
            residual = v;
            return this;
        }

        public Builder mode(Mode v) {
            mode = v;
            return this;
        }

        public Gs2pmConfig build() {
            return new Gs2pmConfig(hidS, hidT, nS, nT, frames, channels, imageSize, mlpRatio, heads, dropPath,
                    officialDropPathSchedule, officialMask, residual, mode);
        }
    }
}
