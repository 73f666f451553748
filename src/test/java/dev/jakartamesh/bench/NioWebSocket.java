package dev.jakartamesh.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal WebSocket client connection (RFC 6455, client side, no extensions) on java.nio, for
 * the load generator only. A few I/O threads ({@code -Dbench.ioThreads}, default 2) each own a
 * selector and many connections; everything about a connection's socket happens on its thread.
 *
 * <p>Sending may happen from any thread: a frame is encoded (masked) straight into the connection's
 * output buffer under a short lock, and the connection is queued for its I/O thread, which flushes
 * it with one write; wakeups of a selector are batched (one per select, whatever the number of
 * senders). A send from the I/O thread itself (a reply's callback sending the next request) only
 * queues the connection locally: it is written after the current batch of reads, never blocking.
 *
 * <p>Receiving: each I/O thread reads into one shared buffer; a text message that lies whole in it
 * is handed over as a slice of that buffer (no copy), others are assembled per connection
 * (continuation frames included). Once a message is longer than {@link #HEAD} bytes, the subclass
 * is asked whether it wants the rest ({@link #discardable}); if not, the remaining bytes are only
 * counted. Callbacks run on the I/O thread and must not block.
 */
abstract class NioWebSocket {

    static final int OP_CONTINUATION = 0;
    static final int OP_TEXT = 1;
    static final int OP_BINARY = 2;
    static final int OP_CLOSE = 8;
    static final int OP_PING = 9;
    static final int OP_PONG = 10;

    /** Bytes of a message read before {@link #discardable} decides; also what a discarded message keeps. */
    static final int HEAD = 512;

    private static final int IO_THREADS = Math.max(1, Integer.getInteger("bench.ioThreads", 2));
    private static final long HANDSHAKE_TIMEOUT_NANOS =
        TimeUnit.SECONDS.toNanos(Long.getLong("bench.handshakeTimeoutSeconds", 30));
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int KEPT_BUFFER = 4096;
    private static final byte[] NO_BYTES = new byte[0];

    private static final int CONNECTING = 0;
    private static final int HANDSHAKING = 1;
    private static final int OPEN = 2;
    private static final int CLOSED = 3;

    private static final int UNDECIDED = 0;
    private static final int KEEP = 1;
    private static final int DISCARD = 2;

    final IoLoop loop;
    private final URI uri;
    private SocketChannel channel;
    private SelectionKey key;
    private String handshakeKey;
    private byte[] handshakeIn;
    private int handshakeLength;
    private long deadline;
    private volatile int state = CONNECTING;
    private boolean writeInterest;

    // Output: producers encode into out under lock; the I/O thread swaps it with writing and writes.
    private final Object lock = new Object();
    private ByteBuffer out = ByteBuffer.allocate(256);
    private ByteBuffer writing = ByteBuffer.allocate(0);
    private boolean flushScheduled;
    private boolean closeSent;
    private boolean outputClosed;

    // Input, I/O thread only.
    private final byte[] header = new byte[14];
    private int headerLength;
    private boolean inFrame;
    private long frameRemaining;
    private int frameOpcode;
    private boolean frameFin;
    private int messageOpcode = -1;
    private byte[] message = NO_BYTES;
    private int messageLength;
    private long messageTotal;
    private int mode;
    private byte[] control;
    private int controlLength;

    NioWebSocket(URI uri) {
        this.uri = uri;
        this.loop = IoLoop.next();
    }

    // ---- what a subclass implements; all called on the I/O thread ----

    /** The 101 was received and checked. */
    protected abstract void onOpen();

    /** A whole text message, as a slice of a buffer that is reused after this call returns. */
    protected abstract void onText(byte[] bytes, int offset, int length);

    /** Whether the rest of a text message longer than {@link #HEAD} bytes may be discarded, given its first bytes. */
    protected abstract boolean discardable(byte[] bytes, int offset, int length);

    /** A discarded text message: its first {@code headLength} bytes, and its full length. */
    protected abstract void onDiscarded(byte[] bytes, int offset, int headLength, long length);

    /** The connection is gone: a close frame's code (1005 if it had none), or 1006 and the cause. */
    protected abstract void onClosed(int code, Throwable cause);

    // ---- API, any thread ----

    /** Starts connecting; the outcome arrives as {@link #onOpen} or {@link #onClosed}. */
    final void start() {
        loop.execute(this::connect);
    }

    /** Queues a text frame; false if the connection is closed or closing. */
    final boolean sendText(String text) {
        return enqueue(OP_TEXT, text, null, 0);
    }

    /** Queues a close frame with this code; false if one was already sent or the connection is gone. */
    final boolean sendClose(int code) {
        return enqueue(OP_CLOSE, null, new byte[] {(byte) (code >> 8), (byte) code}, 2);
    }

    /** Closes the socket at once, without a close handshake. */
    final void abort() {
        synchronized (lock) {
            outputClosed = true;
        }
        SocketChannel ch = channel;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        loop.execute(() -> terminate(1006, new IOException("aborted")));
    }

    final boolean isOpen() {
        return state == OPEN;
    }

    // ---- connecting and the handshake ----

    private void connect() {
        if (state == CLOSED) {
            return;
        }
        deadline = System.nanoTime() + HANDSHAKE_TIMEOUT_NANOS;
        loop.handshaking.add(this);
        try {
            int port = uri.getPort() != -1 ? uri.getPort() : "wss".equals(uri.getScheme()) ? 443 : 80;
            if (!"ws".equals(uri.getScheme())) {
                throw new IOException("only ws:// is supported: " + uri);
            }
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(new InetSocketAddress(uri.getHost(), port));
            key = channel.register(loop.selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
            if (connected) {
                connected();
            }
        } catch (IOException | RuntimeException e) {
            terminate(1006, new IOException("connect to " + uri + " failed: " + e.getMessage(), e));
        }
    }

    private void connected() throws IOException {
        state = HANDSHAKING;
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        handshakeKey = Base64.getEncoder().encodeToString(nonce);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String request = "GET " + path + " HTTP/1.1\r\n"
            + "Host: " + uri.getHost() + (uri.getPort() != -1 ? ":" + uri.getPort() : "") + "\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: " + handshakeKey + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";
        writing = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        flush();
    }

    /** Reads the upgrade response; returns the offset of the first frame byte in {@code bytes}, or -1 if not complete. */
    private int handshake(byte[] bytes, int offset, int length) throws IOException {
        if (handshakeIn == null) {
            handshakeIn = new byte[Math.max(512, length)];
        }
        if (handshakeLength + length > handshakeIn.length) {
            if (handshakeLength + length > 65536) {
                throw new IOException("handshake to " + uri + " failed: response headers over 64 KB");
            }
            handshakeIn = java.util.Arrays.copyOf(handshakeIn, Math.max(handshakeIn.length * 2, handshakeLength + length));
        }
        int searchFrom = Math.max(0, handshakeLength - 3);
        System.arraycopy(bytes, offset, handshakeIn, handshakeLength, length);
        handshakeLength += length;
        int end = -1;
        for (int i = searchFrom; i + 3 < handshakeLength; i++) {
            if (handshakeIn[i] == '\r' && handshakeIn[i + 1] == '\n' && handshakeIn[i + 2] == '\r' && handshakeIn[i + 3] == '\n') {
                end = i + 4;
                break;
            }
        }
        if (end < 0) {
            return -1;
        }
        String head = new String(handshakeIn, 0, end - 4, StandardCharsets.ISO_8859_1);
        int lineEnd = head.indexOf("\r\n");
        String status = lineEnd < 0 ? head : head.substring(0, lineEnd);
        if (!status.startsWith("HTTP/1.1 101")) {
            String body = new String(handshakeIn, end, Math.min(200, handshakeLength - end), StandardCharsets.UTF_8).trim();
            throw new IOException("handshake to " + uri + " failed: " + status + (body.isEmpty() ? "" : " (" + body + ")"));
        }
        String accept = null;
        String upgrade = null;
        for (int start = lineEnd; start >= 0 && start < head.length(); ) {
            start += 2;
            int next = head.indexOf("\r\n", start);
            String line = head.substring(start, next < 0 ? head.length() : next);
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim();
                if (name.equalsIgnoreCase("sec-websocket-accept")) {
                    accept = line.substring(colon + 1).trim();
                } else if (name.equalsIgnoreCase("upgrade")) {
                    upgrade = line.substring(colon + 1).trim();
                }
            }
            start = next;
        }
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            throw new IOException("handshake to " + uri + " failed: 101 without Upgrade: websocket");
        }
        String expected = loop.accept(handshakeKey);
        if (!expected.equals(accept)) {
            throw new IOException("handshake to " + uri + " failed: Sec-WebSocket-Accept " + accept + ", expected " + expected);
        }
        state = OPEN;
        loop.handshaking.remove(this);
        onOpen();
        flush();
        return end;
    }

    // ---- the I/O thread's events ----

    final void ready(int ops) {
        try {
            if ((ops & SelectionKey.OP_CONNECT) != 0) {
                channel.finishConnect();
                key.interestOps(SelectionKey.OP_READ);
                connected();
            }
            if ((ops & SelectionKey.OP_WRITE) != 0 && state != CLOSED) {
                flush();
            }
            if ((ops & SelectionKey.OP_READ) != 0 && state != CLOSED) {
                read();
            }
        } catch (IOException | RuntimeException e) {
            String during = state == CONNECTING ? "connect to " + uri + " failed: " : state == HANDSHAKING ? "handshake to " + uri + " failed: " : "";
            terminate(1006, during.isEmpty() || String.valueOf(e.getMessage()).startsWith("handshake") ? e : new IOException(during + e, e));
        }
    }

    private void read() throws IOException {
        ByteBuffer buffer = loop.readBuffer;
        byte[] bytes = buffer.array();
        for (int reads = 0; reads < 16 && state != CLOSED; reads++) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                terminate(1006, new EOFException(state == OPEN ? "connection closed without a close frame" : "handshake to " + uri + " failed: connection closed"));
                return;
            }
            if (n == 0) {
                return;
            }
            if (state == HANDSHAKING) {
                int end = handshake(bytes, 0, n);
                if (end < 0) {
                    continue;
                }
                byte[] rest = handshakeIn;
                handshakeIn = null;
                if (end < handshakeLength) {
                    parse(rest, end, handshakeLength);
                }
            } else {
                parse(bytes, 0, n);
            }
            if (n < buffer.capacity()) {
                return;
            }
        }
    }

    // ---- frames in ----

    private void parse(byte[] a, int pos, int end) throws IOException {
        while (pos < end && state != CLOSED) {
            if (!inFrame) {
                if (headerLength == 0 && end - pos >= 2) {
                    int size = headerSize(a[pos], a[pos + 1]);
                    if (end - pos < size) {
                        System.arraycopy(a, pos, header, 0, end - pos);
                        headerLength = end - pos;
                        return;
                    }
                    frameHeader(a, pos);
                    pos += size;
                } else {
                    header[headerLength++] = a[pos++];
                    if (headerLength < 2 || headerLength < headerSize(header[0], header[1])) {
                        continue;
                    }
                    frameHeader(header, 0);
                    headerLength = 0;
                }
                if (frameRemaining == 0) {
                    frameEnd();
                    continue;
                }
                if (frameFin && frameOpcode == OP_TEXT && end - pos >= frameRemaining) {
                    // The common case: a whole message in the buffer, handed over without a copy.
                    int length = (int) frameRemaining;
                    inFrame = false;
                    messageOpcode = -1;
                    if (length > HEAD && discardable(a, pos, length)) {
                        onDiscarded(a, pos, HEAD, length);
                    } else {
                        onText(a, pos, length);
                    }
                    pos += length;
                    continue;
                }
            }
            int n = (int) Math.min(frameRemaining, end - pos);
            payload(a, pos, n);
            pos += n;
            frameRemaining -= n;
            if (frameRemaining == 0) {
                frameEnd();
            }
        }
    }

    private static int headerSize(byte b0, byte b1) {
        int length = b1 & 0x7f;
        return 2 + (length == 126 ? 2 : length == 127 ? 8 : 0) + ((b1 & 0x80) != 0 ? 4 : 0);
    }

    private void frameHeader(byte[] h, int at) throws IOException {
        int b0 = h[at] & 0xff;
        int b1 = h[at + 1] & 0xff;
        if ((b0 & 0x70) != 0) {
            throw new IOException("protocol error: reserved bits set in a frame");
        }
        if ((b1 & 0x80) != 0) {
            throw new IOException("protocol error: a masked frame from the server");
        }
        long length = b1 & 0x7f;
        if (length == 126) {
            length = ((h[at + 2] & 0xff) << 8) | (h[at + 3] & 0xff);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (h[at + 2 + i] & 0xff);
            }
            if (length < 0) {
                throw new IOException("protocol error: a frame length over 2^63");
            }
        }
        frameFin = (b0 & 0x80) != 0;
        frameOpcode = b0 & 0x0f;
        frameRemaining = length;
        inFrame = true;
        switch (frameOpcode) {
            case OP_CLOSE, OP_PING, OP_PONG -> {
                if (!frameFin || length > 125) {
                    throw new IOException("protocol error: a fragmented or long control frame");
                }
                controlLength = 0;
                if (control == null) {
                    control = new byte[125];
                }
            }
            case OP_TEXT, OP_BINARY -> {
                if (messageOpcode != -1) {
                    throw new IOException("protocol error: a new message inside a fragmented one");
                }
                messageOpcode = frameOpcode;
                messageLength = 0;
                messageTotal = 0;
                mode = frameOpcode == OP_BINARY ? DISCARD : UNDECIDED;
            }
            case OP_CONTINUATION -> {
                if (messageOpcode == -1) {
                    throw new IOException("protocol error: a continuation frame outside a message");
                }
            }
            default -> throw new IOException("protocol error: opcode " + frameOpcode);
        }
    }

    private void payload(byte[] a, int pos, int n) {
        if (frameOpcode >= OP_CLOSE) {
            System.arraycopy(a, pos, control, controlLength, n);
            controlLength += n;
            return;
        }
        messageTotal += n;
        if (mode == DISCARD) {
            append(a, pos, Math.min(n, HEAD - messageLength), 0);
            return;
        }
        if (mode == UNDECIDED && messageLength + n > HEAD) {
            int take = HEAD - messageLength;
            long finalLength = frameFin ? messageLength + frameRemaining : 0;
            append(a, pos, take, 0);
            if (discardable(message, 0, messageLength)) {
                mode = DISCARD;
                return;
            }
            mode = KEEP;
            append(a, pos + take, n - take, finalLength);
            return;
        }
        append(a, pos, n, mode == KEEP && frameFin ? messageLength + frameRemaining : 0);
    }

    private void append(byte[] a, int pos, int n, long expected) {
        if (n <= 0) {
            return;
        }
        int needed = messageLength + n;
        if (needed > message.length) {
            long size = Math.max(Math.max(needed, expected), Math.min(messageLength == 0 ? HEAD : (long) message.length * 2,
                mode == UNDECIDED ? HEAD : Integer.MAX_VALUE - 8));
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a message over 2 GB");
            }
            message = java.util.Arrays.copyOf(message, (int) size);
        }
        System.arraycopy(a, pos, message, messageLength, n);
        messageLength = needed;
    }

    private void frameEnd() throws IOException {
        inFrame = false;
        if (frameOpcode >= OP_CLOSE) {
            control(frameOpcode);
            return;
        }
        if (!frameFin) {
            return;
        }
        int opcode = messageOpcode;
        messageOpcode = -1;
        try {
            if (opcode == OP_TEXT) {
                if (mode == DISCARD) {
                    onDiscarded(message, 0, messageLength, messageTotal);
                } else {
                    onText(message, 0, messageLength);
                }
            }
        } finally {
            messageLength = 0;
            if (message.length > KEPT_BUFFER) {
                message = NO_BYTES;
            }
        }
    }

    private void control(int opcode) throws IOException {
        if (opcode == OP_PING) {
            enqueue(OP_PONG, null, java.util.Arrays.copyOf(control, controlLength), controlLength);
        } else if (opcode == OP_CLOSE) {
            int code = controlLength >= 2 ? ((control[0] & 0xff) << 8) | (control[1] & 0xff) : 1005;
            if (code == 1005) {
                enqueue(OP_CLOSE, null, NO_BYTES, 0);
            } else {
                sendClose(code);
            }
            flush();
            terminate(code, null);
        }
    }

    // ---- frames out ----

    private boolean enqueue(int opcode, String text, byte[] bytes, int length) {
        boolean schedule;
        synchronized (lock) {
            if (outputClosed || closeSent) {
                return false;
            }
            if (opcode == OP_CLOSE) {
                closeSent = true;
            }
            int payloadLength = text != null ? utf8Length(text) : length;
            if (out.remaining() < payloadLength + 14) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + payloadLength + 14));
                out.flip();
                bigger.put(out);
                out = bigger;
            }
            byte[] a = out.array();
            int p = out.arrayOffset() + out.position();
            a[p++] = (byte) (0x80 | opcode);
            if (payloadLength < 126) {
                a[p++] = (byte) (0x80 | payloadLength);
            } else if (payloadLength < 65536) {
                a[p++] = (byte) (0x80 | 126);
                a[p++] = (byte) (payloadLength >> 8);
                a[p++] = (byte) payloadLength;
            } else {
                a[p++] = (byte) (0x80 | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    a[p++] = (byte) ((long) payloadLength >> shift);
                }
            }
            int mask = ThreadLocalRandom.current().nextInt();
            int maskAt = p;
            a[p++] = (byte) (mask >> 24);
            a[p++] = (byte) (mask >> 16);
            a[p++] = (byte) (mask >> 8);
            a[p++] = (byte) mask;
            int start = p;
            if (text != null) {
                p = encodeUtf8(text, a, p);
            } else {
                System.arraycopy(bytes, 0, a, p, length);
                p += length;
            }
            for (int i = start; i < p; i++) {
                a[i] ^= a[maskAt + ((i - start) & 3)];
            }
            out.position(p - out.arrayOffset());
            schedule = !flushScheduled;
            flushScheduled = true;
        }
        if (schedule) {
            loop.flushLater(this);
        }
        return true;
    }

    static int utf8Length(String s) {
        int n = s.length();
        int length = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    length += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    length += 2; // 4 bytes for the 2 chars
                    i++;
                } else {
                    length += 2; // 3 bytes; a lone surrogate becomes U+FFFD, also 3 bytes
                }
            }
        }
        return length;
    }

    private static int encodeUtf8(String s, byte[] a, int p) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                a[p++] = (byte) c;
            } else if (c < 0x800) {
                a[p++] = (byte) (0xc0 | (c >> 6));
                a[p++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                a[p++] = (byte) (0xf0 | (cp >> 18));
                a[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                a[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                a[p++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                int cp = Character.isSurrogate(c) ? 0xfffd : c;
                a[p++] = (byte) (0xe0 | (cp >> 12));
                a[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                a[p++] = (byte) (0x80 | (cp & 0x3f));
            }
        }
        return p;
    }

    /** Writes what is queued, on the I/O thread; asks for OP_WRITE only while a write is partial. */
    final void flush() throws IOException {
        if (state == CLOSED || channel == null || !channel.isConnected()) {
            return;
        }
        for (;;) {
            if (!writing.hasRemaining()) {
                if (state != OPEN) {
                    setWriteInterest(false);
                    return;
                }
                synchronized (lock) {
                    flushScheduled = false;
                    if (out.position() == 0) {
                        if (writing.capacity() > 65536) {
                            writing = ByteBuffer.allocate(0);
                        }
                        if (out.capacity() > 65536) {
                            out = ByteBuffer.allocate(256);
                        }
                        setWriteInterest(false);
                        return;
                    }
                    ByteBuffer swap = writing;
                    writing = out;
                    out = swap.capacity() >= 256 ? swap : ByteBuffer.allocate(256);
                    out.clear();
                    writing.flip();
                }
            }
            channel.write(writing);
            if (writing.hasRemaining()) {
                setWriteInterest(true);
                return;
            }
        }
    }

    private void setWriteInterest(boolean on) {
        if (on != writeInterest && key != null && key.isValid()) {
            key.interestOps(on ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            writeInterest = on;
        }
    }

    /** Closes the socket and reports it, once; on the I/O thread. */
    final void terminate(int code, Throwable cause) {
        if (state == CLOSED) {
            return;
        }
        state = CLOSED;
        loop.handshaking.remove(this);
        synchronized (lock) {
            outputClosed = true;
        }
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        handshakeIn = null;
        message = NO_BYTES;
        onClosed(code, cause);
    }

    // ---- the I/O threads ----

    static final class IoLoop implements Runnable {

        private static final IoLoop[] LOOPS = new IoLoop[IO_THREADS];
        private static final AtomicInteger NEXT = new AtomicInteger();

        static {
            for (int i = 0; i < LOOPS.length; i++) {
                LOOPS[i] = new IoLoop(i);
            }
        }

        static IoLoop next() {
            return LOOPS[Math.floorMod(NEXT.getAndIncrement(), LOOPS.length)];
        }

        final Selector selector;
        final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);
        final Set<NioWebSocket> handshaking = new HashSet<>();
        private final Thread thread;
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<NioWebSocket> flushes = new ConcurrentLinkedQueue<>();
        private final ArrayDeque<NioWebSocket> localFlushes = new ArrayDeque<>();
        private final AtomicBoolean wakeupPending = new AtomicBoolean();
        private final MessageDigest sha1;
        private long nextTimeoutCheck;

        private IoLoop(int index) {
            try {
                selector = Selector.open();
                sha1 = MessageDigest.getInstance("SHA-1");
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            thread = new Thread(this, "bench-io-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void execute(Runnable task) {
            tasks.add(task);
            wakeup();
        }

        void flushLater(NioWebSocket connection) {
            if (Thread.currentThread() == thread) {
                localFlushes.add(connection);
            } else {
                flushes.add(connection);
                wakeup();
            }
        }

        /** One selector wakeup per select, however many threads queue work meanwhile. */
        private void wakeup() {
            if (!wakeupPending.get() && wakeupPending.compareAndSet(false, true)) {
                selector.wakeup();
            }
        }

        String accept(String key) {
            sha1.reset();
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        }

        @Override
        public void run() {
            for (;;) {
                try {
                    selector.select(this::ready, 1000);
                    wakeupPending.set(false);
                    Runnable task;
                    while ((task = tasks.poll()) != null) {
                        task.run();
                    }
                    NioWebSocket connection;
                    while ((connection = flushes.poll()) != null) {
                        flush(connection);
                    }
                    while ((connection = localFlushes.poll()) != null) {
                        flush(connection);
                    }
                    long now = System.nanoTime();
                    if (now - nextTimeoutCheck > 0) {
                        nextTimeoutCheck = now + TimeUnit.SECONDS.toNanos(1);
                        timeouts(now);
                    }
                } catch (Throwable t) {
                    System.err.println("bench-io: " + t);
                    t.printStackTrace();
                }
            }
        }

        private void ready(SelectionKey key) {
            if (!key.isValid()) {
                return; // aborted from another thread meanwhile
            }
            NioWebSocket connection = (NioWebSocket) key.attachment();
            int ops;
            try {
                ops = key.readyOps();
            } catch (java.nio.channels.CancelledKeyException e) {
                return;
            }
            connection.ready(ops);
            // Frames queued by callbacks during this read go out with this batch.
            NioWebSocket queued;
            while ((queued = localFlushes.poll()) != null) {
                flush(queued);
            }
        }

        private static void flush(NioWebSocket connection) {
            try {
                connection.flush();
            } catch (IOException | RuntimeException e) {
                connection.terminate(1006, e);
            }
        }

        private void timeouts(long now) {
            List<NioWebSocket> late = new ArrayList<>();
            for (NioWebSocket connection : handshaking) {
                if (now - connection.deadline > 0) {
                    late.add(connection);
                }
            }
            for (NioWebSocket connection : late) {
                connection.terminate(1006, new IOException((connection.state == CONNECTING ? "connect to " : "handshake to ")
                    + connection.uri + " timed out after " + TimeUnit.NANOSECONDS.toSeconds(HANDSHAKE_TIMEOUT_NANOS) + " s"));
            }
        }
    }
}
