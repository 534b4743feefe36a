package nowcast.sink.web;

import java.util.List;

/** {@code GET /api/sources} and the {@code hello} event: every known source, by id. */
public record SourcesDocument(List<SourceDocument> sources) {

    static SourcesDocument of(List<SourceBoard.SourceStatus> statuses) {
        return new SourcesDocument(statuses.stream().map(SourceDocument::of).toList());
    }
}
