package dev.jakartamesh.it;

import static dev.jakartamesh.it.Jsons.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The room built-ins through a real WebSocket: join, leave, room metadata, bad names, cleanup. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoomsProtocolIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.realWar();
    }

    private static JsonObject room(String name) {
        return Json.createObjectBuilder().add("roomName", name).build();
    }

    private static Map<String, JsonValue> present(JsonValue joinReply) {
        Map<String, JsonValue> byId = new HashMap<>();
        JsonArray present = joinReply.asJsonObject().getJsonArray("present");
        for (JsonValue member : present) {
            byId.put(member.asJsonObject().getString("id"), member.asJsonObject().get("metadata"));
        }
        return byId;
    }

    @Test
    void joinRepliesWithEveryonePresentAndTheirMetadata() throws Exception {
        try (MeshTestClient alice = MeshTestClient.connect(); MeshTestClient bob = MeshTestClient.connect();
             MeshTestClient carol = MeshTestClient.connect()) {
            alice.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"name\":\"alice\"}}"));
            bob.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"name\":\"bob\"}}"));

            JsonValue first = alice.call("mesh/join-room", room("join-test"));
            assertTrue(first.asJsonObject().getBoolean("success"));
            assertEquals(Map.of(alice.connectionId(), obj("{\"name\":\"alice\"}")), present(first));

            JsonValue second = bob.call("mesh/join-room", room("join-test"));
            assertEquals(Map.of(alice.connectionId(), obj("{\"name\":\"alice\"}"),
                bob.connectionId(), obj("{\"name\":\"bob\"}")), present(second));

            Map<String, JsonValue> third = present(carol.call("mesh/join-room", room("join-test")));
            assertEquals(3, third.size());
            assertEquals(JsonValue.NULL, third.get(carol.connectionId()), "a member without metadata has null");

            assertEquals(obj("{\"success\":true}"), bob.call("mesh/leave-room", room("join-test")));
            Map<String, JsonValue> afterLeave = present(alice.call("mesh/join-room", room("join-test")));
            assertEquals(java.util.Set.of(alice.connectionId(), carol.connectionId()), afterLeave.keySet());
            assertEquals(obj("{\"success\":true}"), bob.call("mesh/leave-room", room("never-joined")));
        }
    }

    @Test
    void aJoinWithPresentFalseJoinsWithoutTheMembersList() throws Exception {
        try (MeshTestClient quiet = MeshTestClient.connect(); MeshTestClient other = MeshTestClient.connect()) {
            other.call("mesh/join-room", room("quiet-join"));
            JsonObject withoutList = Json.createObjectBuilder().add("roomName", "quiet-join").add("present", false).build();
            assertEquals(obj("{\"success\":true}"), quiet.call("mesh/join-room", withoutList));
            assertEquals(java.util.Set.of(quiet.connectionId(), other.connectionId()),
                present(other.call("mesh/join-room", room("quiet-join"))).keySet(), "the quiet joiner is a member");
            JsonObject explicit = Json.createObjectBuilder().add("roomName", "quiet-join").add("present", true).build();
            assertEquals(2, present(quiet.call("mesh/join-room", explicit)).size());
            JsonObject wrongType = Json.createObjectBuilder().add("roomName", "quiet-join").add("present", "no").build();
            JsonObject error = quiet.request("mesh/join-room", wrongType).asJsonObject();
            assertEquals("EPAYLOAD", error.getString("code"));
        }
    }

    @Test
    void getRoomMetadataReadsWhatTheServerSet() throws Exception {
        try (MeshTestClient client = MeshTestClient.connect()) {
            JsonObject lobby = client.call("mesh/get-room-metadata", room("lobby")).asJsonObject();
            assertEquals("General", lobby.getJsonObject("metadata").getString("topic"), "created by the DefaultRooms bean");
            assertEquals(obj("{\"metadata\":null}"), client.call("mesh/get-room-metadata", room("no-metadata-here")));
        }
    }

    @Test
    void badRoomNamesGetEROOMNAME() throws Exception {
        try (MeshTestClient client = MeshTestClient.connect()) {
            String[] names = {"", "x".repeat(257), "bad\u0001name", "tab\tname", "line\nbreak", "del\u007f"};
            for (String command : new String[] {"mesh/join-room", "mesh/leave-room", "mesh/get-room-metadata"}) {
                for (String name : names) {
                    JsonObject reply = client.request(command, room(name)).asJsonObject();
                    assertEquals("EROOMNAME", reply.getString("code"), command + " '" + name + "'");
                    assertEquals("PayloadError", reply.getString("name"));
                }
            }
            assertTrue(client.call("mesh/join-room", room("x".repeat(256))).asJsonObject().getBoolean("success"));
            assertTrue(client.call("mesh/join-room", room("ünïcødé 房间 🚀")).asJsonObject().getBoolean("success"));
            assertTrue(client.call("mesh/join-room", room("user:123")).asJsonObject().getBoolean("success"));
        }
    }

    @Test
    void closingLeavesEveryRoomButTouchesNoOneElse() throws Exception {
        try (MeshTestClient stays = MeshTestClient.connect(); RedisProbe redis = new RedisProbe()) {
            MeshTestClient goes = MeshTestClient.connect();
            String id = goes.connectionId();
            stays.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"name\":\"stays\"}}"));
            for (String name : new String[] {"close-a", "close-b", "close-c"}) {
                goes.call("mesh/join-room", room(name));
            }
            stays.call("mesh/join-room", room("close-b"));
            goes.close();
            assertTrue(RedisProbe.eventually(() -> redis.leftNothingOf(id, "close-a", "close-b", "close-c")));
            assertEquals(java.util.Set.of(stays.connectionId()), redis.smembers("room:close-b:members"));
            assertEquals(java.util.Set.of("close-b"), redis.smembers("connection:" + stays.connectionId() + ":rooms"));
            assertTrue(redis.sismember("rooms", "close-b"));
            assertFalse(redis.sismember("rooms", "close-a"));
            assertEquals(obj("{\"name\":\"stays\"}"), stays.call("mesh/get-my-connection-metadata", JsonValue.NULL).asJsonObject().get("metadata"));
        }
    }

    @Test
    void aRoomWithHundredsOfMembersListsThemAllInTheJoinReply() throws Exception {
        java.util.List<MeshTestClient> clients = new java.util.ArrayList<>();
        try (RedisProbe redis = new RedisProbe()) {
            for (int i = 0; i < 120; i++) {
                MeshTestClient client = MeshTestClient.connect();
                clients.add(client);
                client.call("mesh/set-my-connection-metadata", Json.createObjectBuilder()
                    .add("metadata", Json.createObjectBuilder().add("n", i)).build());
                client.call("mesh/join-room", room("big-room"));
            }
            Map<String, JsonValue> present = present(clients.get(0).call("mesh/join-room", room("big-room")));
            assertEquals(120, present.size());
            for (int i = 0; i < clients.size(); i++) {
                assertEquals(i, present.get(clients.get(i).connectionId()).asJsonObject().getInt("n"));
            }
            for (int i = 0; i < clients.size(); i += 2) {
                clients.get(i).close();
            }
            assertTrue(RedisProbe.eventually(() -> redis.smembers("room:big-room:members").size() == 60));
        } finally {
            for (MeshTestClient client : clients) {
                if (!client.isClosed()) {
                    client.close();
                }
            }
        }
    }
}
