package nowcast.schemas.serde;

/** A record whose header names a schema id the registry does not know. */
public class UnknownSchemaIdException extends WireFormatException {

    private final int schemaId;

    public UnknownSchemaIdException(String message, int schemaId, Throwable cause) {
        super(message, cause);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
