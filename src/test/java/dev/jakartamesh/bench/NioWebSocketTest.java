package dev.jakartamesh.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator's WebSocket client against a scripted server on a plain socket: the handshake,
 * masking, length encodings, fragments, control frames, discarded bodies and closes.
 */
class NioWebSocketTest {

    private ServerSocket server;
    private Socket peer;
    private InputStream in;
    private OutputStream out;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout(10_000);
    }

    @AfterEach
    void stop() throws IOException {
        if (peer != null) {
            peer.close();
        }
        server.close();
    }

    private String url() {
        return "ws://127.0.0.1:" + server.getLocalPort() + "/mesh?x=1";
    }

    /** Accepts the client and answers its upgrade with {@code status}, then anything in {@code extra}. */
    private String accept(String status, String acceptOverride, byte[] extra) throws Exception {
        peer = server.accept();
        peer.setSoTimeout(10_000);
        in = peer.getInputStream();
        out = peer.getOutputStream();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertTrue(b >= 0, "request ended early");
            request.write(b);
        }
        String text = request.toString(StandardCharsets.ISO_8859_1);
        Matcher key = Pattern.compile("Sec-WebSocket-Key: (\\S+)").matcher(text);
        assertTrue(key.find(), text);
        String accept = acceptOverride != null ? acceptOverride : Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
            .digest((key.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        String response = "HTTP/1.1 " + status + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n";
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(response.getBytes(StandardCharsets.ISO_8859_1));
        all.write(extra);
        out.write(all.toByteArray());
        out.flush();
        return text;
    }

    private static byte[] frame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else if (payload.length < 65536) {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    /** The rest of a fragmented message from {@code from}: one continuation up to {@code cut}, then the final one. */
    private void writeContinued(byte[] message, int from, int cut) throws java.io.IOException {
        out.write(frame(false, NioWebSocket.OP_CONTINUATION, java.util.Arrays.copyOfRange(message, from, cut)));
        out.write(frame(true, NioWebSocket.OP_CONTINUATION, java.util.Arrays.copyOfRange(message, cut, message.length)));
    }

    private static byte[] text(String text) {
        return frame(true, NioWebSocket.OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    private static final String ASSIGN = "{\"command\":\"mesh/assign-id\",\"payload\":\"conn-1\"}";

    /** Reads one client frame, checking it is masked; returns the opcode then the unmasked payload. */
    private Object[] readFrame() throws IOException {
        DataInputStream data = new DataInputStream(in);
        int b0 = data.readUnsignedByte();
        int b1 = data.readUnsignedByte();
        assertEquals(0x80, b1 & 0x80, "client frames are masked");
        assertEquals(0x80, b0 & 0x80, "fin");
        long length = b1 & 0x7f;
        if (length == 126) {
            length = data.readUnsignedShort();
        } else if (length == 127) {
            length = data.readLong();
        }
        byte[] mask = new byte[4];
        data.readFully(mask);
        byte[] payload = new byte[(int) length];
        data.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return new Object[] {b0 & 0x0f, payload};
    }

    private String readText() throws IOException {
        Object[] frame = readFrame();
        assertEquals(NioWebSocket.OP_TEXT, frame[0]);
        return new String((byte[]) frame[1], StandardCharsets.UTF_8);
    }

    private static String reply(long id, int size) {
        StringBuilder text = new StringBuilder("{\"id\":" + id + ",\"command\":\"c\",\"payload\":{\"present\":[");
        while (text.length() < size - 3) {
            text.append('0');
        }
        return text.append("]}}").toString();
    }

    private BenchClient connected() throws Exception {
        CompletableFuture<BenchClient> opening = BenchClient.open(url());
        String request = accept("101 Switching Protocols", null, text(ASSIGN));
        assertTrue(request.startsWith("GET /mesh?x=1 HTTP/1.1\r\n"), request);
        BenchClient client = opening.get(10, TimeUnit.SECONDS);
        assertEquals("conn-1", client.id());
        return client;
    }

    @Test
    void requestsAreMaskedAndRepliesOfEveryLengthEncodingArrive() throws Exception {
        BenchClient client = connected();
        String unicode = "{\"name\":\"é ✓ \uD83D\uDE00\"}";
        CompletableFuture<String> small = client.request("a", unicode);
        assertEquals("{\"id\":1,\"command\":\"a\",\"payload\":" + unicode + "}", readText());
        String big = "{\"v\":\"" + "x".repeat(70_000) + "\"}";
        CompletableFuture<String> large = client.request("b", big);
        assertEquals("{\"id\":2,\"command\":\"b\",\"payload\":" + big + "}", readText(), "a 64-bit length");
        CompletableFuture<String> medium = client.request("c", "{}");
        readText();

        out.write(text(reply(2, 300_000)));
        out.write(text(reply(3, 1000)));
        // One byte a write: headers and payloads split anywhere.
        for (byte b : text(reply(1, 100))) {
            out.write(b);
            out.flush();
        }
        assertEquals(reply(1, 100), small.get(10, TimeUnit.SECONDS));
        assertEquals(reply(2, 300_000), large.get(10, TimeUnit.SECONDS));
        assertEquals(reply(3, 1000), medium.get(10, TimeUnit.SECONDS));
    }

    @Test
    void fragmentsAreJoinedAroundAControlFrameAndPingsAnswered() throws Exception {
        BenchClient client = connected();
        CompletableFuture<String> reply = client.request("a", "{}");
        readText();
        byte[] whole = reply(1, 5000).getBytes(StandardCharsets.UTF_8);
        out.write(frame(false, NioWebSocket.OP_TEXT, java.util.Arrays.copyOfRange(whole, 0, 10)));
        out.write(frame(true, NioWebSocket.OP_PING, new byte[] {1, 2, 3}));
        writeContinued(whole, 10, 3000);
        out.write(text("{\"command\":\"ping\",\"payload\":{}}"));
        out.write(text("{\"command\":\"latency:request\",\"payload\":{}}"));
        Object[] pong = readFrame();
        assertEquals(NioWebSocket.OP_PONG, pong[0]);
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) pong[1]);
        assertEquals(reply(1, 5000), reply.get(10, TimeUnit.SECONDS));
        assertEquals("{\"command\":\"pong\",\"payload\":{}}", readText());
        assertEquals("{\"command\":\"latency:response\",\"payload\":{}}", readText());
    }

    @Test
    void aDiscardedBodyKeepsItsHeadAndLength() throws Exception {
        BenchClient client = connected();
        CompletableFuture<BenchClient.Discarded> whole = client.requestDiscardingBody("join", "{}");
        CompletableFuture<BenchClient.Discarded> fragmented = client.requestDiscardingBody("join", "{}");
        CompletableFuture<BenchClient.Discarded> small = client.requestDiscardingBody("join", "{}");
        CompletableFuture<String> kept = client.request("join", "{}");
        for (int i = 0; i < 4; i++) {
            readText();
        }
        out.write(text(reply(1, 1_000_000)));
        byte[] second = reply(2, 200_000).getBytes(StandardCharsets.UTF_8);
        out.write(frame(false, NioWebSocket.OP_TEXT, java.util.Arrays.copyOfRange(second, 0, 100)));
        writeContinued(second, 100, 700);
        out.write(text("{\"id\":3,\"command\":\"join\",\"payload\":{\"error\":\"no\",\"code\":\"E1\"}}"));
        out.write(text(reply(4, 100_000)));
        BenchClient.Discarded first = whole.get(10, TimeUnit.SECONDS);
        assertEquals(1_000_000, first.length());
        assertEquals(NioWebSocket.HEAD, first.head().length());
        assertTrue(first.head().startsWith("{\"id\":1,"));
        BenchClient.Discarded two = fragmented.get(10, TimeUnit.SECONDS);
        assertEquals(200_000, two.length());
        assertTrue(two.head().startsWith("{\"id\":2,"));
        assertTrue(small.get(10, TimeUnit.SECONDS).isError(), "a short reply is whole");
        assertEquals(reply(4, 100_000), kept.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aServerCloseIsAnsweredAndReported() throws Exception {
        BenchClient client = connected();
        CompletableFuture<String> pending = client.request("a", "{}");
        readText();
        out.write(frame(true, NioWebSocket.OP_CLOSE, new byte[] {(byte) (4001 >> 8), (byte) 4001}));
        Object[] close = readFrame();
        assertEquals(NioWebSocket.OP_CLOSE, close[0]);
        assertArrayEquals(new byte[] {(byte) (4001 >> 8), (byte) 4001}, (byte[]) close[1]);
        assertTrue(client.awaitClosed(10));
        assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
        assertThrows(ExecutionException.class, () -> client.request("b", "{}").get(10, TimeUnit.SECONDS));
    }

    @Test
    void aClientCloseSendsCode1000() throws Exception {
        BenchClient client = connected();
        client.close();
        Object[] close = readFrame();
        assertEquals(NioWebSocket.OP_CLOSE, close[0]);
        assertArrayEquals(new byte[] {(byte) (1000 >> 8), (byte) (1000 & 0xff)}, (byte[]) close[1]);
        out.write(frame(true, NioWebSocket.OP_CLOSE, (byte[]) close[1]));
        assertTrue(client.awaitClosed(10));
        assertEquals(-1, in.read(), "the client closed the socket");
    }

    @Test
    void aRefusedUpgradeSaysWhy() throws Exception {
        CompletableFuture<BenchClient> opening = BenchClient.open(url());
        accept("403 Forbidden", null, "no entry".getBytes(StandardCharsets.US_ASCII));
        ExecutionException e = assertThrows(ExecutionException.class, () -> opening.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("403 Forbidden"), e.getCause().getMessage());
    }

    @Test
    void aWrongAcceptIsRefused() throws Exception {
        CompletableFuture<BenchClient> opening = BenchClient.open(url());
        accept("101 Switching Protocols", "bm9wZQ==", new byte[0]);
        ExecutionException e = assertThrows(ExecutionException.class, () -> opening.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("Sec-WebSocket-Accept"), e.getCause().getMessage());
    }

    @Test
    void aRefusedConnectSaysWhere() throws Exception {
        int port = server.getLocalPort();
        server.close();
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> BenchClient.open("ws://127.0.0.1:" + port + "/mesh").get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().startsWith("connect to ws://127.0.0.1:" + port), e.getCause().getMessage());
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }
}
