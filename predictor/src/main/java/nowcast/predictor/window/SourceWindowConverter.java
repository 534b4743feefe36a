package nowcast.predictor.window;

import java.util.List;

import nowcast.schemas.convert.SharedTypes;

/** Conversion of {@link SourceWindow} to and from its Avro record ({@code SourceWindow.avsc} in module schemas). */
final class SourceWindowConverter {

    private SourceWindowConverter() {
    }

    static nowcast.avro.SourceWindow toAvro(SourceWindow w) {
        return nowcast.avro.SourceWindow.newBuilder()
                .setSourceId(w.sourceId())
                .setCadenceMillis(w.cadenceMillis())
                .setProduct(w.product())
                .setMapping(SharedTypes.toAvro(w.mapping()))
                .setGeo(SharedTypes.toAvro(w.geo()))
                .setSlots(w.slots().stream().map(SourceWindowConverter::toAvro).toList())
                .setPending(w.pending().stream().map(SourceWindowConverter::toAvro).toList())
                .build();
    }

    static SourceWindow fromAvro(nowcast.avro.SourceWindow a) {
        String sourceId = a.getSourceId();
        List<FrameSlot> slots = a.getSlots().stream().map(s -> new FrameSlot(s.getTimeMillis(), s.getInterpolated()))
                .toList();
        List<PendingWindow> pending = a.getPending().stream().map(p -> fromAvro(p, sourceId)).toList();
        return new SourceWindow(sourceId, a.getCadenceMillis(), a.getProduct(), SharedTypes.fromAvro(a.getMapping()),
                SharedTypes.fromAvro(a.getGeo()), slots, pending);
    }

    private static nowcast.avro.FrameSlot toAvro(FrameSlot s) {
        return nowcast.avro.FrameSlot.newBuilder().setTimeMillis(s.timeMillis()).setInterpolated(s.interpolated())
                .build();
    }

    private static nowcast.avro.PendingWindow toAvro(PendingWindow p) {
        return nowcast.avro.PendingWindow.newBuilder()
                .setBaseTimeMillis(p.baseTimeMillis())
                .setInputTimesMillis(p.inputTimesMillis())
                .setInterpolatedMillis(p.interpolatedMillis())
                .setCadenceMillis(p.cadenceMillis())
                .setProduct(p.product())
                .setMapping(SharedTypes.toAvro(p.mapping()))
                .setFrameTimestampMillis(p.frameTimestampMillis())
                .setReadyAtMillis(p.readyAtMillis())
                .build();
    }

    /** A pending window's source is its window's; the record does not repeat it. */
    private static PendingWindow fromAvro(nowcast.avro.PendingWindow p, String sourceId) {
        return new PendingWindow(sourceId, p.getBaseTimeMillis(), p.getInputTimesMillis(), p.getInterpolatedMillis(),
                p.getCadenceMillis(), p.getProduct(), SharedTypes.fromAvro(p.getMapping()), p.getFrameTimestampMillis(),
                p.getReadyAtMillis());
    }
}
