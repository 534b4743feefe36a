package nowcast.app.ingest;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import nowcast.frame.Frame;
import nowcast.ingestion.replay.ReplayListener;

/** A console progress bar for replays: frames done, frames/s, MB/s and the ETA. */
final class ReplayProgress implements ReplayListener, AutoCloseable {

    private final String task;
    private ProgressBar bar;
    private final AtomicLong bytes = new AtomicLong();
    private long startNanos;

    ReplayProgress(String task) {
        this.task = task;
    }

    @Override
    public synchronized void started(long frames) {
        startNanos = System.nanoTime();
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(frames).setUnit(" frames", 1).showSpeed()
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
    }

    @Override
    public synchronized void published(Frame frame, int size) {
        long total = bytes.addAndGet(size);
        bar.step();
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        bar.setExtraMessage(String.format(Locale.ROOT, "%.2f MB/s, %s", total / 1e6 / seconds, frame.time()));
    }

    @Override
    public synchronized void skipped(String reason) {
        bar.step();
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
