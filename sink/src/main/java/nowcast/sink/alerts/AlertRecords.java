package nowcast.sink.alerts;

import java.util.ArrayList;
import java.util.List;

import nowcast.avro.AlertAreaType;
import nowcast.avro.AlertKind;

/** The one place where rules and alerts become their Avro wire form and back. */
public final class AlertRecords {

    private AlertRecords() {
    }

    public static nowcast.avro.AlertRule toAvro(AlertRule r) {
        nowcast.avro.AlertArea.Builder area = nowcast.avro.AlertArea.newBuilder();
        if (r.area() instanceof AlertArea.Circle c) {
            area.setType(AlertAreaType.CIRCLE).setLat(c.lat()).setLon(c.lon()).setRadiusKm(c.radiusKm())
                    .setPolygon(List.of());
        } else if (r.area() instanceof AlertArea.Polygon p) {
            area.setType(AlertAreaType.POLYGON).setPolygon(p.vertices().stream().map(v -> List.of(v[0], v[1]))
                    .toList());
        } else {
            area.setType(AlertAreaType.DOMAIN).setPolygon(List.of());
        }
        return nowcast.avro.AlertRule.newBuilder().setId(r.id()).setSourceId(r.sourceId()).setArea(area.build())
                .setThreshold(r.threshold()).setUnit(r.unit()).setProbability(r.probability())
                .setAccumulationMinutes(r.accumulationMinutes()).setWithinMinutes(r.withinMinutes())
                .setWebhook(r.webhook()).setSecret(r.secret()).setCreatedAt(r.createdAt()).build();
    }

    public static AlertRule fromAvro(nowcast.avro.AlertRule a) {
        nowcast.avro.AlertArea ar = a.getArea();
        AlertArea area = switch (ar.getType()) {
            case CIRCLE -> new AlertArea.Circle(ar.getLat(), ar.getLon(), ar.getRadiusKm());
            case POLYGON -> {
                List<double[]> vertices = new ArrayList<>();
                ar.getPolygon().forEach(v -> vertices.add(new double[] {v.get(0), v.get(1)}));
                yield new AlertArea.Polygon(vertices);
            }
            case DOMAIN -> new AlertArea.Domain();
        };
        return new AlertRule(a.getId(), a.getSourceId(), area, a.getThreshold(), a.getUnit(), a.getProbability(),
                a.getAccumulationMinutes(), a.getWithinMinutes(), a.getWebhook(), a.getSecret(), a.getCreatedAt());
    }

    public static nowcast.avro.Alert toAvro(Alert a) {
        return nowcast.avro.Alert.newBuilder().setAlertId(a.alertId()).setRuleId(a.ruleId())
                .setSourceId(a.sourceId()).setKind(AlertKind.valueOf(a.kind().name())).setBaseTime(a.baseTime())
                .setModel(a.model()).setThreshold(a.threshold()).setUnit(a.unit()).setProbability(a.probability())
                .setAccumulationMinutes(a.accumulationMinutes()).setWithinMinutes(a.withinMinutes())
                .setMaxValue(a.maxValue()).setFirstLeadMinutes(a.firstLeadMinutes()).setAreaPixels(a.areaPixels())
                .setIssuedAt(a.issuedAt()).build();
    }

    public static Alert fromAvro(nowcast.avro.Alert a) {
        return new Alert(a.getRuleId(), a.getSourceId(), Alert.Kind.valueOf(a.getKind().name()), a.getBaseTime(),
                a.getModel(), a.getThreshold(), a.getUnit(), a.getProbability(), a.getAccumulationMinutes(),
                a.getWithinMinutes(), a.getMaxValue(), a.getFirstLeadMinutes(), a.getAreaPixels(), a.getIssuedAt());
    }
}
