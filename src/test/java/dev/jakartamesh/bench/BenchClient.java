package dev.jakartamesh.bench;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A protocol-only client for the load generator: asynchronous requests matched by id, pongs
 * answered, nothing else kept. One shared HttpClient for all connections.
 */
final class BenchClient {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final Map<Long, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<String> assigned = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final Object sendLock = new Object();
    private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);
    private WebSocket socket;

    static CompletableFuture<BenchClient> open(String url) {
        BenchClient client = new BenchClient();
        return HTTP.newWebSocketBuilder().buildAsync(URI.create(url), client.new Listener())
            .thenCompose(socket -> {
                client.socket = socket;
                return client.assigned;
            })
            .thenApply(id -> client);
    }

    String id() {
        return assigned.getNow(null);
    }

    /** Parses a reply frame's text. */
    static jakarta.json.JsonObject parse(String frame) {
        try (JsonReader reader = Json.createReader(new StringReader(frame))) {
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
        long id = ids.incrementAndGet();
        CompletableFuture<String> reply = new CompletableFuture<>();
        pending.put(id, reply);
        send("{\"id\":" + id + ",\"command\":\"" + command + "\",\"payload\":" + payloadJson + "}");
        return reply;
    }

    /** The JDK client allows one outstanding send: chain them. */
    private void send(String text) {
        synchronized (sendLock) {
            lastSend = lastSend.thenCompose(ws -> socket.sendText(text, true));
        }
    }

    void close() {
        synchronized (sendLock) {
            lastSend = lastSend.thenCompose(ws -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));
        }
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
        if (socket != null) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                handle(text);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String text) {
            if (text.startsWith("{\"command\":\"ping\"")) {
                send("{\"command\":\"pong\",\"payload\":{}}");
                return;
            }
            if (text.startsWith("{\"command\":\"latency:request\"")) {
                send("{\"command\":\"latency:response\",\"payload\":{}}");
                return;
            }
            if (text.startsWith("{\"id\":")) {
                int end = 6;
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
                CompletableFuture<String> reply = pending.remove(Long.parseLong(text.substring(6, end)));
                if (reply != null) {
                    reply.complete(text);
                }
            } else if (text.startsWith("{\"command\":\"mesh/assign-id\"")) {
                try (JsonReader reader = Json.createReader(new StringReader(text))) {
                    assigned.complete(reader.readObject().getString("payload"));
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("closed " + statusCode)));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
            assigned.completeExceptionally(error);
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }
}
