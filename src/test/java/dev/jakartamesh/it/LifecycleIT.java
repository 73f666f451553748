package dev.jakartamesh.it;

import static dev.jakartamesh.it.Jsons.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;

/**
 * The application's life around its connections: stopping it closes every socket and leaves
 * nothing in Redis; losing Redis makes commands fail clearly without closing sockets, and it
 * recovers by itself when Redis is back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LifecycleIT {

    private static final int OUTAGE_REDIS_PORT = freePort();

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "stopping", managed = false, testable = false)
    static WebArchive stopping() {
        return Deployments.realWar("mesh-stopping");
    }

    @Deployment(name = "outage", managed = false, testable = false)
    static WebArchive outage() {
        return Deployments.withConfig("mesh-outage",
            "mesh.redis.url=redis://127.0.0.1:" + OUTAGE_REDIS_PORT + "\nmesh.redis.timeout-ms=500\n");
    }

    @Test
    void stoppingTheApplicationClosesEverySocketWith1001AndLeavesNothingInRedis() throws Exception {
        List<MeshTestClient> clients = new ArrayList<>();
        deployer.deploy("stopping");
        try (RedisProbe redis = new RedisProbe()) {
            try {
                for (int i = 0; i < 5; i++) {
                    MeshTestClient client = MeshTestClient.connect(ItConfig.wsUrl("mesh-stopping"));
                    clients.add(client);
                    client.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"n\":" + i + "}}"));
                    client.call("mesh/join-room", obj("{\"roomName\":\"stopping-room\"}"));
                }
                assertTrue(redis.hexists("connections", clients.get(0).connectionId()));
            } finally {
                deployer.undeploy("stopping");
            }
            for (MeshTestClient client : clients) {
                assertEquals(1001, client.awaitClose());
                assertTrue(redis.leftNothingOf(client.connectionId(), "stopping-room"), client.connectionId());
            }
            assertFalse(redis.exists("room:stopping-room:members"));
        }
    }

    @Test
    void aRedeployLeavesNoDuplicateSubscribersOrTimers() throws Exception {
        try (RedisProbe redis = new RedisProbe()) {
            long broadcastBaseline = redis.subscribers("broadcast");
            String previous = null;
            for (int round = 0; round < 2; round++) {
                deployer.deploy("stopping");
                String instance;
                try (MeshTestClient client = MeshTestClient.connect(ItConfig.wsUrl("mesh-stopping"))) {
                    instance = redis.hget("connections", client.connectionId());
                    String channel = "instance:" + instance + ":channel";
                    assertTrue(RedisProbe.eventually(() -> redis.subscribers(channel) == 1), "one subscriber for the instance");
                    assertEquals(broadcastBaseline + 1, redis.subscribers("broadcast"));
                    assertTrue(redis.exists("instance:" + instance + ":heartbeat"));
                } finally {
                    deployer.undeploy("stopping");
                }
                assertTrue(RedisProbe.eventually(() -> redis.subscribers("instance:" + instance + ":channel") == 0));
                assertTrue(RedisProbe.eventually(() -> redis.subscribers("broadcast") == broadcastBaseline), "no subscriber left behind");
                Thread.sleep(1500);
                assertFalse(redis.exists("instance:" + instance + ":heartbeat"), "no heartbeat timer left behind");
                assertFalse(redis.sismember("instances", instance));
                if (previous != null) {
                    assertFalse(redis.exists("instance:" + previous + ":heartbeat"));
                }
                previous = instance;
            }
        }
    }

    @Test
    void aRedisOutageAnswersEUNAVAILABLEKeepsSocketsOpenAndRecovers() throws Exception {
        RedisServer redis = startRedis();
        deployer.deploy("outage");
        String url = ItConfig.wsUrl("mesh-outage");
        try (MeshTestClient client = MeshTestClient.connect(url)) {
            client.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"before\":true}}"));
            client.call("mesh/join-room", obj("{\"roomName\":\"kept-room\"}"));
            String instance;
            try (RedisClient direct = outageRedis()) {
                instance = direct.hget(ItConfig.redisPrefix() + "connections", client.connectionId());
            }
            assertTrue(deliveredOverPubSub(client, instance, "test/before"), "the subscriber is up");

            redis.stop();
            long asked = System.nanoTime();
            JsonObject failed = client.request("mesh/get-my-connection-metadata").asJsonObject();
            long tookMillis = (System.nanoTime() - asked) / 1_000_000;
            java.util.logging.Logger.getLogger(LifecycleIT.class.getName())
                .info("outage: EUNAVAILABLE answered after " + tookMillis + " ms (mesh.redis.timeout-ms=500)");
            assertEquals("EUNAVAILABLE", failed.getString("code"));
            assertEquals("StoreError", failed.getString("name"));
            java.net.http.HttpResponse<String> ready = health();
            assertEquals(503, ready.statusCode(), "readiness is down while Redis is unreachable: " + ready.body());
            assertTrue(ready.body().contains("\"DOWN\""), ready.body());
            JsonObject join = client.request("mesh/join-room", obj("{\"roomName\":\"outage-room\"}")).asJsonObject();
            assertEquals("EUNAVAILABLE", join.getString("code"));
            assertEquals(JsonValue.TRUE, client.call("mesh/noop", JsonValue.NULL), "the socket still works");
            assertFalse(client.isClosed());

            try (MeshTestClient refused = MeshTestClient.open(url)) {
                JsonObject push = refused.awaitFrame(f -> "mesh/error".equals(f.getString("command")));
                assertEquals("EUNAVAILABLE", push.getJsonObject("payload").getString("code"));
                assertEquals(1013, refused.awaitClose(), "a new connection is refused with 'try again later'");
            }

            redis = startRedis();
            assertTrue(deliveredOverPubSub(client, instance, "test/after"), "the subscriber came back by itself");
            // Redis came back empty: the instance registers its live connection again, metadata and rooms.
            assertTrue(RedisProbe.eventually(() -> {
                try {
                    return obj("{\"metadata\":{\"before\":true}}").equals(client.request("mesh/get-my-connection-metadata"));
                } catch (Exception e) {
                    return false;
                }
            }), "what the client set before the outage is back");
            try (RedisClient direct = outageRedis()) {
                assertTrue(direct.sismember(ItConfig.redisPrefix() + "room:kept-room:members", client.connectionId()));
                assertTrue(direct.sismember(ItConfig.redisPrefix() + "connection:" + client.connectionId() + ":rooms", "kept-room"));
                assertEquals(instance, direct.hget(ItConfig.redisPrefix() + "connections", client.connectionId()));
            }
            assertTrue(RedisProbe.eventually(() -> {
                try {
                    return health().statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            }), "readiness is up again");
            try (MeshTestClient fresh = MeshTestClient.connect(url)) {
                fresh.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"after\":true}}"));
                assertEquals(obj("{\"metadata\":{\"after\":true}}"), fresh.call("mesh/get-my-connection-metadata", JsonValue.NULL));
            }
        } finally {
            deployer.undeploy("outage");
            redis.stop();
        }
    }

    private static java.net.http.HttpResponse<String> health() throws Exception {
        String url = ItConfig.wsUrl().replace("ws://", "http://").replaceAll("/mesh-it/mesh$", "/health/ready");
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(url)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static RedisClient outageRedis() {
        return RedisClient.create(URI.create("redis://127.0.0.1:" + OUTAGE_REDIS_PORT));
    }

    /**
     * Publishes a delivery to the instance's channel, again every 200 ms (bounded) until the
     * client gets it: proof that the instance is subscribed.
     */
    private static boolean deliveredOverPubSub(MeshTestClient client, String instance, String command) throws Exception {
        String frame = "{\"command\":\"" + command + "\",\"payload\":{}}";
        String message = Json.createObjectBuilder().add("type", "deliver")
            .add("ids", Json.createArrayBuilder().add(client.connectionId())).add("frame", frame).build().toString();
        try (RedisClient direct = outageRedis()) {
            for (int attempt = 0; attempt < 50; attempt++) {
                direct.publish(ItConfig.redisPrefix() + "instance:" + instance + ":channel", message);
                Thread.sleep(200);
                if (!client.receivedSoFar(f -> command.equals(f.getString("command", null))).isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static RedisServer startRedis() throws IOException {
        RedisServer server = RedisServer.newRedisServer().port(OUTAGE_REDIS_PORT).bind("127.0.0.1")
            .setting("save \"\"").setting("appendonly no").build();
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
