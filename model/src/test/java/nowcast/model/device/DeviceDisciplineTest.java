package nowcast.model.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The review rule of docs/model.md, "Devices", checked on the source: in the network, its autograd
 * helpers and the training loop, (1) every array made from a manager names its device (a manager's
 * default device need not be the device of the data: an array moved with {@code toDevice} keeps its
 * old manager), and (2) nothing copies device data to the host unless a comment says why. On the
 * CPU both mistakes are invisible; on a GPU the first fails with "expected all tensors to be on the
 * same device" and the second stalls the forward at every such line. The CPU-only PyTorch engine has
 * no second device to run a forward on, so the rule is checked here instead.
 */
class DeviceDisciplineTest {

    /** Arrays made by a manager: getManager().zeros(...), scope.create(...), stateManager.full(...). */
    static final Pattern CREATION = Pattern.compile(
            "(getManager\\(\\)|\\b\\w*[Mm]anager\\w*|\\bscope)\\s*\\.\\s*(zeros|ones|full|create|random\\w*|arange|linspace|eye)\\s*\\(");
    /** Device-to-host copies of NDArray data. */
    static final Pattern HOST_READ = Pattern.compile(
            "\\.(getFloat|getDouble|getLong|getInt|getBoolean|toFloatArray|toDoubleArray|toLongArray|toIntArray|toBooleanArray|toByteBuffer|toArray)\\(\\)");

    static final List<Path> CHECKED = List.of(
            Path.of("src/main/java/nowcast/model/gs2pm"),
            Path.of("src/main/java/nowcast/model/autograd"),
            Path.of("../training/src/main/java/nowcast/training/jobs"));

    /** The problems of one file's lines: creations without a device, host reads without a reason. */
    static List<String> problems(String file, List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String code = line.replaceFirst("//.*$", "");
            if (code.trim().startsWith("*") || code.trim().startsWith("/*")) {
                continue; // javadoc
            }
            String context = (i > 0 ? lines.get(i - 1) : "") + "\n" + line;
            Matcher c = CREATION.matcher(code);
            if (c.find() && !code.contains("getDevice()") && !code.contains("toDevice(") && !context.contains("// device:")) {
                out.add(file + ":" + (i + 1) + " makes an array without naming its device: " + line.trim());
            }
            if (HOST_READ.matcher(code).find() && !context.contains("// host read:")) {
                out.add(file + ":" + (i + 1) + " copies device data to the host without a '// host read:' reason: " + line.trim());
            }
        }
        return out;
    }

    @Test
    void theRuleCatchesBothMistakes() {
        assertThat(problems("Bad.java", List.of(
                "NDArray centre = like.getManager().zeros(new Shape(1, 3), like.getDataType());",
                "NDArray m = scope.create(values, shape);",
                "if (var.min().getFloat() < 1e-3f) {")))
                .hasSize(3);
        assertThat(problems("Good.java", List.of(
                "NDArray centre = like.getManager().zeros(new Shape(1, 3), like.getDataType(), like.getDevice());",
                "NDArray m = manager.create(values, shape).toDevice(device, false);",
                "// device: the scope is a sub-manager of the model's manager, on the model's device",
                "NDArray x = scope.create(input, shape);",
                "float loss = total.getFloat(); // host read: one number per step, for the log")))
                .isEmpty();
    }

    @Test
    void theNetworkAndTheTrainingLoopFollowTheRule() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        for (Path dir : CHECKED) {
            assertThat(dir).as("source folder %s (tests run from the module folder)", dir).isDirectory();
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    files++;
                    found.addAll(problems(f.toString(), Files.readAllLines(f)));
                }
            }
        }
        assertThat(files).isGreaterThan(20);
        assertThat(found).as("see docs/model.md, 'Devices'").isEmpty();
    }
}
