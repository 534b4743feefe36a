package nowcast.app.platform;

import java.util.concurrent.CountDownLatch;

/** Keeps a service command running until Ctrl-C or SIGTERM, then closes the service before the JVM exits. */
final class UntilStopped {

    private UntilStopped() {
    }

    static void await(AutoCloseable service, String name) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("error while stopping the " + name + ": " + e);
            } finally {
                closed.countDown();
            }
        }, name + "-shutdown"));
        closed.await();
    }
}
