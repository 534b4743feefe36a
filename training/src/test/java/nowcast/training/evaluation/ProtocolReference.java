package nowcast.training.evaluation;

import java.util.List;

/**
 * The reference skill table of BENCHMARK-PROTOCOL.md ("Reference skill on the development events"),
 * as printed there: MSE and MAE x1e3, SSIM, CSI at the three event thresholds.
 */
record ProtocolReference(String method, String event, String lead, double mseE3, double maeE3, double ssim,
                         double csi1, double csi2, double csi3) {

    static final List<ProtocolReference> TABLE = List.of(
            new ProtocolReference("persistence", "knmi_20100826", "5", 0.031, 2.45, 0.960, 0.586, 0.206, 0.032),
            new ProtocolReference("persistence", "knmi_20100826", "30", 0.105, 5.34, 0.849, 0.245, 0.023, 0.000),
            new ProtocolReference("persistence", "knmi_20100826", "50", 0.130, 6.26, 0.809, 0.153, 0.009, 0.000),
            new ProtocolReference("persistence", "knmi_20100826", "avg", 0.093, 4.88, 0.867, 0.298, 0.056, 0.004),
            new ProtocolReference("persistence", "mch_20170131", "5", 0.079, 4.32, 0.925, 0.655, 0.356, 0.179),
            new ProtocolReference("persistence", "mch_20170131", "30", 0.288, 9.36, 0.739, 0.326, 0.080, 0.002),
            new ProtocolReference("persistence", "mch_20170131", "50", 0.275, 9.43, 0.732, 0.327, 0.051, 0.005),
            new ProtocolReference("persistence", "mch_20170131", "avg", 0.246, 8.42, 0.774, 0.391, 0.110, 0.026),
            new ProtocolReference("persistence", "fmi_20170509", "5", 4.117, 32.54, 0.705, 0.417, 0.145, 0.000),
            new ProtocolReference("persistence", "fmi_20170509", "30", 21.492, 92.23, 0.099, 0.034, 0.000, 0.000),
            new ProtocolReference("persistence", "fmi_20170509", "50", 22.035, 93.81, 0.108, 0.040, 0.002, 0.000),
            new ProtocolReference("persistence", "fmi_20170509", "avg", 17.717, 79.74, 0.209, 0.103, 0.017, 0.000),
            new ProtocolReference("extrapolation", "knmi_20100826", "5", 0.006, 1.00, 0.994, 0.820, 0.511, 0.352),
            new ProtocolReference("extrapolation", "knmi_20100826", "30", 0.059, 3.39, 0.933, 0.498, 0.033, 0.000),
            new ProtocolReference("extrapolation", "knmi_20100826", "50", 0.086, 4.31, 0.896, 0.378, 0.002, 0.000),
            new ProtocolReference("extrapolation", "knmi_20100826", "avg", 0.050, 3.00, 0.941, 0.548, 0.128, 0.053),
            new ProtocolReference("extrapolation", "mch_20170131", "5", 0.022, 2.20, 0.978, 0.817, 0.582, 0.465),
            new ProtocolReference("extrapolation", "mch_20170131", "30", 0.174, 7.10, 0.837, 0.467, 0.170, 0.082),
            new ProtocolReference("extrapolation", "mch_20170131", "50", 0.244, 8.74, 0.768, 0.345, 0.094, 0.012),
            new ProtocolReference("extrapolation", "mch_20170131", "avg", 0.148, 6.26, 0.859, 0.524, 0.243, 0.145),
            new ProtocolReference("extrapolation", "fmi_20170509", "5", 1.459, 20.46, 0.858, 0.559, 0.168, 0.000),
            new ProtocolReference("extrapolation", "fmi_20170509", "30", 8.030, 50.14, 0.473, 0.250, 0.010, 0.000),
            new ProtocolReference("extrapolation", "fmi_20170509", "50", 12.934, 67.79, 0.295, 0.140, 0.005, 0.000),
            new ProtocolReference("extrapolation", "fmi_20170509", "avg", 7.257, 46.04, 0.534, 0.302, 0.044, 0.000));

    static List<ProtocolReference> rows(String method, String event) {
        return TABLE.stream().filter(r -> r.method.equals(method) && r.event.equals(event)).toList();
    }

    /** The lead in frame steps of 5 minutes, or 0 for "avg". */
    int leadSteps() {
        return lead.equals("avg") ? 0 : Integer.parseInt(lead) / 5;
    }
}
