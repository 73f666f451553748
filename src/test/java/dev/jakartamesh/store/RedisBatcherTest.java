package dev.jakartamesh.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.MeshException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ClientKillParams;

/** The shared pipeline against the real Redis on 127.0.0.1:6379. */
class RedisBatcherTest {

    private static final HostAndPort REDIS = new HostAndPort("127.0.0.1", 6379);
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private final String key = "mesh-unit:batcher:" + UUID.randomUUID();

    private String clientName() {
        return "batcher-test-" + key.substring(key.lastIndexOf(':') + 1);
    }

    @AfterEach
    void removeKey() {
        try (RedisClient redis = RedisClient.builder().hostAndPort(REDIS).build()) {
            redis.del(key);
        }
    }

    private RedisBatcher batcher(HostAndPort address, int timeoutMillis) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().clientName(clientName())
            .connectionTimeoutMillis(timeoutMillis).socketTimeoutMillis(timeoutMillis).build();
        return new RedisBatcher(() -> new Connection(address, config), timeoutMillis);
    }

    @Test
    void manyThreadsGetEveryReplyOnceAndEachThreadInItsOwnOrder() throws Exception {
        int threads = 16;
        int calls = 500;
        try (RedisBatcher batcher = batcher(REDIS, 2000)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    List<Long> seen = new ArrayList<>(calls);
                    for (int i = 0; i < calls; i++) {
                        seen.add(batcher.call(pipeline -> pipeline.incr(key)));
                    }
                    return seen;
                }));
            }
            Set<Long> all = new HashSet<>();
            assertTimeoutPreemptively(HANG_GUARD, () -> {
                for (Future<List<Long>> result : results) {
                    List<Long> seen = result.get();
                    for (int i = 1; i < seen.size(); i++) {
                        assertTrue(seen.get(i) > seen.get(i - 1), "a caller's commands run in its order");
                    }
                    all.addAll(seen);
                }
            });
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            assertEquals(threads * calls, all.size(), "every INCR ran once and was answered to its caller");
            assertEquals(Integer.toString(threads * calls), batcher.call(pipeline -> pipeline.get(key)));
        }
    }

    @Test
    void anErrorReplyFailsOnlyItsOwnCall() {
        try (RedisBatcher batcher = batcher(REDIS, 2000)) {
            batcher.call(pipeline -> pipeline.set(key, "text"));
            assertThrows(JedisDataException.class, () -> batcher.call(pipeline -> pipeline.incr(key)));
            assertEquals("text", batcher.call(pipeline -> pipeline.get(key)), "the connection keeps working");
        }
    }

    @Test
    void aClosedPortIsUnavailableAndTheNextCallConnectsAgain() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (RedisBatcher batcher = batcher(new HostAndPort("127.0.0.1", port), 500)) {
            MeshException e = assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(MeshException.class,
                () -> RedisCalls.call(() -> batcher.call(pipeline -> pipeline.get(key)))));
            assertEquals(ErrorCode.EUNAVAILABLE, e.code());
        }
        try (RedisBatcher batcher = batcher(REDIS, 500)) {
            batcher.call(pipeline -> pipeline.set(key, "1"));
            try (Jedis redis = new Jedis(REDIS)) {
                // Only this test's connection: other tests and servers may share this Redis.
                String line = redis.clientList().lines().filter(l -> l.contains(" name=" + clientName() + " "))
                    .findFirst().orElseThrow();
                String id = line.substring(3, line.indexOf(' '));
                redis.clientKill(new ClientKillParams().id(id));
            }
            // The killed connection fails the next call at most once; the one after it reconnects.
            try {
                batcher.call(pipeline -> pipeline.get(key));
            } catch (RuntimeException expected) {
                assertInstanceOf(JedisConnectionException.class, expected);
            }
            assertEquals("1", batcher.call(pipeline -> pipeline.get(key)));
        }
    }

    @Test
    void aClosedBatcherRefusesCalls() {
        RedisBatcher batcher = batcher(REDIS, 500);
        batcher.close();
        MeshException e = assertThrows(MeshException.class, () -> batcher.call(pipeline -> pipeline.get(key)));
        assertEquals(ErrorCode.EUNAVAILABLE, e.code());
    }
}
