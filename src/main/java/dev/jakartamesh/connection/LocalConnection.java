package dev.jakartamesh.connection;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A connection whose socket lives on this instance. Sends are queued and go out one at a time, in
 * order, without blocking the caller, so replies, pushes and pings never interleave on the socket
 * and a slow client holds up only its own queue. The queue is bounded: a client whose queue stays
 * over the bound for longer than the grace period, or grows past four times the bound, is handed to
 * the overflow handler, which closes it. A burst to a client that keeps reading passes.
 *
 * <p>It also keeps this instance's copy of what the connection has in Redis (its metadata and
 * rooms, as written through this instance), so that it can be registered again if Redis loses it.
 */
public final class LocalConnection {

    private static final Logger LOG = Logger.getLogger(LocalConnection.class.getName());

    private final String id;
    private final Transport transport;
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private boolean sending;
    private long queuedChars;
    private long overSince;
    private final long maxQueuedChars;
    private final long graceNanos;
    private final Consumer<LocalConnection> onOverflow;
    private final TokenBucket commands;
    private volatile String storedMetadata = "null";
    private final Set<String> storedRooms = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private final AtomicInteger missedPongs = new AtomicInteger();
    private final AtomicBoolean awaitingPong = new AtomicBoolean();
    private final AtomicLong latencyRequestedAt = new AtomicLong();

    private final Set<String> serverOwnedKeys;

    LocalConnection(String id, Transport transport, Set<String> serverOwnedKeys, TokenBucket commands,
                    long maxQueuedChars, long graceMillis, Consumer<LocalConnection> onOverflow) {
        this.id = id;
        this.transport = transport;
        this.serverOwnedKeys = serverOwnedKeys;
        this.commands = commands;
        this.maxQueuedChars = maxQueuedChars;
        this.graceNanos = graceMillis * 1_000_000L;
        this.onOverflow = onOverflow;
    }

    /** Takes one command from this connection's rate limit; {@code false} when it is over the limit. */
    public boolean tryCommand() {
        return commands.tryTake(System.nanoTime());
    }

    /** The metadata JSON this instance last stored for the connection. */
    public String storedMetadata() {
        return storedMetadata;
    }

    /** Records the metadata JSON just stored for the connection. */
    public void metadataStored(String json) {
        storedMetadata = json;
    }

    /** The rooms this instance last stored for the connection. */
    public Set<String> storedRooms() {
        return Set.copyOf(storedRooms);
    }

    /** Records a join or a leave just stored for the connection. */
    public void roomStored(String room, boolean member) {
        if (member) {
            storedRooms.add(room);
        } else {
            storedRooms.remove(room);
        }
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
        boolean overflow = false;
        synchronized (outbox) {
            if (closed.get()) {
                return;
            }
            if (overBound(queuedChars + text.length())) {
                outbox.clear();
                queuedChars = 0;
                overflow = true;
            } else {
                outbox.add(text);
                queuedChars += text.length();
                if (sending) {
                    return;
                }
                sending = true;
            }
        }
        if (overflow) {
            LOG.fine(() -> "send buffer of " + id + " is full");
            onOverflow.accept(this);
            return;
        }
        sendNext(0);
    }

    /** Whether a queue of {@code chars} means the client has stopped reading. Called under the lock. */
    private boolean overBound(long chars) {
        if (chars <= maxQueuedChars) {
            overSince = 0;
            return false;
        }
        long now = System.nanoTime();
        if (overSince == 0) {
            overSince = now;
        }
        return chars > 4 * maxQueuedChars || now - overSince > graceNanos;
    }

    private void sendNext(int sentLength) {
        String next;
        synchronized (outbox) {
            queuedChars = Math.max(0, queuedChars - sentLength);
            if (queuedChars <= maxQueuedChars) {
                overSince = 0;
            }
            next = outbox.peek();
            if (next == null) {
                sending = false;
                return;
            }
        }
        String inFlight = next;
        try {
            transport.sendText(inFlight, failure -> {
                if (failure != null) {
                    LOG.log(Level.FINE, "send to " + id + " failed", failure);
                }
                synchronized (outbox) {
                    if (outbox.peek() == inFlight) {
                        outbox.poll();
                    }
                }
                sendNext(inFlight.length());
            });
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "send to " + id + " failed", e);
            synchronized (outbox) {
                outbox.clear();
                queuedChars = 0;
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
                queuedChars = 0;
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
