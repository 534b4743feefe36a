package nowcast.sink.web;

/** Every error of the HTTP API, whether a route or Jetty itself answers: the status and what went wrong. */
public record ErrorDocument(int status, String error) {
}
