package dev.jakartamesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartamesh.connection.LocalConnections;
import dev.jakartamesh.room.RoomManager;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Churn inside the server: 5,000 connections open, set metadata, join a room and close, from
 * several threads. Afterwards Redis and the server's local registry hold nothing of them.
 */
@ExtendWith(ArquillianExtension.class)
class ChurnIT {

    private static final Logger LOG = Logger.getLogger(ChurnIT.class.getName());
    private static final int CONNECTIONS = 5000;
    private static final int THREADS = 6;

    @Deployment
    static WebArchive deployment() {
        return Deployments.withTests(ChurnIT.class);
    }

    @Inject
    LocalConnections local;

    @Inject
    RoomManager rooms;

    @Test
    void fiveThousandConnectionsComeAndGoLeavingNothing() throws Exception {
        String room = "churn-" + UUID.randomUUID();
        int localBefore = local.size();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int share = CONNECTIONS / THREADS + (t < CONNECTIONS % THREADS ? 1 : 0);
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        MeshTestClient client = MeshTestClient.connect();
                        ids.add(client.connectionId());
                        JsonObject metadata = Json.createObjectBuilder().add("userId", client.connectionId()).add("n", i).build();
                        client.call("mesh/set-my-connection-metadata", Json.createObjectBuilder().add("metadata", metadata).build());
                        client.call("mesh/join-room", Json.createObjectBuilder().add("roomName", room).build());
                        client.close();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info(() -> String.format("churn: %d connections in %.1f s (%.0f/s)", CONNECTIONS, seconds, CONNECTIONS / seconds));
        assertEquals(CONNECTIONS, ids.size());
        assertTrue(RedisProbe.eventually(() -> local.size() == localBefore), "local registry back to " + localBefore + ": " + local.size());
        assertTrue(RedisProbe.eventually(() -> rooms.getRoomMembers(room).isEmpty()), "the room is empty");
        try (RedisProbe redis = new RedisProbe()) {
            int stale = 0;
            for (String id : ids) {
                if (!redis.leftNothingOfQuick(id, room)) {
                    stale++;
                }
            }
            assertEquals(0, stale, "stale connections in Redis");
            assertTrue(!redis.sismember("rooms", room), "the empty room left the index");
        }
    }
}
