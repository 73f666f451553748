package dev.jakartamesh.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A protocol-only test client over the JDK's WebSocket: it keeps every frame it receives,
 * answers {@code ping} and {@code latency:request} as mesh's client does (unless told not to), and
 * waits, bounded, for what a test expects.
 */
public final class MeshTestClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final List<JsonObject> seen = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Object sendLock = new Object();
    private final String connectionId;
    private volatile boolean answerPings;
    private volatile boolean stalled;

    private MeshTestClient(String url, boolean answerPings, boolean awaitId) throws Exception {
        this(url, Map.of(), answerPings, awaitId);
    }

    private MeshTestClient(String url, Map<String, String> headers, boolean answerPings, boolean awaitId) throws Exception {
        this.answerPings = answerPings;
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(URI.create(url), new Listener()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        this.connectionId = awaitId
            ? awaitFrame(f -> "mesh/assign-id".equals(f.getString("command", null))).getString("payload")
            : null;
    }

    /** Connects to the test server and waits for {@code mesh/assign-id}. */
    public static MeshTestClient connect() throws Exception {
        return connect(ItConfig.wsUrl());
    }

    /** Connects to the endpoint at {@code url} and waits for {@code mesh/assign-id}. */
    public static MeshTestClient connect(String url) throws Exception {
        return new MeshTestClient(url, true, true);
    }

    /** Connects with extra handshake headers and waits for {@code mesh/assign-id}. */
    public static MeshTestClient connect(String url, Map<String, String> headers) throws Exception {
        return new MeshTestClient(url, headers, true, true);
    }

    /** The HTTP status of a handshake that the server refuses, or 101 when it is accepted (and then closed). */
    public static int handshakeStatus(String url, Map<String, String> headers) throws Exception {
        try (MeshTestClient client = new MeshTestClient(url, headers, true, true)) {
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** Opens the socket without waiting for {@code mesh/assign-id}: for a server that may refuse the connection. */
    public static MeshTestClient open(String url) throws Exception {
        return new MeshTestClient(url, true, false);
    }

    /** Connects a client that never answers pings. */
    public static MeshTestClient connectSilent() throws Exception {
        return new MeshTestClient(ItConfig.wsUrl(), false, true);
    }

    public String connectionId() {
        return connectionId;
    }

    /** Sends a request and returns the reply's payload (which may be an error payload). */
    public JsonValue request(String command, JsonValue payload) throws Exception {
        long id = nextId.getAndIncrement();
        JsonObject frame = Json.createObjectBuilder().add("id", id).add("command", command).add("payload", payload).build();
        sendRaw(frame.toString());
        return awaitReply(id).get("payload");
    }

    public JsonValue request(String command) throws Exception {
        return request(command, JsonValue.EMPTY_JSON_OBJECT);
    }

    /** Sends a request whose reply must not be an error, and returns its payload. */
    public JsonValue call(String command, JsonValue payload) throws Exception {
        JsonValue reply = request(command, payload);
        if (reply instanceof JsonObject object && object.containsKey("error")) {
            throw new AssertionError(command + " failed: " + reply);
        }
        return reply;
    }

    public void sendRaw(String text) throws Exception {
        send(socket, text);
    }

    public void sendBinary(byte[] data) throws Exception {
        synchronized (sendLock) {
            socket.sendBinary(ByteBuffer.wrap(data), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** The JDK client allows one outstanding send: every send waits for the one before. */
    private void send(WebSocket webSocket, String text) throws Exception {
        synchronized (sendLock) {
            webSocket.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** The reply with this integer id. */
    public JsonObject awaitReply(long id) throws Exception {
        return awaitFrame(f -> f.get("id") instanceof jakarta.json.JsonNumber n && n.isIntegral() && n.longValue() == id);
    }

    /** The first frame (received earlier or later) that matches; fails after {@link #WAIT}. */
    public JsonObject awaitFrame(Predicate<JsonObject> match) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (seen) {
            for (JsonObject frame : seen) {
                if (match.test(frame)) {
                    seen.remove(frame);
                    return frame;
                }
            }
        }
        while (System.nanoTime() < deadline) {
            JsonObject frame = inbox.poll(50, TimeUnit.MILLISECONDS);
            if (frame == null) {
                continue;
            }
            if (match.test(frame)) {
                return frame;
            }
            synchronized (seen) {
                seen.add(frame);
            }
        }
        throw new AssertionError("no matching frame within " + WAIT + "; unmatched: " + seen);
    }

    /** Frames received so far that have no id and match, without waiting. */
    public List<JsonObject> receivedSoFar(Predicate<JsonObject> match) {
        List<JsonObject> out = new ArrayList<>();
        synchronized (seen) {
            inbox.drainTo(seen);
            for (JsonObject frame : seen) {
                if (match.test(frame)) {
                    out.add(frame);
                }
            }
        }
        return out;
    }

    /** The close code, once the server has closed the socket; fails after {@link #WAIT}. */
    public int awaitClose() throws Exception {
        return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() throws Exception {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            synchronized (sendLock) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Stops reading from the socket, as a client that hangs would: the server's frames pile up. */
    public void stopReading() {
        stalled = true;
    }

    /** Drops the TCP connection without a close frame. */
    public void abort() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try (JsonReader reader = Json.createReader(new StringReader(text))) {
                    JsonObject frame = reader.readObject();
                    String command = frame.getString("command", "");
                    if (answerPings && "ping".equals(command)) {
                        webSocketSend(webSocket, "{\"command\":\"pong\",\"payload\":{}}");
                        inbox.add(frame);
                    } else if (answerPings && "latency:request".equals(command)) {
                        webSocketSend(webSocket, "{\"command\":\"latency:response\",\"payload\":{}}");
                        inbox.add(frame);
                    } else {
                        inbox.add(frame);
                    }
                }
            }
            if (!stalled) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        private void webSocketSend(WebSocket webSocket, String text) {
            try {
                send(webSocket, text);
            } catch (Exception e) {
                // The socket is closing; the test sees the close.
            }
        }
    }
}
