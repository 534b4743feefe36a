package nowcast.sink.web;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.sse.SseClient;

/**
 * Server-Sent Events to any number of browsers and programs. Publishing never blocks: each client
 * has its own bounded queue and its own sender thread, so a slow client only loses its own oldest
 * events (counted in {@link #dropped()}) and a disconnected one is removed when a write fails.
 */
public final class EventHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    private static final long HEARTBEAT_MILLIS = 15_000;

    /** One event as SSE sends it: a name and a JSON document. */
    public record Event(String name, String json) {
    }

    private final int queueSize;
    private final int maxClients;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    public EventHub(int queueSize, int maxClients) {
        this.queueSize = queueSize;
        this.maxClients = maxClients;
    }

    private final class Subscriber implements Runnable {
        final SseClient client;
        final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(queueSize);
        volatile boolean gone;

        Subscriber(SseClient client) {
            this.client = client;
        }

        void offer(Event e) {
            while (!queue.offer(e)) {
                if (queue.poll() != null) {
                    dropped.incrementAndGet();
                }
            }
        }

        @Override
        public void run() {
            try {
                while (!gone && !closed && !client.terminated()) {
                    Event e = queue.poll(HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
                    if (e == null) {
                        client.sendComment("keep-alive");
                    } else {
                        client.sendEvent(e.name(), e.json(), Long.toString(ids.incrementAndGet()));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException writeFailed) {
                LOG.debug("SSE client {} went away: {}", client.ctx().ip(), writeFailed.toString());
            } finally {
                gone = true;
                subscribers.remove(this);
                try {
                    client.close();
                } catch (RuntimeException alreadyClosed) {
                    LOG.trace("closing SSE client", alreadyClosed);
                }
            }
        }
    }

    /** Adds a connected client; false (caller answers 503) when the client limit is reached. */
    public boolean subscribe(SseClient client, Event greeting) {
        if (closed || subscribers.size() >= maxClients) {
            return false;
        }
        client.keepAlive();
        Subscriber s = new Subscriber(client);
        client.onClose(() -> s.gone = true);
        subscribers.add(s);
        if (greeting != null) {
            s.offer(greeting);
        }
        Thread t = new Thread(s, "sse-" + client.ctx().ip());
        t.setDaemon(true);
        t.start();
        return true;
    }

    public void publish(String name, String json) {
        Event e = new Event(name, json);
        for (Subscriber s : subscribers) {
            s.offer(e);
        }
    }

    public int clients() {
        return subscribers.size();
    }

    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        closed = true;
        subscribers.forEach(s -> s.gone = true);
    }
}
