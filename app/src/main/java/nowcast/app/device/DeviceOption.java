package nowcast.app.device;

import java.util.List;

import ai.djl.Device;
import nowcast.model.NowcasterOptions;
import nowcast.model.device.DeviceChoice;
import nowcast.model.device.DeviceUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --device}, for every command that runs GS2PM (environment {@code NOWCAST_DEVICE}, config key
 * {@code device}, like every option). The spelling is checked while the command line is parsed;
 * whether the machine has the device is checked by {@link #unavailable()} before anything starts.
 */
public final class DeviceOption {

    public static final String DESCRIPTION = "Where GS2PM runs: auto (the first GPU the PyTorch engine sees, else the CPU), "
            + "cpu, gpu (= gpu:0) or gpu:N; predict, demo and bench pipeline also take a list (gpu:0,gpu:1: one batch "
            + "per GPU at a time) (${DEFAULT-VALUE}).";

    @Option(names = "--device", defaultValue = DeviceChoice.AUTO, paramLabel = "DEVICE", converter = Syntax.class,
            description = DESCRIPTION)
    DeviceChoice device = DeviceChoice.auto();

    /** The choice as given. */
    public DeviceChoice choice() {
        return device;
    }

    /** The nowcaster options with this device as their {@code device} setting. */
    public NowcasterOptions applyTo(NowcasterOptions options) {
        return options.withSetting("device", device.toString());
    }

    /**
     * Whether a GPU was asked for that this machine's engine cannot give; if so, says so in one
     * {@code error:} line on stderr (what is missing and how to get the CUDA engine), so that the
     * command can stop before starting anything.
     */
    public boolean unavailable() {
        if (!device.wantsGpu()) {
            return false;
        }
        try {
            device.resolve();
            return false;
        } catch (DeviceUnavailableException e) {
            System.err.println("error: " + e.getMessage());
            return true;
        }
    }

    /**
     * The one device of a command that runs one model (model run, bench model, train).
     *
     * @throws DeviceUnavailableException (an IllegalArgumentException) when the machine lacks it
     * @throws IllegalArgumentException when several devices were given
     */
    public Device single() {
        List<Device> devices = device.resolve();
        if (devices.size() != 1) {
            throw new IllegalArgumentException("--device " + device + ": this command runs one model on one device; "
                    + "several GPUs are for the predictor");
        }
        return devices.get(0);
    }

    /** Parses while the command line is read, so a misspelt device is a usage error. */
    public static final class Syntax implements CommandLine.ITypeConverter<DeviceChoice> {
        @Override
        public DeviceChoice convert(String value) {
            try {
                return DeviceChoice.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
