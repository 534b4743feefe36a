package nowcast.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.yaml.snakeyaml.Yaml;

import nowcast.app.ConfigurationReference;
import nowcast.app.NowcastCommand;

/**
 * What can be checked of docker/ without Docker: the compose file parses; it runs a 3-broker KRaft cluster,
 * the Schema Registry and the services; every nowcast service's command is one the jar accepts with the
 * environment the file gives it; every NOWCAST_ variable it sets is a documented setting of that command;
 * the Dockerfiles build on the intended bases and their nowcast invocations parse too.
 */
class DockerFilesTest {

    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    static Map<String, Map<String, Object>> services;
    static String configurationDoc;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        // SnakeYAML resolves anchors, aliases and merge keys (<<) as Compose does.
        Map<String, Object> compose = new Yaml().load(Files.readString(REPO.resolve("docker/compose.yaml")));
        services = new LinkedHashMap<>();
        ((Map<String, Object>) compose.get("services")).forEach((name, spec) ->
                services.put(name, (Map<String, Object>) spec));
        configurationDoc = Files.readString(REPO.resolve("docs/configuration.md"), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object e = service.get("environment");
        if (e instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    static List<String> command(Map<String, Object> service) {
        return (List<String>) service.get("command");
    }

    static Map<String, Map<String, Object>> nowcastServices() {
        return services.entrySet().stream().filter(e -> String.valueOf(e.getValue().get("image")).startsWith("nowcast"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void threeKraftBrokersRegistryAndTheServices() {
        List<String> brokers = services.entrySet().stream()
                .filter(e -> String.valueOf(e.getValue().get("image")).startsWith("apache/kafka")
                        && environment(e.getValue()).containsKey("KAFKA_NODE_ID"))
                .map(Map.Entry::getKey).toList();
        assertThat(brokers).hasSize(3);
        brokers.forEach(b -> assertThat(environment(services.get(b)).get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                .contains("1@", "2@", "3@"));
        assertThat(services.values()).anySatisfy(s -> assertThat(String.valueOf(s.get("image")))
                .startsWith("confluentinc/cp-schema-registry"));
        Set<String> commands = nowcastServices().values().stream().map(s -> command(s).get(0)).collect(Collectors.toSet());
        assertThat(commands).contains("ingest", "predict", "sink");
        String topics = String.join(" ", command(services.get("topics")));
        assertThat(topics).contains("--replication-factor 3", "--partitions");
    }

    @Test
    void predictorReservesAGpuAndHasACpuFallback() {
        List<Map<String, Object>> predictors = nowcastServices().values().stream()
                .filter(s -> command(s).get(0).equals("predict")).toList();
        assertThat(predictors).anySatisfy(p -> assertThat(String.valueOf(p.get("deploy"))).contains("gpu"));
        assertThat(predictors).anySatisfy(p -> assertThat(p).doesNotContainKey("deploy"));
    }

    @Test
    void everyServiceCommandIsAcceptedByTheJar() {
        nowcastServices().forEach((name, service) -> {
            List<String> args = command(service);
            assertThatCode(() -> NowcastCommand.commandLine(environment(service)).parseArgs(args.toArray(String[]::new)))
                    .as("service %s: nowcast %s", name, args).doesNotThrowAnyException();
        });
    }

    @Test
    void everyVariableIsADocumentedSettingOfItsCommand() {
        List<ConfigurationReference.Setting> settings = ConfigurationReference.settings(NowcastCommand.commandLine(Map.of()));
        nowcastServices().forEach((name, service) -> {
            String command = "nowcast " + String.join(" ", command(service).stream()
                    .takeWhile(a -> !a.startsWith("-")).toList());
            Set<String> ofCommand = settings.stream().filter(s -> s.command().equals(command))
                    .map(ConfigurationReference.Setting::variable).collect(Collectors.toSet());
            environment(service).keySet().stream().filter(v -> v.startsWith("NOWCAST_")).forEach(v -> {
                boolean option = ofCommand.contains(v);
                boolean documented = configurationDoc.contains("`" + v + "`")
                        || v.startsWith("NOWCAST_KAFKA_") && configurationDoc.contains("NOWCAST_KAFKA_<KEY>");
                assertThat(option || documented)
                        .as("service %s sets %s, which is neither an option of '%s' nor documented", name, v, command)
                        .isTrue();
            });
        });
    }

    @Test
    void dockerfilesUseTheIntendedBasesAndValidCommands() throws IOException {
        String cpu = Files.readString(REPO.resolve("docker/Dockerfile"), StandardCharsets.UTF_8);
        String gpu = Files.readString(REPO.resolve("docker/Dockerfile.gpu"), StandardCharsets.UTF_8);
        assertThat(cpu).containsPattern("(?m)^FROM eclipse-temurin:17-jre");
        assertThat(gpu).containsPattern("(?m)^FROM nvidia/cuda:");
        List<List<String>> invocations = new ArrayList<>();
        Matcher run = Pattern.compile("java -jar /opt/nowcast/nowcast\\.jar ([^&\\n\\\\]+)").matcher(cpu + "\n" + gpu);
        while (run.find()) {
            invocations.add(List.of(run.group(1).trim().split("\\s+")));
        }
        Matcher cmd = Pattern.compile("(?m)^CMD \\[(.*)]").matcher(cpu + "\n" + gpu);
        while (cmd.find()) {
            invocations.add(Pattern.compile("\"([^\"]*)\"").matcher(cmd.group(1)).results().map(m -> m.group(1)).toList());
        }
        assertThat(invocations).hasSizeGreaterThanOrEqualTo(3);
        Map<String, String> env = Map.of("NOWCAST_BOOTSTRAP", "kafka-1:9092", "NOWCAST_REGISTRY", "http://r:8081");
        invocations.forEach(args -> assertThatCode(() -> NowcastCommand.commandLine(env)
                .parseArgs(args.toArray(String[]::new))).as("nowcast %s", args).doesNotThrowAnyException());
    }

    /**
     * The GPU image runs the predictor with --device gpu on the CUDA build of the libtorch version the
     * build pins (the CPU build bundled in the jar is removed, or DJL would load it and ignore the
     * flavour); the compose GPU profile asks for --device gpu too; both images start through
     * bin/nowcast with jemalloc installed, as the README's commands do.
     */
    @Test
    void theGpuImageRunsThePredictorOnTheGpuWithTheCudaBuildOfThePinnedLibtorch() throws IOException {
        String gpu = Files.readString(REPO.resolve("docker/Dockerfile.gpu"), StandardCharsets.UTF_8);
        String cpu = Files.readString(REPO.resolve("docker/Dockerfile"), StandardCharsets.UTF_8);
        String pom = Files.readString(REPO.resolve("pom.xml"), StandardCharsets.UTF_8);
        Matcher pinned = Pattern.compile("<pytorch.version>([^<]+)</pytorch.version>").matcher(pom);
        assertThat(pinned.find()).isTrue();
        assertThat(gpu).containsPattern("(?m)^CMD \\[\"predict\", \"--device\", \"gpu\"]")
                .contains("PYTORCH_FLAVOR=cu128")
                .contains("zip -q -d /opt/nowcast/nowcast.jar 'native/lib/pytorch.properties' 'pytorch/cpu/*'")
                .contains("/opt/nowcast/djl/pytorch/" + pinned.group(1) + "-cu128-linux-x86_64/libtorch_cuda.so");
        assertThat(command(services.get("predictor-gpu"))).containsSequence("--device", "gpu");
        assertThat(command(services.get("predictor-cpu"))).containsSequence("--device", "cpu");
        for (String image : List.of(cpu, gpu)) {
            assertThat(image).contains("libjemalloc2").contains("COPY bin/nowcast /opt/nowcast/bin/nowcast")
                    .containsPattern("(?m)^ENTRYPOINT \\[\"/opt/nowcast/bin/nowcast\"]");
        }
        assertThat(REPO.resolve("bin/nowcast")).isExecutable();
    }
}
