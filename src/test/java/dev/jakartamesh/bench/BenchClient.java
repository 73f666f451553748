package dev.jakartamesh.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A protocol-only client for the load generator: asynchronous requests matched by id, pings and
 * latency probes answered, nothing else kept. The WebSocket underneath is {@link NioWebSocket}
 * (a few shared I/O threads for all connections); replies complete on an I/O thread, so what a
 * caller chains on them must not block (sending the next request from there is fine).
 */
final class BenchClient {

    /** For the admin REST API only. */
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final byte[] ID = ascii("{\"id\":");
    private static final byte[] PING = ascii("{\"command\":\"ping\"");
    private static final byte[] LATENCY_REQUEST = ascii("{\"command\":\"latency:request\"");
    private static final byte[] ASSIGN_ID = ascii("{\"command\":\"mesh/assign-id\"");
    private static final String PONG = "{\"command\":\"pong\",\"payload\":{}}";
    private static final String LATENCY_RESPONSE = "{\"command\":\"latency:response\",\"payload\":{}}";

    /** A reply whose body was not kept: its first bytes (all of it when short) and its length in bytes. */
    record Discarded(String head, long length) {
        boolean isError() {
            return BenchClient.isError(head);
        }
    }

    /** A pending request that wants only the head of its reply. */
    private static final class Discarding extends CompletableFuture<Discarded> {
    }

    private final Map<Long, CompletableFuture<?>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<String> assigned = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final Wire socket;

    private BenchClient(URI uri) {
        this.socket = new Wire(uri);
    }

    /** Connects; completes once the server's {@code mesh/assign-id} frame has arrived. */
    static CompletableFuture<BenchClient> open(String url) {
        BenchClient client = new BenchClient(URI.create(url));
        client.socket.start();
        return client.assigned.thenApply(id -> client);
    }

    String id() {
        return assigned.getNow(null);
    }

    /** Parses a reply frame's text. */
    static JsonObject parse(String frame) {
        try (JsonReader reader = READERS.createReader(new StringReader(frame))) {
            return reader.readObject();
        }
    }

    /** Whether a reply frame is an error reply. */
    static boolean isError(String frame) {
        return frame.contains("\"code\":\"E");
    }

    /**
     * Sends a request whose payload is the given JSON text; completes with the reply frame's text,
     * unparsed (a join into a big room answers megabytes; parse only what a scenario reads).
     */
    CompletableFuture<String> request(String command, String payloadJson) {
        return send(command, payloadJson, new CompletableFuture<>());
    }

    /**
     * Like {@link #request}, but the reply's body is skipped as it arrives: completes with the
     * reply's first {@value NioWebSocket#HEAD} bytes and its full length. For requests whose
     * answers are big and unread, such as joins that fill a room.
     */
    CompletableFuture<Discarded> requestDiscardingBody(String command, String payloadJson) {
        return send(command, payloadJson, new Discarding());
    }

    private <T extends CompletableFuture<?>> T send(String command, String payloadJson, T reply) {
        long id = ids.incrementAndGet();
        pending.put(id, reply);
        if (!socket.sendText("{\"id\":" + id + ",\"command\":\"" + command + "\",\"payload\":" + payloadJson + "}")) {
            pending.remove(id);
            reply.completeExceptionally(new IllegalStateException("closed " + closed.getNow(-1)));
        }
        return reply;
    }

    /** Starts the close handshake (1000). */
    void close() {
        socket.sendClose(1000);
    }

    boolean awaitClosed(long seconds) {
        try {
            closed.get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    void abort() {
        socket.abort();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] bytes, int offset, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The id of a reply frame ({@code {"id":N,...}}), or -1. */
    private static long replyId(byte[] bytes, int offset, int length) {
        if (!startsWith(bytes, offset, length, ID)) {
            return -1;
        }
        long id = 0;
        int digits = 0;
        for (int i = offset + ID.length; i < offset + length && digits < 19; i++, digits++) {
            int b = bytes[i];
            if (b < '0' || b > '9') {
                return digits == 0 ? -1 : id;
            }
            id = id * 10 + (b - '0');
        }
        return -1;
    }

    /** The I/O side: everything here runs on an I/O thread. */
    private final class Wire extends NioWebSocket {

        Wire(URI uri) {
            super(uri);
        }

        @Override
        protected void onOpen() {
            // Ready once the server has assigned the id.
        }

        @Override
        protected void onText(byte[] bytes, int offset, int length) {
            long id = replyId(bytes, offset, length);
            if (id >= 0) {
                CompletableFuture<?> reply = pending.remove(id);
                if (reply instanceof Discarding discarding) {
                    discarding.complete(new Discarded(new String(bytes, offset, length, StandardCharsets.UTF_8), length));
                } else if (reply != null) {
                    @SuppressWarnings("unchecked")
                    CompletableFuture<String> text = (CompletableFuture<String>) reply;
                    text.complete(new String(bytes, offset, length, StandardCharsets.UTF_8));
                }
            } else if (startsWith(bytes, offset, length, PING)) {
                sendText(PONG);
            } else if (startsWith(bytes, offset, length, LATENCY_REQUEST)) {
                sendText(LATENCY_RESPONSE);
            } else if (startsWith(bytes, offset, length, ASSIGN_ID)) {
                assigned.complete(assignedId(new String(bytes, offset, length, StandardCharsets.UTF_8)));
            }
        }

        private String assignedId(String frame) {
            String marker = "\"payload\":\"";
            int start = frame.indexOf(marker);
            int end = start < 0 ? -1 : frame.indexOf('"', start + marker.length());
            if (end < 0 || frame.substring(start, end).indexOf('\\') >= 0) {
                return parse(frame).getString("payload");
            }
            return frame.substring(start + marker.length(), end);
        }

        @Override
        protected boolean discardable(byte[] bytes, int offset, int length) {
            long id = replyId(bytes, offset, length);
            return id >= 0 && pending.get(id) instanceof Discarding;
        }

        @Override
        protected void onDiscarded(byte[] bytes, int offset, int headLength, long length) {
            long id = replyId(bytes, offset, headLength);
            if (id >= 0 && pending.remove(id) instanceof Discarding discarding) {
                discarding.complete(new Discarded(new String(bytes, offset, headLength, StandardCharsets.UTF_8), length));
            }
        }

        @Override
        protected void onClosed(int code, Throwable cause) {
            closed.complete(code);
            if (!assigned.isDone()) {
                assigned.completeExceptionally(cause != null ? cause
                    : new IOException("closed with " + code + " before mesh/assign-id"));
            }
            IllegalStateException failure = new IllegalStateException("closed " + code, cause);
            for (Long id : pending.keySet()) {
                CompletableFuture<?> reply = pending.remove(id);
                if (reply != null) {
                    reply.completeExceptionally(failure);
                }
            }
        }
    }
}
