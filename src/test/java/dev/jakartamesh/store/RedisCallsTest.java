package dev.jakartamesh.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.MeshException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** With Redis unreachable or silent, calls fail with EUNAVAILABLE instead of hanging. */
class RedisCallsTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @Test
    void aClosedPortIsUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (RedisClient client = RedisProvider.create(URI.create("redis://127.0.0.1:" + port), 500, 2)) {
            MeshException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> assertThrows(MeshException.class, () -> RedisCalls.call(() -> client.hget("k", "f"))));
            assertEquals(ErrorCode.EUNAVAILABLE, e.code());
        }
    }

    @Test
    void aServerThatNeverAnswersIsUnavailableAfterTheTimeout() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (RedisClient client = RedisProvider.create(URI.create("redis://127.0.0.1:" + silent.getLocalPort()), 500, 2)) {
                MeshException e = assertTimeoutPreemptively(HANG_GUARD,
                    () -> assertThrows(MeshException.class, () -> RedisCalls.call(() -> client.hget("k", "f"))));
                assertEquals(ErrorCode.EUNAVAILABLE, e.code());
            }
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void badUrlsAreRefusedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RedisProvider.create(URI.create("http://127.0.0.1:6379"), 500, 2));
        assertEquals(true, e.getMessage().contains("mesh.redis.url"));
    }
}
