package nowcast.app.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * How every long-running command ends: on Ctrl-C or SIGTERM the JVM's shutdown hook stops the work in
 * order and waits for it, so nothing accepted is lost. Two shapes:
 * <ul>
 * <li>a service that runs on its own threads ({@link #guard}, {@link Guard#await}): the caller waits until it
 * is stopped, fails or has run for its time limit, and the service is closed in every case;</li>
 * <li>work on the caller's thread ({@link #run}): Ctrl-C asks it to stop (interrupt, or close what it reads
 * from) and the hook waits until it has finished cleaning up.</li>
 * </ul>
 */
public final class UntilStopped {

    /** How long the shutdown hook waits for work on the caller's thread to finish. */
    static final Duration FINISH_TIMEOUT = Duration.ofSeconds(30);

    private UntilStopped() {
    }

    /** Why {@link Guard#await} returned. */
    public sealed interface Outcome {
        /** Ctrl-C or SIGTERM: the shutdown hook closed the service. */
        record Stopped() implements Outcome {
        }

        /** The health check reported this problem; the service has been closed. */
        record Failed(String problem) implements Outcome {
        }

        /** The time limit passed; the service has been closed. */
        record Elapsed(Duration limit) implements Outcome {
        }
    }

    /** Keeps a service running until Ctrl-C or SIGTERM, then closes it before the JVM exits. */
    public static void await(AutoCloseable service, String name) throws InterruptedException {
        try (Guard running = guard(service, name)) {
            running.await(() -> null, null);
        }
    }

    /**
     * Installs the shutdown hook that closes {@code service} on Ctrl-C or SIGTERM. Install it as soon as the
     * service runs, then say so and {@link Guard#await wait}; closing the guard closes the service (once).
     */
    public static Guard guard(AutoCloseable service, String name) {
        return new Guard(service, name);
    }

    /** A running service whose shutdown hook is installed. */
    public static final class Guard implements AutoCloseable {

        private final AutoCloseable service;
        private final String name;
        private final CountDownLatch hookDone = new CountDownLatch(1);
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final AtomicBoolean serviceClosed = new AtomicBoolean();
        private final Thread hook;

        private Guard(AutoCloseable service, String name) {
            this.service = service;
            this.name = name;
            this.hook = new Thread(() -> {
                stopping.set(true);
                closeService();
                hookDone.countDown();
            }, name + "-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        /**
         * Waits until Ctrl-C or SIGTERM (the hook has then closed the service), until {@code health} (asked
         * every second) names a problem, or until {@code limit} (null: none) has passed.
         */
        public Outcome await(Supplier<String> health, Duration limit) throws InterruptedException {
            Instant end = limit == null ? null : Instant.now().plus(limit);
            while (!hookDone.await(1, TimeUnit.SECONDS)) {
                // a failure seen while the hook stops the service is the stop itself
                String problem = stopping.get() ? null : health.get();
                if (problem != null) {
                    return new Outcome.Failed(problem);
                }
                if (end != null && Instant.now().isAfter(end)) {
                    return new Outcome.Elapsed(limit);
                }
            }
            return new Outcome.Stopped();
        }

        /** Closes the service now, or waits for the shutdown hook when the JVM is already stopping. */
        @Override
        public void close() throws InterruptedException {
            if (removed(hook)) {
                closeService();
            } else {
                hookDone.await();
            }
        }

        private void closeService() {
            if (serviceClosed.compareAndSet(false, true)) {
                try {
                    service.close();
                } catch (Exception e) {
                    System.err.println("error while stopping the " + name + ": " + e);
                }
            }
        }
    }

    /**
     * Runs {@code work} on this thread; Ctrl-C or SIGTERM calls {@code stop} and then waits (at most
     * {@link #FINISH_TIMEOUT}) until the work has returned, so that what it closes on the way out is closed.
     */
    public static <T> T run(String name, Runnable stop, Callable<T> work) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.run();
            try {
                finished.await(FINISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.call();
        } finally {
            finished.countDown();
            removed(hook);
        }
    }

    /** {@link #run} with the usual way to stop work on this thread: interrupt it. */
    public static <T> T runInterruptibly(String name, Callable<T> work) throws Exception {
        Thread worker = Thread.currentThread();
        return run(name, worker::interrupt, work);
    }

    private static boolean removed(Thread hook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }
}
