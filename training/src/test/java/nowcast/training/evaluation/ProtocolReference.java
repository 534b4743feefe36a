package nowcast.training.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The published reference skill of the event catalogue (persistence and the reference extrapolation,
 * dense Farneback flow), copied as printed: leads 1, 6 and 10 frame steps (the table gives them in
 * minutes at each event's cadence) and "avg", the mean over leads 1-10; MSE and MAE x1e3 on the
 * normalised scale, SSIM, CSI at the event's three thresholds; "–" is a CSI that is undefined (no
 * event observed or forecast). The knmi, mch and fmi rows are also those of the first protocol.
 */
record ProtocolReference(String method, String event, String lead, double mseE3, double maeE3, double ssim,
                         double csi1, double csi2, double csi3) {

    private static final String TABLE = """
            | persistence | knmi_20100826 | 5 min | 0.031 | 2.45 | 0.960 | 0.586 | 0.206 | 0.032 |
            | persistence | knmi_20100826 | 30 min | 0.105 | 5.34 | 0.849 | 0.245 | 0.023 | 0.000 |
            | persistence | knmi_20100826 | 50 min | 0.130 | 6.26 | 0.809 | 0.153 | 0.009 | 0.000 |
            | persistence | knmi_20100826 | avg | 0.093 | 4.88 | 0.867 | 0.298 | 0.056 | 0.004 |
            | persistence | mch_20170131 | 5 min | 0.079 | 4.32 | 0.925 | 0.655 | 0.356 | 0.179 |
            | persistence | mch_20170131 | 30 min | 0.288 | 9.36 | 0.739 | 0.326 | 0.080 | 0.002 |
            | persistence | mch_20170131 | 50 min | 0.275 | 9.43 | 0.732 | 0.327 | 0.051 | 0.005 |
            | persistence | mch_20170131 | avg | 0.246 | 8.42 | 0.774 | 0.391 | 0.110 | 0.026 |
            | persistence | fmi_20170509 | 5 min | 4.117 | 32.54 | 0.705 | 0.417 | 0.145 | 0.000 |
            | persistence | fmi_20170509 | 30 min | 21.492 | 92.23 | 0.099 | 0.034 | 0.000 | 0.000 |
            | persistence | fmi_20170509 | 50 min | 22.035 | 93.81 | 0.108 | 0.040 | 0.002 | 0.000 |
            | persistence | fmi_20170509 | avg | 17.717 | 79.74 | 0.209 | 0.103 | 0.017 | 0.000 |
            | persistence | bom_20180616 | 6 min | 0.200 | 5.78 | 0.875 | 0.605 | 0.298 | 0.196 |
            | persistence | bom_20180616 | 36 min | 0.537 | 10.63 | 0.738 | 0.355 | 0.082 | 0.020 |
            | persistence | bom_20180616 | 60 min | 0.600 | 11.55 | 0.710 | 0.339 | 0.068 | 0.011 |
            | persistence | bom_20180616 | avg | 0.483 | 9.84 | 0.759 | 0.399 | 0.117 | 0.047 |
            | persistence | opera_20180824 | 15 min | 0.141 | 3.28 | 0.929 | 0.531 | 0.291 | 0.198 |
            | persistence | opera_20180824 | 90 min | 0.414 | 6.22 | 0.804 | 0.163 | 0.019 | 0.002 |
            | persistence | opera_20180824 | 150 min | 0.331 | 6.17 | 0.796 | 0.080 | 0.006 | 0.000 |
            | persistence | opera_20180824 | avg | 0.321 | 5.56 | 0.831 | 0.219 | 0.070 | 0.040 |
            | persistence | unica_20180505_1745 | 5 min | 2.602 | 10.65 | 0.882 | 0.403 | 0.272 | 0.064 |
            | persistence | unica_20180505_1745 | 30 min | 6.957 | 21.52 | 0.821 | 0.058 | 0.016 | 0.000 |
            | persistence | unica_20180505_1745 | 50 min | 7.423 | 22.61 | 0.814 | 0.025 | 0.008 | 0.000 |
            | persistence | unica_20180505_1745 | avg | 6.122 | 19.47 | 0.832 | 0.118 | 0.060 | 0.010 |
            | persistence | unica_20181014_0515 | 5 min | 3.666 | 12.97 | 0.889 | 0.483 | 0.378 | 0.129 |
            | persistence | unica_20181014_0515 | 30 min | 9.240 | 24.90 | 0.846 | 0.182 | 0.092 | 0.006 |
            | persistence | unica_20181014_0515 | 50 min | 10.472 | 27.33 | 0.839 | 0.127 | 0.053 | 0.012 |
            | persistence | unica_20181014_0515 | avg | 8.315 | 22.92 | 0.853 | 0.229 | 0.135 | 0.024 |
            | persistence | unica_20190320_0005 | 5 min | 1.497 | 8.31 | 0.877 | 0.435 | 0.308 | – |
            | persistence | unica_20190320_0005 | 30 min | 4.828 | 18.79 | 0.794 | 0.085 | 0.000 | – |
            | persistence | unica_20190320_0005 | 50 min | 5.353 | 20.05 | 0.789 | 0.027 | 0.005 | – |
            | persistence | unica_20190320_0005 | avg | 4.227 | 16.87 | 0.808 | 0.142 | 0.047 | – |
            | persistence | unica_20190412_1220 | 5 min | 2.423 | 11.10 | 0.859 | 0.400 | 0.179 | 0.000 |
            | persistence | unica_20190412_1220 | 30 min | 6.127 | 21.27 | 0.799 | 0.056 | 0.000 | 0.000 |
            | persistence | unica_20190412_1220 | 50 min | 6.018 | 20.60 | 0.795 | 0.068 | 0.001 | 0.000 |
            | persistence | unica_20190412_1220 | avg | 5.406 | 19.21 | 0.809 | 0.119 | 0.030 | 0.000 |
            | persistence | unica_20191111_0710 | 5 min | 2.918 | 12.80 | 0.839 | 0.188 | 0.048 | 0.000 |
            | persistence | unica_20191111_0710 | 30 min | 4.763 | 18.72 | 0.803 | 0.090 | 0.080 | 0.000 |
            | persistence | unica_20191111_0710 | 50 min | 5.778 | 21.74 | 0.791 | 0.014 | 0.083 | 0.000 |
            | persistence | unica_20191111_0710 | avg | 4.541 | 18.00 | 0.809 | 0.098 | 0.075 | 0.000 |
            | persistence | unica_20200120_1440 | 5 min | 3.649 | 15.02 | 0.823 | 0.059 | 0.006 | – |
            | persistence | unica_20200120_1440 | 30 min | 4.480 | 17.82 | 0.800 | 0.024 | 0.006 | – |
            | persistence | unica_20200120_1440 | 50 min | 4.601 | 18.06 | 0.799 | 0.009 | 0.000 | – |
            | persistence | unica_20200120_1440 | avg | 4.401 | 17.51 | 0.803 | 0.021 | 0.002 | – |
            | persistence | unica_20200911_1315 | 5 min | 2.536 | 9.81 | 0.893 | 0.525 | 0.402 | 0.097 |
            | persistence | unica_20200911_1315 | 30 min | 9.175 | 25.01 | 0.820 | 0.094 | 0.037 | 0.000 |
            | persistence | unica_20200911_1315 | 50 min | 10.449 | 28.06 | 0.799 | 0.032 | 0.008 | 0.000 |
            | persistence | unica_20200911_1315 | avg | 7.940 | 22.26 | 0.831 | 0.169 | 0.099 | 0.011 |
            | persistence | unica_20230302_0245 | 5 min | 2.545 | 11.71 | 0.866 | 0.184 | 0.010 | – |
            | persistence | unica_20230302_0245 | 30 min | 3.624 | 15.26 | 0.846 | 0.103 | 0.000 | – |
            | persistence | unica_20230302_0245 | 50 min | 3.481 | 14.77 | 0.848 | 0.090 | 0.000 | – |
            | persistence | unica_20230302_0245 | avg | 3.530 | 14.94 | 0.848 | 0.098 | 0.016 | – |
            | extrapolation | knmi_20100826 | 5 min | 0.006 | 1.00 | 0.994 | 0.820 | 0.511 | 0.352 |
            | extrapolation | knmi_20100826 | 30 min | 0.059 | 3.39 | 0.933 | 0.498 | 0.033 | 0.000 |
            | extrapolation | knmi_20100826 | 50 min | 0.086 | 4.31 | 0.896 | 0.378 | 0.002 | 0.000 |
            | extrapolation | knmi_20100826 | avg | 0.050 | 3.00 | 0.941 | 0.548 | 0.128 | 0.053 |
            | extrapolation | mch_20170131 | 5 min | 0.022 | 2.20 | 0.978 | 0.817 | 0.582 | 0.465 |
            | extrapolation | mch_20170131 | 30 min | 0.174 | 7.10 | 0.837 | 0.467 | 0.170 | 0.082 |
            | extrapolation | mch_20170131 | 50 min | 0.244 | 8.74 | 0.768 | 0.345 | 0.094 | 0.012 |
            | extrapolation | mch_20170131 | avg | 0.148 | 6.26 | 0.859 | 0.524 | 0.243 | 0.145 |
            | extrapolation | fmi_20170509 | 5 min | 1.459 | 20.46 | 0.858 | 0.559 | 0.168 | 0.000 |
            | extrapolation | fmi_20170509 | 30 min | 8.030 | 50.14 | 0.473 | 0.250 | 0.010 | 0.000 |
            | extrapolation | fmi_20170509 | 50 min | 12.934 | 67.79 | 0.295 | 0.140 | 0.005 | 0.000 |
            | extrapolation | fmi_20170509 | avg | 7.257 | 46.04 | 0.534 | 0.302 | 0.044 | 0.000 |
            | extrapolation | bom_20180616 | 6 min | 0.040 | 2.40 | 0.972 | 0.821 | 0.634 | 0.504 |
            | extrapolation | bom_20180616 | 36 min | 0.327 | 8.18 | 0.802 | 0.474 | 0.195 | 0.081 |
            | extrapolation | bom_20180616 | 60 min | 0.486 | 10.65 | 0.721 | 0.348 | 0.102 | 0.039 |
            | extrapolation | bom_20180616 | avg | 0.284 | 7.28 | 0.829 | 0.530 | 0.270 | 0.158 |
            | extrapolation | opera_20180824 | 15 min | 0.094 | 2.55 | 0.953 | 0.615 | 0.371 | 0.275 |
            | extrapolation | opera_20180824 | 90 min | 0.352 | 5.41 | 0.848 | 0.251 | 0.054 | 0.007 |
            | extrapolation | opera_20180824 | 150 min | 0.318 | 5.93 | 0.815 | 0.138 | 0.006 | 0.000 |
            | extrapolation | opera_20180824 | avg | 0.269 | 4.83 | 0.867 | 0.309 | 0.110 | 0.057 |
            | extrapolation | unica_20180505_1745 | 5 min | 1.349 | 7.29 | 0.915 | 0.559 | 0.360 | 0.099 |
            | extrapolation | unica_20180505_1745 | 30 min | 5.249 | 17.31 | 0.846 | 0.123 | 0.013 | 0.000 |
            | extrapolation | unica_20180505_1745 | 50 min | 5.595 | 17.76 | 0.842 | 0.050 | 0.002 | 0.000 |
            | extrapolation | unica_20180505_1745 | avg | 4.485 | 15.36 | 0.858 | 0.192 | 0.069 | 0.016 |
            | extrapolation | unica_20181014_0515 | 5 min | 2.285 | 10.00 | 0.910 | 0.579 | 0.472 | 0.174 |
            | extrapolation | unica_20181014_0515 | 30 min | 7.161 | 20.75 | 0.860 | 0.240 | 0.131 | 0.000 |
            | extrapolation | unica_20181014_0515 | 50 min | 7.561 | 20.90 | 0.862 | 0.169 | 0.054 | 0.004 |
            | extrapolation | unica_20181014_0515 | avg | 6.230 | 18.64 | 0.869 | 0.292 | 0.180 | 0.027 |
            | extrapolation | unica_20190320_0005 | 5 min | 0.559 | 4.98 | 0.922 | 0.664 | 0.442 | – |
            | extrapolation | unica_20190320_0005 | 30 min | 2.770 | 13.02 | 0.840 | 0.208 | 0.000 | – |
            | extrapolation | unica_20190320_0005 | 50 min | 3.666 | 15.36 | 0.824 | 0.111 | 0.000 | – |
            | extrapolation | unica_20190320_0005 | avg | 2.412 | 11.64 | 0.854 | 0.290 | 0.082 | – |
            | extrapolation | unica_20190412_1220 | 5 min | 1.113 | 7.20 | 0.899 | 0.581 | 0.294 | 0.000 |
            | extrapolation | unica_20190412_1220 | 30 min | 4.244 | 16.67 | 0.815 | 0.180 | 0.009 | 0.000 |
            | extrapolation | unica_20190412_1220 | 50 min | 5.288 | 18.84 | 0.804 | 0.083 | 0.000 | – |
            | extrapolation | unica_20190412_1220 | avg | 3.768 | 15.10 | 0.830 | 0.238 | 0.046 | 0.000 |
            | extrapolation | unica_20191111_0710 | 5 min | 1.170 | 7.31 | 0.890 | 0.428 | 0.182 | 0.000 |
            | extrapolation | unica_20191111_0710 | 30 min | 3.652 | 15.40 | 0.821 | 0.077 | 0.000 | – |
            | extrapolation | unica_20191111_0710 | 50 min | 3.876 | 15.44 | 0.819 | 0.018 | 0.000 | – |
            | extrapolation | unica_20191111_0710 | avg | 3.170 | 13.73 | 0.834 | 0.128 | 0.023 | 0.000 |
            | extrapolation | unica_20200120_1440 | 5 min | 2.021 | 10.23 | 0.861 | 0.243 | 0.060 | – |
            | extrapolation | unica_20200120_1440 | 30 min | 3.579 | 14.64 | 0.820 | 0.009 | 0.000 | – |
            | extrapolation | unica_20200120_1440 | 50 min | 3.063 | 12.04 | 0.841 | 0.005 | 0.000 | – |
            | extrapolation | unica_20200120_1440 | avg | 3.200 | 13.46 | 0.831 | 0.053 | 0.007 | – |
            | extrapolation | unica_20200911_1315 | 5 min | 1.955 | 8.53 | 0.909 | 0.569 | 0.441 | 0.102 |
            | extrapolation | unica_20200911_1315 | 30 min | 8.292 | 23.25 | 0.826 | 0.091 | 0.041 | 0.000 |
            | extrapolation | unica_20200911_1315 | 50 min | 8.968 | 24.90 | 0.809 | 0.029 | 0.007 | 0.000 |
            | extrapolation | unica_20200911_1315 | avg | 6.958 | 20.26 | 0.840 | 0.178 | 0.112 | 0.013 |
            | extrapolation | unica_20230302_0245 | 5 min | 1.201 | 7.55 | 0.898 | 0.423 | 0.190 | – |
            | extrapolation | unica_20230302_0245 | 30 min | 3.984 | 16.56 | 0.828 | 0.010 | 0.000 | – |
            | extrapolation | unica_20230302_0245 | 50 min | 3.118 | 13.23 | 0.846 | 0.001 | 0.000 | – |
            | extrapolation | unica_20230302_0245 | avg | 3.242 | 14.12 | 0.846 | 0.080 | 0.022 | – |
            """;

    static final List<ProtocolReference> ROWS = parse(TABLE);

    private static List<ProtocolReference> parse(String table) {
        List<ProtocolReference> out = new ArrayList<>();
        for (String line : table.strip().split("\n")) {
            String[] cells = line.strip().replaceAll("^\\||\\|$", "").split("\\|");
            if (cells.length != 9) {
                throw new IllegalStateException("reference row needs 9 cells: " + line);
            }
            String lead = cells[2].trim().replace(" min", "");
            out.add(new ProtocolReference(cells[0].trim(), cells[1].trim(), lead, number(cells[3]), number(cells[4]),
                    number(cells[5]), number(cells[6]), number(cells[7]), number(cells[8])));
        }
        return List.copyOf(out);
    }

    private static double number(String cell) {
        String text = cell.trim();
        return text.equals("–") ? Double.NaN : Double.parseDouble(text);
    }

    static List<ProtocolReference> rows(String method, String event) {
        return ROWS.stream().filter(r -> r.method.equals(method) && r.event.equals(event)).toList();
    }

    /** The lead in frame steps of the event's cadence (minutes / cadence), or 0 for "avg". */
    int leadSteps(long cadenceMinutes) {
        if (lead.equals("avg")) {
            return 0;
        }
        int minutes = Integer.parseInt(lead);
        if (minutes % cadenceMinutes != 0) {
            throw new IllegalStateException(String.format(Locale.ROOT, "lead %s min of %s is not a whole number of "
                    + "%d-minute steps", lead, event, cadenceMinutes));
        }
        return (int) (minutes / cadenceMinutes);
    }
}
