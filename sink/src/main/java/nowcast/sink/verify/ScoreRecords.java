package nowcast.sink.verify;

import java.util.List;

import nowcast.avro.VerificationScore;
import nowcast.scoring.Contingency;

/** The one place where lead scores become their Avro wire form. */
public final class ScoreRecords {

    private ScoreRecords() {
    }

    public static VerificationScore toAvro(LeadScore s) {
        List<nowcast.avro.ThresholdScore> categories = s.score().categories().stream()
                .map(t -> nowcast.avro.ThresholdScore.newBuilder().setThreshold(t.threshold())
                        .setHits(Math.toIntExact(t.hits())).setMisses(Math.toIntExact(t.misses()))
                        .setFalseAlarms(Math.toIntExact(t.falseAlarms())).setCsi(Contingency.definedOrNull(t.csi()))
                        .setPod(Contingency.definedOrNull(t.pod())).setFar(Contingency.definedOrNull(t.far())).build())
                .toList();
        return VerificationScore.newBuilder()
                .setSourceId(s.sourceId())
                .setBaseTime(s.baseTime())
                .setLeadMillis(s.lead().toMillis())
                .setValidTime(s.validTime())
                .setMethod(s.method())
                .setQuantity(nowcast.avro.Quantity.valueOf(s.quantity().name()))
                .setValidPixels(s.score().validPixels())
                .setMse(s.score().mse())
                .setMae(s.score().mae())
                .setCategories(categories)
                .setScoredAt(s.scoredAt())
                .build();
    }
}
