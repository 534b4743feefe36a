package nowcast.sink.web;

import nowcast.frame.Frame;

/** {@code GET /api/sources/{id}/observed/latest}: the latest observation and where its image is. */
public record ObservedDocument(String sourceId, String time, String product, String quantity, String unit, int rows,
                               int cols, String imageUrl) {

    static ObservedDocument of(String id, Frame frame) {
        return new ObservedDocument(id, frame.time().toString(), frame.product(), frame.quantity().name(),
                frame.quantity().unit(), frame.field().rows(), frame.field().cols(),
                "/api/sources/" + id + "/observed/latest.png?t=" + frame.time().toEpochMilli());
    }
}
