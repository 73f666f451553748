package dev.jakartamesh.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartamesh.protocol.MeshException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;

/** mesh.redis.url: TLS, user, password and database are taken from the URL, and a password really authenticates. */
class RedisUrlTest {

    @Test
    void theUrlNamesTlsUserPasswordAndDatabase() {
        JedisClientConfig tls = RedisProvider.clientConfig(URI.create("rediss://mesh:s3cret@redis.example:6380/2"), 1500);
        assertTrue(tls.isSsl());
        assertEquals("mesh", tls.getUser());
        assertEquals("s3cret", tls.getPassword());
        assertEquals(2, tls.getDatabase());
        assertEquals(1500, tls.getSocketTimeoutMillis());

        JedisClientConfig plain = RedisProvider.clientConfig(URI.create("redis://:pw@127.0.0.1:6379"), 2000);
        assertFalse(plain.isSsl());
        assertNull(plain.getUser());
        assertEquals("pw", plain.getPassword());
        assertEquals(0, plain.getDatabase());
    }

    @Test
    void aPasswordProtectedRedisIsUsedWithThePasswordAndRefusedWithout() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
            .setting("requirepass s3cret").setting("save \"\"").build();
        server.start();
        try {
            try (RedisClient client = RedisProvider.create(URI.create("redis://:s3cret@127.0.0.1:" + port + "/3"), 2000, 2)) {
                RedisCalls.run(() -> client.set("k", "v"));
                assertEquals("v", RedisCalls.call(() -> client.get("k")));
            }
            try (RedisClient client = RedisProvider.create(URI.create("redis://127.0.0.1:" + port), 2000, 2)) {
                assertThrows(MeshException.class, () -> RedisCalls.call(() -> client.get("k")));
            }
        } finally {
            server.stop();
        }
    }
}
