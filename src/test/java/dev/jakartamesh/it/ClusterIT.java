package dev.jakartamesh.it;

import static dev.jakartamesh.it.Jsons.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two real instances on one Redis: A is the Arquillian server (this test's deployment), B a second
 * Liberty server running the real WAR, which the tests start, stop gracefully and kill.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static SecondInstance b;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.realWar().addClass(ClusterTestServlet.class);
    }

    @BeforeAll
    static void startSecondInstance() throws Exception {
        b = new SecondInstance();
        b.start();
    }

    @AfterAll
    static void stopSecondInstance() throws Exception {
        b.close();
    }

    private static MeshTestClient onA() throws Exception {
        return MeshTestClient.connect();
    }

    private static MeshTestClient onB() throws Exception {
        return MeshTestClient.connect(ItConfig.secondInstanceWsUrl());
    }

    /** Three clients on B, each with metadata {i} and in {@code roomName}. */
    private static List<MeshTestClient> threeClientsOnBIn(String roomName) throws Exception {
        List<MeshTestClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            MeshTestClient client = onB();
            clients.add(client);
            client.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"i\":" + i + "}}"));
            client.call("mesh/join-room", room(roomName));
        }
        return clients;
    }

    private static JsonObject room(String name) {
        return Json.createObjectBuilder().add("roomName", name).build();
    }

    /** Calls the test servlet on A: server code running on instance A. */
    private static String onServerA(Map<String, String> parameters) throws Exception {
        String query = parameters.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        String url = ItConfig.wsUrl().replace("ws://", "http://").replaceAll("/mesh$", "/cluster-test") + "?" + query;
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static long count(MeshTestClient client, String command) {
        return client.receivedSoFar(f -> command.equals(f.getString("command", null))).size();
    }

    @Test
    @Order(1)
    void aClientOnASeesMetadataAndMembershipOfAClientOnB() throws Exception {
        String roomName = "cluster-" + UUID.randomUUID();
        try (MeshTestClient a = onA(); MeshTestClient bClient = onB(); RedisProbe redis = new RedisProbe()) {
            assertNotEquals(redis.hget("connections", a.connectionId()), redis.hget("connections", bClient.connectionId()),
                "the two clients live on different instances");
            bClient.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"name\":\"on-b\"}}"));
            a.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"name\":\"on-a\"}}"));
            assertEquals(obj("{\"metadata\":{\"name\":\"on-b\"}}"), a.call("mesh/get-connection-metadata",
                Json.createObjectBuilder().add("connectionId", bClient.connectionId()).build()));
            assertEquals(obj("{\"metadata\":{\"name\":\"on-a\"}}"), bClient.call("mesh/get-connection-metadata",
                Json.createObjectBuilder().add("connectionId", a.connectionId()).build()));

            bClient.call("mesh/join-room", room(roomName));
            JsonValue joined = a.call("mesh/join-room", room(roomName));
            Map<String, JsonValue> present = joined.asJsonObject().getJsonArray("present").stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(m -> m.getString("id"), m -> m.get("metadata")));
            assertEquals(Map.of(a.connectionId(), obj("{\"name\":\"on-a\"}"), bClient.connectionId(), obj("{\"name\":\"on-b\"}")), present);
        }
    }

    @Test
    @Order(2)
    void aRoomBroadcastFromServerCodeOnAReachesClientsOnBExactlyOnce() throws Exception {
        String roomName = "broadcast-" + UUID.randomUUID();
        try (MeshTestClient a1 = onA(); MeshTestClient b1 = onB(); MeshTestClient b2 = onB(); MeshTestClient outsider = onB()) {
            for (MeshTestClient client : List.of(a1, b1, b2)) {
                client.call("mesh/join-room", room(roomName));
            }
            assertEquals("3", onServerA(Map.of("action", "broadcastRoom", "room", roomName, "command", "test/hello", "text", "hi")));
            for (MeshTestClient client : List.of(a1, b1, b2)) {
                JsonObject hello = client.awaitFrame(f -> "test/hello".equals(f.getString("command", null)));
                assertEquals(obj("{\"text\":\"hi\"}"), hello.get("payload"));
                assertFalse(hello.containsKey("id"));
            }
            // A second push after the first: once it arrives, any duplicate of the first would have too.
            assertEquals("3", onServerA(Map.of("action", "broadcastRoom", "room", roomName, "command", "test/sentinel")));
            for (MeshTestClient client : List.of(a1, b1, b2)) {
                client.awaitFrame(f -> "test/sentinel".equals(f.getString("command", null)));
                assertEquals(0, count(client, "test/hello"), "no second copy");
            }

            assertEquals("2", onServerA(Map.of("action", "broadcastRoomExcept", "room", roomName, "command", "test/except",
                "ids", b1.connectionId())));
            a1.awaitFrame(f -> "test/except".equals(f.getString("command", null)));
            b2.awaitFrame(f -> "test/except".equals(f.getString("command", null)));

            assertEquals("2", onServerA(Map.of("action", "send", "command", "test/direct",
                "ids", b1.connectionId() + "," + a1.connectionId())));
            b1.awaitFrame(f -> "test/direct".equals(f.getString("command", null)));
            a1.awaitFrame(f -> "test/direct".equals(f.getString("command", null)));

            onServerA(Map.of("action", "broadcastExcept", "command", "test/everyone", "ids", b2.connectionId()));
            for (MeshTestClient client : List.of(a1, b1, outsider)) {
                client.awaitFrame(f -> "test/everyone".equals(f.getString("command", null)));
            }
            onServerA(Map.of("action", "send", "command", "test/last", "ids", b2.connectionId()));
            b2.awaitFrame(f -> "test/last".equals(f.getString("command", null)));
            assertEquals(0, count(b2, "test/everyone"), "the excluded connection got nothing");
            assertEquals(0, count(outsider, "test/except"), "room pushes stay in the room");
        }
    }

    @Test
    @Order(3)
    void serverCodeOnADisconnectsAConnectionOnB() throws Exception {
        try (RedisProbe redis = new RedisProbe()) {
            MeshTestClient bClient = onB();
            bClient.call("mesh/join-room", room("disconnect-room"));
            assertEquals("true", onServerA(Map.of("action", "disconnect", "id", bClient.connectionId())));
            assertEquals(4000, bClient.awaitClose());
            assertTrue(RedisProbe.eventually(() -> redis.leftNothingOf(bClient.connectionId(), "disconnect-room")));
            assertEquals("false", onServerA(Map.of("action", "disconnect", "id", "no-such-connection")));
        }
    }

    @Test
    @Order(4)
    void purgeInstanceRemovesEverythingOfOneInstanceById() throws Exception {
        String instance = "purge-test-" + UUID.randomUUID();
        String connection = "conn-" + UUID.randomUUID();
        String roomName = "purge-room-" + UUID.randomUUID();
        try (RedisProbe redis = new RedisProbe(); MeshTestClient bystander = onA()) {
            redis.plantConnection(instance, connection, roomName);
            bystander.call("mesh/join-room", room(roomName));
            assertTrue(redis.hexists("connections", connection));
            assertEquals("1", onServerA(Map.of("action", "purge", "instance", instance)));
            assertTrue(redis.leftNothingOf(connection, roomName));
            assertFalse(redis.sismember("instances", instance));
            assertEquals(Set.of(bystander.connectionId()), redis.smembers("room:" + roomName + ":members"));
            assertEquals("0", onServerA(Map.of("action", "purge", "instance", instance)), "purging again changes nothing");
        }
    }

    @Test
    @Order(5)
    void aGracefulStopOfBLeavesNothingOfBInRedis() throws Exception {
        try (RedisProbe redis = new RedisProbe()) {
            List<MeshTestClient> clients = threeClientsOnBIn("graceful-room");
            String instanceB = redis.hget("connections", clients.get(0).connectionId());
            assertTrue(redis.sismember("instances", instanceB));
            b.stopGracefully();
            for (MeshTestClient client : clients) {
                // Liberty drops the sockets at server stop before the application stops (1006 here;
                // an undeploy sends 1001, see LifecycleIT): what matters is that they are closed.
                client.awaitClose();
                assertTrue(redis.leftNothingOf(client.connectionId(), "graceful-room"));
            }
            assertFalse(redis.sismember("instances", instanceB));
            assertFalse(redis.exists("instance:" + instanceB + ":heartbeat"));
            assertFalse(redis.exists("instance:" + instanceB + ":connections"));
        }
    }

    @Test
    @Order(6)
    void aForcedStopOfBClosesItsClientsWithGoingAwayAndLeavesNothingOfB() throws Exception {
        // `server stop --force` skips Liberty's quiesce, which drops the sockets before the
        // application hears of the stop: the application's shutdown closes them with 1001.
        b.start();
        try (RedisProbe redis = new RedisProbe()) {
            List<MeshTestClient> clients = threeClientsOnBIn("forced-room");
            String instanceB = redis.hget("connections", clients.get(0).connectionId());
            b.stopForced();
            for (MeshTestClient client : clients) {
                assertEquals(1001, client.awaitClose(), "closed with 1001 (going away)");
                assertTrue(redis.leftNothingOf(client.connectionId(), "forced-room"));
            }
            assertFalse(redis.sismember("instances", instanceB));
            assertFalse(redis.exists("instance:" + instanceB + ":connections"));
        }
    }

    @Test
    @Order(7)
    void afterAKillOfBTheSweeperOnAPurgesBWhileAsClientsKeepWorking() throws Exception {
        b.start();
        List<MeshTestClient> clients = new ArrayList<>();
        try (MeshTestClient a = onA(); RedisProbe redis = new RedisProbe()) {
            a.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"on\":\"a\"}}"));
            a.call("mesh/join-room", room("killed-room"));
            clients.addAll(threeClientsOnBIn("killed-room"));
            String instanceB = redis.hget("connections", clients.get(0).connectionId());
            b.kill();

            Set<String> ids = clients.stream().map(MeshTestClient::connectionId).collect(Collectors.toSet());
            long deadline = System.nanoTime() + 20_000_000_000L;
            boolean purged = false;
            while (!purged && System.nanoTime() < deadline) {
                assertEquals(JsonValue.TRUE, a.call("mesh/noop", JsonValue.NULL), "A keeps answering");
                assertEquals(obj("{\"metadata\":{\"on\":\"a\"}}"), a.call("mesh/get-my-connection-metadata", JsonValue.NULL));
                purged = ids.stream().allMatch(id -> redis.leftNothingOf(id, "killed-room")) && !redis.sismember("instances", instanceB);
                Thread.sleep(100);
            }
            assertTrue(purged, "B's entries were purged within the window");
            assertFalse(redis.exists("instance:" + instanceB + ":connections"));
            assertEquals(Set.of(a.connectionId()), redis.smembers("room:killed-room:members"));
        } finally {
            for (MeshTestClient client : clients) {
                client.abort();
            }
        }
    }
}
