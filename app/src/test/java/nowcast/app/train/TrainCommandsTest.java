package nowcast.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import nowcast.app.CommandRun;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.Nowcasters;
import nowcast.model.conditioned.AdvectionConditionedNowcaster;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.training.data.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandsTest {

    @TempDir
    Path tmp;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void pretrainThenPromptTuneWriteArtifactsThatTheNextJobLoads() throws Exception {
        Path pre = tmp.resolve("pre");
        CommandRun a = run("train", "pretrain", "--hid-s", "4", "--hid-t", "16", "--n-s", "4", "--n-t", "2", "--synthetic", "4",
                "--validation-fraction", "0.5", "--batch-size", "1", "--steps", "2", "--threads", "1", "--output", pre.toString());
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).contains("pretrain: 2 steps").contains("samples/s");
        assertThat(pre.resolve("loss-curve.png")).exists();
        assertThat(pre.resolve("checkpoints/step-000002/optimizer.safetensors")).exists();
        Gs2pmArtifact first = Gs2pmArtifact.open(pre.resolve("final"));
        assertThat(first.config().hidS()).isEqualTo(4);

        Path tuned = tmp.resolve("prompt");
        CommandRun b = run("train", "tune", "--mode", "prompt", "--model", pre.resolve("final").toString(), "--synthetic", "4",
                "--validation-fraction", "0.5", "--batch-size", "1", "--epochs", "1", "--threads", "1", "--output", tuned.toString());
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("tune-prompt: 2 steps");
        assertThat(Gs2pmArtifact.open(tuned.resolve("final")).config().normalisation()).isEqualTo(first.config().normalisation());
    }

    @Test
    void anAdvectionConditionedNetworkTrainsFromTheCommandLineAndForecastsThroughTheRegistry() throws Exception {
        Path out = tmp.resolve("conditioned");
        CommandRun r = run("train", "pretrain", "--advection-conditioned", "--hid-s", "4", "--hid-t", "16", "--n-s", "4", "--n-t", "2",
                "--synthetic", "4", "--validation-fraction", "0.5", "--batch-size", "1", "--steps", "2", "--threads", "1",
                "--area-loss", "10", "--csi-loss", "0.01", "--lr-schedule", "cosine", "--output", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("scratch: 2 steps");
        Gs2pmArtifact artifact = Gs2pmArtifact.open(out.resolve("final"));
        assertThat(artifact.config().mode()).isEqualTo(Gs2pmArtifact.MODE_ADVECTION_CONDITIONED);
        assertThat(Files.readString(out.resolve("final/training.json"))).contains("\"learning_rate_schedule\" : \"cosine\"")
                .contains("\"area_loss\" : 10.0");
        try (Nowcaster n = Nowcasters.byName("gs2pm", NowcasterOptions.ofArtifact(out.resolve("final")))) {
            assertThat(n).isInstanceOf(AdvectionConditionedNowcaster.class);
        }
    }

    @Test
    void theTrainingEventsAreTheCataloguesTrainingEventsWithTheirBlockAndCadence() {
        TrainingOptions options = new TrainingOptions();
        options.trainingEvents = Path.of("radar");
        options.data = new java.util.ArrayList<>(java.util.List.of("unica:8=extra"));
        var archives = options.archives();
        assertThat(archives).extracting(TrainingData.RadarArchive::format).containsOnly("knmi", "odim", "unica");
        assertThat(archives).hasSize(11);
        assertThat(archives).filteredOn(a -> a.format().equals("odim")).singleElement()
                .satisfies(a -> assertThat(a.cadence()).isEqualTo(java.time.Duration.ofMinutes(15)))
                .satisfies(a -> assertThat(a.crop()).isNull());
        assertThat(archives).filteredOn(a -> a.format().equals("unica")).allSatisfy(a -> assertThat(a.block()).isEqualTo(8));
        assertThat(archives).noneMatch(a -> a.path().toString().contains("mch") || a.path().toString().contains("fmi")
                || a.path().toString().contains("bom"));
    }

    @Test
    void theIngestionFeedAloneIsEnoughToTrainOn() throws Exception {
        Path out = tmp.resolve("feed");
        CommandRun r = run("train", "pretrain", "--hid-s", "4", "--hid-t", "16", "--n-s", "4", "--n-t", "2", "--synthetic-feed", "1x30:5",
                "--validation-fraction", "0.3", "--batch-size", "1", "--steps", "1", "--threads", "1", "--output", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("synthetic feed (seed 5), source synthetic-000");
        assertThat(Files.readString(out.resolve("final/training.json"))).contains("\"synthetic_feed_seed\" : 5");

        CommandRun bad = run("train", "pretrain", "--hid-s", "4", "--hid-t", "16", "--n-t", "2", "--synthetic-feed", "eight",
                "--steps", "1", "--output", tmp.resolve("bad").toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("--synthetic-feed must be SOURCESxFRAMES[:SEED]").contains("'eight'");
    }

    @Test
    void badInputIsNamed() {
        CommandRun unknown = run("train", "pretrain", "--hid-s", "4", "--hid-t", "16", "--n-t", "2", "--data", "nosuch=/tmp",
                "--steps", "1", "--output", tmp.resolve("x").toString());
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("unknown radar format 'nosuch'").contains("knmi");
        CommandRun both = run("train", "pretrain", "--hid-s", "4", "--hid-t", "16", "--n-t", "2", "--synthetic", "2",
                "--output", tmp.resolve("y").toString());
        assertThat(both.code()).isNotZero();
        assertThat(both.err()).contains("exactly one of --steps and --epochs");
        CommandRun noData = run("train", "tune", "--model", tmp.resolve("missing").toString(), "--steps", "1",
                "--output", tmp.resolve("z").toString());
        assertThat(noData.code()).isNotZero();
        assertThat(noData.err()).contains("config.json");
    }
}
