package nowcast.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import nowcast.app.CommandRun;
import nowcast.app.JarProcess;
import nowcast.app.SampleArchive;
import nowcast.app.TopicRecords;
import nowcast.avro.DeadLetter;
import nowcast.frame.Frame;
import nowcast.ingestion.producer.ProducerSettings;
import nowcast.ingestion.readers.FrameReaders;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;
import nowcast.schemas.serde.NowcastSerdes;

/**
 * Every sample archive goes through {@code nowcast ingest replay} with Kafka's default message limit and the
 * command's default options, and arrives whole: one record per file, each within the limit, each decoding to
 * its frame. The one archive beyond the limit even compressed (OPERA CIRRUS, 4400x3800) is rejected as the
 * size policy says and published with one. {@code ingest watch} publishes the OPERA composite by default too.
 * Writes the bytes per frame of each archive to {@code target/sample-archive-frames.md}.
 */
class SampleArchivesReplayIT {

    private static final Path REPORT = Path.of("target", "sample-archive-frames.md");

    private final LocalStack stack = LocalStack.shared();

    @TempDir
    Path tmp;

    @BeforeAll
    static void startReport() throws IOException {
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, "| archive | frames | grid | raw type | mean bytes | max bytes |\n|---|---|---|---|---|---|\n");
    }

    @TestFactory
    Stream<DynamicTest> everySampleArchivePublishesWithDefaults() {
        return SampleArchive.ALL.stream().map(a -> DynamicTest.dynamicTest(a.toString(), () -> replay(a)));
    }

    private void replay(SampleArchive archive) throws Exception {
        Path path = archive.path();
        int files = FrameReaders.byName(archive.format()).scan(path).size();
        assertThat(files).as("frames in " + archive).isPositive();
        Topics topics = stack.freshTopics(2);
        CommandRun run = replayCommand(archive, path, topics);
        if (archive.beyondDefaultLimit()) {
            assertThat(run.code()).as(run.err()).isEqualTo(2);
            List<ConsumerRecord<String, byte[]>> letters = TopicRecords.read(stack.bootstrapServers(), topics.deadLetter(),
                    files, Duration.ofSeconds(60), Duration.ofMillis(500));
            Deserializer<DeadLetter> dead = NowcastSerdes.deadLetters(stack.serdeConfig()).deserializer();
            assertThat(letters).hasSize(files).allSatisfy(r -> assertThat(dead.deserialize(r.topic(), r.value()).getReason())
                    .contains("over the message limit").contains("downsample:"));
            assertThat(TopicRecords.read(stack.bootstrapServers(), topics.frames(), 1, Duration.ofSeconds(2),
                    Duration.ZERO)).isEmpty();
            topics = stack.freshTopics(2);
            run = replayCommand(archive, path, topics, "--size-policy", "downsample:440x380");
        }
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.read(stack.bootstrapServers(), topics.frames(), files,
                Duration.ofSeconds(120), Duration.ofMillis(500));
        assertThat(records).as("one record per file of " + archive).hasSize(files);
        Deserializer<Frame> frames = NowcastSerdes.frames(stack.serdeConfig()).deserializer();
        long total = 0;
        long max = 0;
        Frame first = null;
        for (ConsumerRecord<String, byte[]> r : records) {
            assertThat((long) r.value().length).as("record of " + r.key()).isLessThanOrEqualTo(
                    ProducerSettings.KAFKA_DEFAULT_MESSAGE_MAX_BYTES);
            Frame f = frames.deserialize(r.topic(), r.value());
            assertThat(f.sourceId()).isEqualTo(r.key());
            first = first == null ? f : first;
            total += r.value().length;
            max = Math.max(max, r.value().length);
        }
        Files.writeString(REPORT, String.format(Locale.ROOT, "| %s%s | %d | %dx%d | %s | %d | %d |%n", archive.folder(),
                archive.beyondDefaultLimit() ? " (downsample:440x380)" : "", files, first.field().rows(),
                first.field().cols(), first.quantisation().rawType(), total / files, max), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    private CommandRun replayCommand(SampleArchive archive, Path path, Topics topics, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("ingest", "replay", "--format", archive.format(), "--path",
                path.toString(), "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl(),
                "--topic-prefix", topics.prefix(), "--data-dir", tmp.resolve(topics.prefix()).toString(),
                "--as-fast-as-possible"));
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void watchPublishesTheOperaCompositeWithDefaults() throws Exception {
        SampleArchive opera = SampleArchive.ALL.stream().filter(a -> a.folder().equals("OPERA/20180824")).findFirst()
                .orElseThrow();
        List<Path> files;
        try (Stream<Path> list = Files.list(opera.path())) {
            files = list.sorted().limit(3).toList();
        }
        Topics topics = stack.freshTopics(1);
        Path incoming = Files.createDirectories(tmp.resolve("incoming"));
        try (JarProcess watch = JarProcess.start(tmp, List.of("ingest", "watch", "--format", "odim", "--dir",
                incoming.toString(), "--source", "opera", "--bootstrap", stack.bootstrapServers(), "--registry",
                stack.registryUrl(), "--topic-prefix", topics.prefix(), "--poll", "500ms", "--settle", "500ms"))) {
            for (Path f : files) {
                // written next to the folder, then moved in, as a product feed delivers
                Path part = Files.copy(f, tmp.resolve(f.getFileName() + ".part"));
                Files.move(part, incoming.resolve(f.getFileName()));
            }
            List<ConsumerRecord<String, byte[]>> records = TopicRecords.read(stack.bootstrapServers(), topics.frames(),
                    files.size(), Duration.ofSeconds(120), Duration.ofSeconds(1));
            assertThat(records).as(watch.output()).hasSize(files.size());
            assertThat(records).allSatisfy(r -> assertThat((long) r.value().length)
                    .isLessThanOrEqualTo(ProducerSettings.KAFKA_DEFAULT_MESSAGE_MAX_BYTES));
            assertThat(watch.output()).doesNotContain("rejected", "ERROR", "Exception");
            assertThat(watch.stop(Duration.ofSeconds(30))).isIn(0, 143);
        }
        assertThat(tmp.resolve("nowcast-data/ingest").toFile().list()).as("default --data-dir in the working folder")
                .containsExactly(stack.broker().clusterId());
    }
}
