package nowcast.ingestion.readers;

import nowcast.frame.PhysicalField;

/** The statistics docs/spec/radar-formats.md lists for each reference file. */
record FieldSummary(int nanCount, double min, double max, int argmaxRow, int argmaxCol, double finiteSum) {

    static FieldSummary of(PhysicalField field) {
        int nan = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int arg = -1;
        double sum = 0;
        float[] v = field.values();
        for (int i = 0; i < v.length; i++) {
            if (Float.isNaN(v[i])) {
                nan++;
                continue;
            }
            sum += v[i];
            min = Math.min(min, v[i]);
            if (v[i] > max) {
                max = v[i];
                arg = i;
            }
        }
        return new FieldSummary(nan, min, max, arg / field.cols(), arg % field.cols(), sum);
    }
}
