package nowcast.training.data;

import java.util.ArrayList;
import java.util.List;

import nowcast.frame.Quantity;
import nowcast.training.evaluation.BenchmarkEvent;

/** Every run of {@code length} consecutive frames inside a set of sequences, as windows. */
public final class SequenceWindows implements WindowSource {

    private final String name;
    private final List<FrameSequence> sequences;
    private final int length;
    private final int side;
    private final Quantity quantity;
    /** window i = (sequence starts[i][0], first frame starts[i][1]) */
    private final List<int[]> starts = new ArrayList<>();

    public SequenceWindows(String name, List<FrameSequence> sequences, int length, int side) {
        this(name, sequences, length, side, 0);
    }

    /**
     * @param minWetFraction windows whose valid pixels, over all their frames, reach the protocol's
     *        first threshold (1 mm/h, 20 dBZ) less often than this are left out (0 keeps every window):
     *        a dry window teaches nothing the extrapolation does not already do
     */
    public SequenceWindows(String name, List<FrameSequence> sequences, int length, int side, double minWetFraction) {
        this.name = name;
        this.sequences = List.copyOf(sequences);
        this.length = length;
        this.side = side;
        this.quantity = this.sequences.isEmpty() ? Quantity.RAIN_RATE : this.sequences.get(0).quantity();
        for (int s = 0; s < this.sequences.size(); s++) {
            FrameSequence seq = this.sequences.get(s);
            if (seq.quantity() != quantity) {
                throw new IllegalArgumentException(name + ": sequence " + seq.sourceId() + " holds " + seq.quantity() + ", others "
                        + quantity);
            }
            if (seq.side() != side) {
                throw new IllegalArgumentException(name + ": sequence " + seq.sourceId() + " is " + seq.side() + "x" + seq.side()
                        + ", the model grid is " + side + "x" + side);
            }
            float wet = BenchmarkEvent.defaultThresholds(seq.quantity())[0];
            for (int start = 0; start + length <= seq.length(); start++) {
                if (minWetFraction <= 0 || wetFraction(seq.fields().subList(start, start + length), wet) >= minWetFraction) {
                    starts.add(new int[] {s, start});
                }
            }
        }
    }

    private static double wetFraction(List<float[]> fields, float threshold) {
        long valid = 0;
        long wet = 0;
        for (float[] f : fields) {
            for (float v : f) {
                if (!Float.isNaN(v)) {
                    valid++;
                    if (v >= threshold) {
                        wet++;
                    }
                }
            }
        }
        return valid == 0 ? 0 : wet / (double) valid;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Quantity quantity() {
        return quantity;
    }

    @Override
    public int size() {
        return starts.size();
    }

    @Override
    public int side() {
        return side;
    }

    @Override
    public float[][] window(int index) {
        int[] at = starts.get(index);
        List<float[]> fields = sequences.get(at[0]).fields();
        float[][] out = new float[length][];
        for (int i = 0; i < length; i++) {
            out[i] = fields.get(at[1] + i);
        }
        return out;
    }
}
