package dev.jakartamesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The wire protocol through a real WebSocket to the real WAR: assign-id, request and reply, keepalive, built-ins. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProtocolIT {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.realWar();
    }

    static JsonObject obj(String json) {
        return Jsons.obj(json);
    }

    @Test
    void assignsADistinctIdThatIsRegisteredInRedisBeforeItIsAnnounced() throws Exception {
        try (MeshTestClient a = MeshTestClient.connect(); MeshTestClient b = MeshTestClient.connect();
             RedisProbe redis = new RedisProbe()) {
            assertTrue(UUID.matcher(a.connectionId()).matches(), a.connectionId());
            assertNotEquals(a.connectionId(), b.connectionId());
            assertTrue(redis.hexists("connections", a.connectionId()));
            assertEquals("null", redis.hget("connection-metadata", a.connectionId()));
        }
    }

    @Test
    void noopRepliesTrueWithTheSameIdAndCommand() throws Exception {
        try (MeshTestClient client = MeshTestClient.connect()) {
            client.sendRaw("{\"id\":42,\"command\":\"mesh/noop\",\"payload\":{}}");
            JsonObject reply = client.awaitReply(42);
            assertEquals("mesh/noop", reply.getString("command"));
            assertEquals(JsonValue.TRUE, reply.get("payload"));
        }
    }

    @Test
    void setAndGetOwnMetadataWithEachStrategy() throws Exception {
        try (MeshTestClient client = MeshTestClient.connect()) {
            assertEquals(JsonValue.NULL, client.call("mesh/get-my-connection-metadata", JsonValue.EMPTY_JSON_OBJECT).asJsonObject().get("metadata"));

            assertEquals(obj("{\"success\":true}"), client.call("mesh/set-my-connection-metadata",
                obj("{\"metadata\":{\"userId\":\"user123\",\"role\":\"admin\",\"prefs\":{\"theme\":\"dark\",\"lang\":\"en\"}}}")));
            assertEquals(obj("{\"userId\":\"user123\",\"role\":\"admin\",\"prefs\":{\"theme\":\"dark\",\"lang\":\"en\"}}"),
                client.call("mesh/get-my-connection-metadata", JsonValue.NULL).asJsonObject().get("metadata"));

            client.call("mesh/set-my-connection-metadata",
                obj("{\"metadata\":{\"role\":\"user\",\"prefs\":{\"theme\":\"light\"}},\"options\":{\"strategy\":\"merge\"}}"));
            assertEquals(obj("{\"userId\":\"user123\",\"role\":\"user\",\"prefs\":{\"theme\":\"light\"}}"),
                client.call("mesh/get-my-connection-metadata", JsonValue.NULL).asJsonObject().get("metadata"));

            client.call("mesh/set-my-connection-metadata",
                obj("{\"metadata\":{\"prefs\":{\"lang\":\"fr\"}},\"options\":{\"strategy\":\"deepMerge\"}}"));
            assertEquals(obj("{\"userId\":\"user123\",\"role\":\"user\",\"prefs\":{\"theme\":\"light\",\"lang\":\"fr\"}}"),
                client.call("mesh/get-my-connection-metadata", JsonValue.NULL).asJsonObject().get("metadata"));

            client.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"only\":1},\"options\":{\"strategy\":\"replace\"}}"));
            assertEquals(obj("{\"only\":1}"),
                client.call("mesh/get-my-connection-metadata", JsonValue.NULL).asJsonObject().get("metadata"));
        }
    }

    @Test
    void twoClientsReadEachOthersMetadata() throws Exception {
        try (MeshTestClient alice = MeshTestClient.connect(); MeshTestClient bob = MeshTestClient.connect()) {
            alice.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"name\":\"alice\"}}"));
            bob.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"name\":\"bob\"}}"));
            assertEquals(obj("{\"metadata\":{\"name\":\"alice\"}}"), bob.call("mesh/get-connection-metadata",
                Json.createObjectBuilder().add("connectionId", alice.connectionId()).build()));
            assertEquals(obj("{\"metadata\":{\"name\":\"bob\"}}"), alice.call("mesh/get-connection-metadata",
                Json.createObjectBuilder().add("connectionId", bob.connectionId()).build()));
            assertEquals(obj("{\"metadata\":null}"), alice.call("mesh/get-connection-metadata", obj("{\"connectionId\":\"no-such-connection\"}")));
        }
    }

    @Test
    void aPongWithAnIdIsNotACommandAndGetsNoReply() throws Exception {
        try (MeshTestClient client = MeshTestClient.connect()) {
            client.sendRaw("{\"id\":7,\"command\":\"pong\",\"payload\":{}}");
            client.sendRaw("{\"id\":8,\"command\":\"latency:response\",\"payload\":{}}");
            client.sendRaw("{\"id\":9,\"command\":\"mesh/noop\"}");
            client.awaitReply(9);
            assertTrue(client.receivedSoFar(f -> f.containsKey("id") && f.getJsonNumber("id").longValue() != 9).isEmpty(),
                "no reply to pong or latency:response");
        }
    }

    @Test
    void latencyIsMeasuredAndPushed() throws Exception {
        try (MeshTestClient client = MeshTestClient.connect()) {
            client.awaitFrame(f -> "latency:request".equals(f.getString("command")));
            JsonObject latency = client.awaitFrame(f -> "latency".equals(f.getString("command")));
            assertFalse(latency.containsKey("id"));
            assertTrue(latency.getJsonNumber("payload").longValue() >= 0);
        }
    }

    @Test
    void pingsAreSentAndAClientThatStopsAnsweringIsClosedAndCleanedUp() throws Exception {
        try (MeshTestClient silent = MeshTestClient.connectSilent(); RedisProbe redis = new RedisProbe()) {
            silent.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"x\":1}}"));
            silent.call("mesh/join-room", obj("{\"roomName\":\"pong-test\"}"));
            JsonObject ping = silent.awaitFrame(f -> "ping".equals(f.getString("command")));
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, ping.get("payload"));
            assertEquals(4001, silent.awaitClose());
            assertTrue(RedisProbe.eventually(() -> redis.leftNothingOf(silent.connectionId(), "pong-test")));
        }
    }

    @Test
    void aClientThatAnswersPingsStaysConnected() throws Exception {
        try (MeshTestClient client = MeshTestClient.connect()) {
            for (int i = 0; i < 4; i++) {
                client.awaitFrame(f -> "ping".equals(f.getString("command")));
            }
            assertFalse(client.isClosed());
            assertEquals(JsonValue.TRUE, client.call("mesh/noop", JsonValue.NULL));
        }
    }

    @Test
    void closingRemovesRegistrationMetadataAndMemberships() throws Exception {
        try (RedisProbe redis = new RedisProbe()) {
            MeshTestClient client = MeshTestClient.connect();
            String id = client.connectionId();
            client.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"userId\":1}}"));
            client.call("mesh/join-room", obj("{\"roomName\":\"cleanup-a\"}"));
            client.call("mesh/join-room", obj("{\"roomName\":\"cleanup-b\"}"));
            assertTrue(redis.sismember("room:cleanup-a:members", id));
            client.close();
            assertTrue(RedisProbe.eventually(() -> redis.leftNothingOf(id, "cleanup-a", "cleanup-b")));
            assertFalse(redis.sismember("rooms", "cleanup-a"), "an empty room without metadata leaves the index");
        }
    }

    @Test
    void anAbortedConnectionIsCleanedUpToo() throws Exception {
        try (RedisProbe redis = new RedisProbe()) {
            MeshTestClient client = MeshTestClient.connect();
            String id = client.connectionId();
            client.call("mesh/join-room", obj("{\"roomName\":\"abort-room\"}"));
            client.abort();
            assertTrue(RedisProbe.eventually(() -> redis.leftNothingOf(id, "abort-room")));
        }
    }
}
