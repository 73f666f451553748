package dev.jakartamesh.connection;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A connection whose socket lives on this instance. Sends are queued and go out one at a time, in
 * order, without blocking the caller, so replies, pushes and pings never interleave on the socket
 * and a slow client holds up only its own queue.
 */
public final class LocalConnection {

    private static final Logger LOG = Logger.getLogger(LocalConnection.class.getName());

    private final String id;
    private final Transport transport;
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private boolean sending;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final AtomicInteger missedPongs = new AtomicInteger();
    private final AtomicBoolean awaitingPong = new AtomicBoolean();
    private final AtomicLong latencyRequestedAt = new AtomicLong();

    private final Set<String> serverOwnedKeys;

    LocalConnection(String id, Transport transport, Set<String> serverOwnedKeys) {
        this.id = id;
        this.transport = transport;
        this.serverOwnedKeys = serverOwnedKeys;
    }

    public String id() {
        return id;
    }

    /** The top-level metadata keys the authenticator set, which the client may not overwrite. */
    public Set<String> serverOwnedKeys() {
        return serverOwnedKeys;
    }

    /** Queues a text frame; frames go out in the order they were queued. */
    public void send(String text) {
        synchronized (outbox) {
            if (closed.get()) {
                return;
            }
            outbox.add(text);
            if (sending) {
                return;
            }
            sending = true;
        }
        sendNext();
    }

    private void sendNext() {
        String next;
        synchronized (outbox) {
            next = outbox.poll();
            if (next == null) {
                sending = false;
                return;
            }
        }
        try {
            transport.sendText(next, failure -> {
                if (failure != null) {
                    LOG.log(Level.FINE, "send to " + id + " failed", failure);
                }
                sendNext();
            });
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "send to " + id + " failed", e);
            synchronized (outbox) {
                outbox.clear();
                sending = false;
            }
        }
    }

    /** Closes the socket; cleanup follows through the registry. */
    public void close(int code, String reason) {
        if (transport.isOpen()) {
            transport.close(code, reason);
        }
    }

    /** Marks the connection closed. Returns {@code true} only for the first call. */
    boolean markClosed() {
        if (closed.compareAndSet(false, true)) {
            synchronized (outbox) {
                outbox.clear();
            }
            return true;
        }
        return false;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Called at each ping tick: returns how many pings in a row are now unanswered. */
    int pingTick() {
        return awaitingPong.getAndSet(true) ? missedPongs.incrementAndGet() : missedPongs.get();
    }

    void pongReceived() {
        awaitingPong.set(false);
        missedPongs.set(0);
    }

    void latencyRequested(long nanoTime) {
        latencyRequestedAt.set(nanoTime);
    }

    /** The nanoTime of the outstanding latency request, consumed; 0 when none is outstanding. */
    long takeLatencyRequest() {
        return latencyRequestedAt.getAndSet(0);
    }
}
