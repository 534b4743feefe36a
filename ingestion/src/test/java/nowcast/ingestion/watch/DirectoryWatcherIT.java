package nowcast.ingestion.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.ingestion.deadletter.DeadLetters;
import nowcast.ingestion.ledger.SentLedger;
import nowcast.ingestion.producer.FrameProducer;
import nowcast.ingestion.producer.ProducerSettings;
import nowcast.ingestion.readers.FrameReader;
import nowcast.ingestion.readers.FrameReaders;
import nowcast.ingestion.readers.ReaderOptions;
import nowcast.ingestion.replay.TopicReader;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;
import nowcast.schemas.serde.NowcastSerdes;

class DirectoryWatcherIT {

    private static final String SUFFIX = "_fmi.radar.composite.lowest_FIN_SUOMI1.pgm.gz";
    private final LocalStack stack = LocalStack.shared();

    @TempDir
    Path tmp;

    private static Path fmi(String time) {
        Path p = Path.of(System.getProperty("nowcast.shared.dir", "../shared"), "data/radar/fmi/pgm/20170509",
                time + SUFFIX);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p), "FMI sample data not found at " + p);
        return p;
    }

    private FrameProducer producer(Topics topics) {
        return new FrameProducer(ProducerSettings.of(stack.clientConfig(), topics),
                NowcastSerdes.frames(stack.serdeConfig()).serializer(),
                NowcastSerdes.deadLetters(stack.serdeConfig()).serializer());
    }

    @Test
    void publishesEachCompleteFileOnceAcrossRestartsAndSurvivesBadFiles() throws Exception {
        Topics topics = stack.freshTopics(1);
        Path live = Files.createDirectories(tmp.resolve("incoming"));
        Path ledgerFile = tmp.resolve("state/watch.ledger");
        FrameReader reader = FrameReaders.byName("fmi", ReaderOptions.defaults().withSourceId("fmi-live"));

        try (FrameProducer producer = producer(topics); SentLedger ledger = SentLedger.open(ledgerFile)) {
            DeadLetters dead = new DeadLetters(producer, Clock.systemUTC());
            DirectoryWatcher watcher = new DirectoryWatcher(reader, live, producer, dead, ledger, Duration.ZERO,
                    Clock.systemUTC());

            // a writer that renames atomically: the temporary name is not a frame
            Path temp = live.resolve("201705091045" + SUFFIX + ".tmp");
            Files.copy(fmi("201705091045"), temp);
            assertThat(watcher.pollOnce()).isZero();
            Files.move(temp, live.resolve("201705091045" + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
            assertThat(watcher.pollOnce()).as("first sighting: not yet known to be complete").isZero();
            assertThat(watcher.pollOnce()).isEqualTo(1);

            // a writer that writes in place: half a file, then the rest
            byte[] whole = Files.readAllBytes(fmi("201705091050"));
            Path inPlace = live.resolve("201705091050" + SUFFIX);
            Files.write(inPlace, Arrays.copyOf(whole, whole.length / 2));
            assertThat(watcher.pollOnce()).isZero();
            Files.write(inPlace, Arrays.copyOfRange(whole, whole.length / 2, whole.length), StandardOpenOption.APPEND);
            assertThat(watcher.pollOnce()).as("size changed since the last poll").isZero();
            assertThat(watcher.pollOnce()).isEqualTo(1);

            // a bad file is reported once and the watcher goes on
            Files.write(live.resolve("201705091055" + SUFFIX), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
            watcher.pollOnce();
            watcher.pollOnce();
            watcher.pollOnce();
            assertThat(dead.count()).isEqualTo(1);
            assertThat(watcher.pollOnce()).isZero();
        }

        try (FrameProducer producer = producer(topics); SentLedger ledger = SentLedger.open(ledgerFile)) {
            DeadLetters dead = new DeadLetters(producer, Clock.systemUTC());
            DirectoryWatcher restarted = new DirectoryWatcher(reader, live, producer, dead, ledger, Duration.ZERO,
                    Clock.systemUTC());
            assertThat(restarted.pollOnce() + restarted.pollOnce() + restarted.pollOnce()).isZero();
            assertThat(dead.count()).isZero();
        }

        assertThat(TopicReader.read(stack, topics.frames(), NowcastSerdes.frames(stack.serdeConfig()).deserializer(), 2))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.key()).isEqualTo("fmi-live"));
        assertThat(TopicReader.read(stack, topics.deadLetter(),
                NowcastSerdes.deadLetters(stack.serdeConfig()).deserializer(), 1))
                .singleElement()
                .satisfies(r -> assertThat(r.value().getPath()).endsWith("201705091055" + SUFFIX));
    }
}
