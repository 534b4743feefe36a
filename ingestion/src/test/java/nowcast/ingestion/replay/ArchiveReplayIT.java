package nowcast.ingestion.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nowcast.avro.DeadLetter;
import nowcast.frame.Frame;
import nowcast.ingestion.deadletter.DeadLetters;
import nowcast.ingestion.ledger.SentLedger;
import nowcast.ingestion.producer.FrameProducer;
import nowcast.ingestion.producer.FrameSizePolicy;
import nowcast.ingestion.producer.ProducerSettings;
import nowcast.ingestion.readers.FrameReader;
import nowcast.ingestion.readers.FrameReaders;
import nowcast.ingestion.readers.ReaderOptions;
import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;
import nowcast.schemas.serde.NowcastSerdes;

class ArchiveReplayIT {

    private final LocalStack stack = LocalStack.shared();

    @TempDir
    Path tmp;

    private static Path knmiDir() {
        Path p = Path.of(System.getProperty("nowcast.shared.dir", "../shared"), "data/radar/KNMI");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(p), "KNMI sample data not found at " + p);
        return p;
    }

    private FrameProducer producer(ProducerSettings settings) {
        return new FrameProducer(settings, NowcastSerdes.frames(stack.serdeConfig()).serializer(),
                NowcastSerdes.deadLetters(stack.serdeConfig()).serializer());
    }

    private Path cameraArchive() throws Exception {
        Path dir = tmp.resolve("cam");
        Files.createDirectories(dir);
        for (String t : List.of("201008260002", "201008260012", "201008260022")) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(16, 16,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            javax.imageio.ImageIO.write(img, "png", dir.resolve("cam_" + t + ".png").toFile());
        }
        Files.writeString(dir.resolve("cam_201008260017.png"), "truncated", StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("cam_201008269999.png"), "bad time", StandardCharsets.US_ASCII);
        return dir;
    }

    @Test
    void replaysSourcesInterleavedInEventTimeAndARestartPublishesNothingTwice() throws Exception {
        Topics topics = stack.freshTopics(2);
        ProducerSettings settings = ProducerSettings.of(stack.clientConfig(), topics)
                .withPolicy("knmi-it", FrameSizePolicy.parse("raise-limit:4000000"));
        FrameReader knmi = FrameReaders.byName("knmi", ReaderOptions.defaults().withSourceId("knmi-it"));
        FrameReader cam = FrameReaders.byName("images", ReaderOptions.defaults().withSourceId("cam-it"));
        List<ReplaySource> sources = List.of(new ReplaySource(knmi, knmiDir()), new ReplaySource(cam, cameraArchive()));
        Instant from = Instant.parse("2010-08-26T00:00:00Z");
        Instant to = Instant.parse("2010-08-26T00:30:00Z");
        Path ledgerFile = tmp.resolve("state/replay.ledger");

        List<Frame> order = new ArrayList<>();
        ReplaySummary first;
        try (FrameProducer producer = producer(settings); SentLedger ledger = SentLedger.open(ledgerFile)) {
            DeadLetters dead = new DeadLetters(producer, Clock.systemUTC());
            ReplayListener listener = new ReplayListener() {
                @Override
                public void started(long frames) {
                }

                @Override
                public synchronized void published(Frame frame, int bytes) {
                    order.add(frame);
                }

                @Override
                public void skipped(String reason) {
                }
            };
            first = new ArchiveReplay(producer, dead, ledger, ReplayClock.asFastAsPossible(), listener, true)
                    .run(sources, from, to);
        }
        assertThat(first.published()).isEqualTo(10);
        assertThat(first.rejected()).isEqualTo(2);
        assertThat(order).extracting(Frame::time).isSorted();
        assertThat(order).extracting(Frame::sourceId).containsSubsequence("knmi-it", "cam-it", "knmi-it", "cam-it");

        List<ConsumerRecord<String, Frame>> frames = TopicReader.read(stack, topics.frames(),
                NowcastSerdes.frames(stack.serdeConfig()).deserializer(), 10);
        assertThat(frames).hasSize(10);
        for (ConsumerRecord<String, Frame> r : frames) {
            assertThat(r.key()).isEqualTo(r.value().sourceId());
            String id = new String(r.headers().lastHeader(FrameProducer.FRAME_ID_HEADER).value(), StandardCharsets.UTF_8);
            assertThat(id).isEqualTo(r.value().sourceId() + "@" + r.value().time());
        }
        Frame knmi0300 = frames.stream().map(ConsumerRecord::value)
                .filter(f -> f.sourceId().equals("knmi-it") && f.time().equals(Instant.parse("2010-08-26T00:30:00Z")))
                .findFirst().orElseThrow();
        Frame direct = knmi.read(knmiDir().resolve("2010/08/RAD_NL25_RAP_5min_201008260030.h5"));
        // isEqualTo compares bit patterns (NaN = NaN); containsExactly is quadratic on half a million values
        assertThat(knmi0300.field().values()).isEqualTo(direct.field().values());

        List<ConsumerRecord<String, DeadLetter>> letters = TopicReader.read(stack, topics.deadLetter(),
                NowcastSerdes.deadLetters(stack.serdeConfig()).deserializer(), 2);
        assertThat(letters).hasSize(2);
        assertThat(letters).extracting(r -> r.value().getPath()).allSatisfy(p -> assertThat(p).contains("cam_2010082"));
        assertThat(letters).extracting(r -> r.value().getReason())
                .anySatisfy(reason -> assertThat(reason).contains("cannot parse an observation time"))
                .anySatisfy(reason -> assertThat(reason).contains("not a PNG/GIF image"));
        assertThat(letters).allSatisfy(r -> assertThat(r.value().getStage()).isEqualTo("ingestion"));

        ReplaySummary again;
        try (FrameProducer producer = producer(settings); SentLedger ledger = SentLedger.open(ledgerFile)) {
            again = new ArchiveReplay(producer, new DeadLetters(producer, Clock.systemUTC()), ledger,
                    ReplayClock.asFastAsPossible(), ReplayListener.NONE, true).run(sources, from, to);
        }
        assertThat(again.published()).isZero();
        assertThat(again.alreadySent()).isEqualTo(10);
        assertThat(TopicReader.read(stack, topics.frames(), NowcastSerdes.frames(stack.serdeConfig()).deserializer(), 10))
                .hasSize(10);
    }

    @Test
    void oversizedFramesAreDeadLetteredOrDownsampledNeverDropped() throws Exception {
        Topics topics = stack.freshTopics(1);
        Path file = knmiDir().resolve("2010/08/RAD_NL25_RAP_5min_201008260300.h5");
        FrameReader knmi = FrameReaders.byName("knmi");
        List<ReplaySource> one = List.of(new ReplaySource(knmi, file));

        // a KNMI composite is about 35 kB on the wire; a 20 kB limit stands for a frame beyond Kafka's 1 MB
        ProducerSettings rejecting = ProducerSettings.of(stack.clientConfig(), topics).withMaxMessageBytes(20_000);
        try (FrameProducer producer = producer(rejecting)) {
            ReplaySummary s = new ArchiveReplay(producer, new DeadLetters(producer, Clock.systemUTC()), null,
                    ReplayClock.asFastAsPossible(), ReplayListener.NONE, false).run(one, null, null);
            assertThat(s.published()).isZero();
            assertThat(s.rejected()).isEqualTo(1);
        }
        List<ConsumerRecord<String, DeadLetter>> letters = TopicReader.read(stack, topics.deadLetter(),
                NowcastSerdes.deadLetters(stack.serdeConfig()).deserializer(), 1);
        assertThat(letters).singleElement().satisfies(r -> {
            assertThat(r.value().getReason()).contains("over the message limit");
            assertThat(r.value().getPath()).isEqualTo(file.toString());
            assertThat(r.value().getSourceId()).isEqualTo("knmi");
        });

        ProducerSettings downsampling = rejecting.withPolicy("knmi", FrameSizePolicy.parse("downsample:255x233"));
        try (FrameProducer producer = producer(downsampling)) {
            ReplaySummary s = new ArchiveReplay(producer, new DeadLetters(producer, Clock.systemUTC()), null,
                    ReplayClock.asFastAsPossible(), ReplayListener.NONE, false).run(one, null, null);
            assertThat(s.published()).isEqualTo(1);
        }
        List<ConsumerRecord<String, Frame>> frames = TopicReader.read(stack, topics.frames(),
                NowcastSerdes.frames(stack.serdeConfig()).deserializer(), 1);
        assertThat(frames).singleElement().satisfies(r -> {
            assertThat(r.value().field().rows()).isEqualTo(255);
            assertThat(r.value().field().cols()).isEqualTo(233);
            assertThat(r.value().geo().pixelSizeX()).isEqualTo(3.0);
        });
    }

    private static Path sharedRadar(String relative) {
        Path p = Path.of(System.getProperty("nowcast.shared.dir", "../shared"), "data/radar", relative);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p), "sample radar data not found at " + p);
        return p;
    }

    /**
     * A BoM and a UNICA folder, each with two good real files and two bad ones (truncated; wrong variable or
     * wrong PNG mode): the four good frames are published, each bad file is a dead letter naming it and why.
     */
    @Test
    void badBomAndUnicaFilesAreDeadLetteredAndTheReplayGoesOn() throws Exception {
        Path bomReal = sharedRadar("bom/prcp-cscn/2/2018/06/16");
        Path unicaReal = sharedRadar("unica/20180505_1745");
        Path bom = Files.createDirectories(tmp.resolve("bom"));
        Path unica = Files.createDirectories(tmp.resolve("unica"));
        for (String name : List.of("2_20180616_100000.prcp-cscn.nc", "2_20180616_101200.prcp-cscn.nc")) {
            Files.copy(bomReal.resolve(name), bom.resolve(name));
        }
        byte[] bomBytes = Files.readAllBytes(bomReal.resolve("2_20180616_100600.prcp-cscn.nc"));
        Files.write(bom.resolve("2_20180616_100600.prcp-cscn.nc"), java.util.Arrays.copyOf(bomBytes, bomBytes.length / 2));
        try (io.jhdf.WritableHdfFile hdf = io.jhdf.HdfFile.write(bom.resolve("2_20180616_101800.prcp-cscn.nc"))) {
            hdf.putDataset("reflectivity", new short[][] {{1, 2}, {3, 4}});
        }
        for (String name : List.of("20180505_1145.png", "20180505_1155.png")) {
            Files.copy(unicaReal.resolve(name), unica.resolve(name));
        }
        byte[] pngBytes = Files.readAllBytes(unicaReal.resolve("20180505_1150.png"));
        Files.write(unica.resolve("20180505_1150.png"), java.util.Arrays.copyOf(pngBytes, pngBytes.length / 3));
        java.awt.image.BufferedImage rgb = new java.awt.image.BufferedImage(1024, 1024,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(rgb, "png", unica.resolve("20180505_1200.png").toFile());

        Topics topics = stack.freshTopics(1);
        // 1024x1024 float32 frames are 4 MB: the UNICA source travels block-averaged, as a user would send it
        ProducerSettings settings = ProducerSettings.of(stack.clientConfig(), topics)
                .withPolicy("unica-it", FrameSizePolicy.parse("downsample:128x128"));
        List<ReplaySource> sources = List.of(
                new ReplaySource(FrameReaders.byName("bom", ReaderOptions.defaults().withSourceId("bom-it")), bom),
                new ReplaySource(FrameReaders.byName("unica", ReaderOptions.defaults().withSourceId("unica-it")), unica));
        ReplaySummary summary;
        try (FrameProducer producer = producer(settings)) {
            summary = new ArchiveReplay(producer, new DeadLetters(producer, Clock.systemUTC()), null,
                    ReplayClock.asFastAsPossible(), ReplayListener.NONE, false).run(sources, null, null);
        }
        assertThat(summary.published()).isEqualTo(4);
        assertThat(summary.rejected()).isEqualTo(4);

        List<ConsumerRecord<String, Frame>> frames = TopicReader.read(stack, topics.frames(),
                NowcastSerdes.frames(stack.serdeConfig()).deserializer(), 4);
        assertThat(frames).extracting(r -> r.value().sourceId() + "@" + r.value().time()).containsExactlyInAnyOrder(
                "bom-it@2018-06-16T10:00:00Z", "bom-it@2018-06-16T10:12:00Z",
                "unica-it@2018-05-05T11:45:00Z", "unica-it@2018-05-05T11:55:00Z");
        assertThat(frames).filteredOn(r -> r.value().sourceId().equals("unica-it"))
                .allSatisfy(r -> assertThat(r.value().field().rows()).isEqualTo(128));

        List<ConsumerRecord<String, DeadLetter>> letters = TopicReader.read(stack, topics.deadLetter(),
                NowcastSerdes.deadLetters(stack.serdeConfig()).deserializer(), 4);
        assertThat(letters).hasSize(4);
        assertThat(letters).extracting(r -> r.value().getPath() + ": " + r.value().getReason())
                .anySatisfy(l -> assertThat(l).contains("2_20180616_100600.prcp-cscn.nc").contains("not a readable"))
                .anySatisfy(l -> assertThat(l).contains("2_20180616_101800.prcp-cscn.nc")
                        .contains("no variable 'precipitation'"))
                .anySatisfy(l -> assertThat(l).contains("20180505_1150.png").contains("corrupt or truncated"))
                .anySatisfy(l -> assertThat(l).contains("20180505_1200.png").contains("must be 8-bit grey + alpha"));
    }
}
