package nowcast.model.device;

/**
 * A device was asked for that this machine's engine cannot use (no GPU, a CPU-only engine, a GPU
 * index past the last one). The message is one sentence meant for the command line.
 */
public final class DeviceUnavailableException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public DeviceUnavailableException(String message) {
        super(message);
    }
}
