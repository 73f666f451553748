package dev.jakartamesh.it;

import static dev.jakartamesh.it.Jsons.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartamesh.connection.ConnectionManager;
import dev.jakartamesh.event.ConnectionClosed;
import dev.jakartamesh.event.ConnectionMetadataChanged;
import dev.jakartamesh.event.ConnectionOpened;
import dev.jakartamesh.event.RoomJoined;
import dev.jakartamesh.event.RoomLeft;
import dev.jakartamesh.event.RoomMetadataChanged;
import dev.jakartamesh.room.RoomManager;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application API inside the server: commands declared on beans, middleware, events, and the
 * WAR's demo (display-name authenticator, chat/send, member counter), through real WebSockets.
 */
@ExtendWith(ArquillianExtension.class)
class ApplicationApiIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.withTests(ApplicationApiIT.class, TestCommands.class, TestCommands.GreetRequest.class,
            TestCommands.Greeting.class, RequireAdmin.class, BlockListMiddleware.class, EventRecorder.class,
            ThrowingObserver.class);
    }

    @Inject
    EventRecorder recorder;

    @Inject
    ConnectionManager connections;

    @Inject
    RoomManager rooms;

    private static JsonObject error(JsonValue reply) {
        JsonObject payload = reply.asJsonObject();
        assertTrue(payload.containsKey("code"), "an error reply: " + payload);
        return payload;
    }

    @Test
    void applicationCommandsBindPayloadsAndReturnValues() throws Exception {
        try (MeshTestClient client = MeshTestClient.connect()) {
            assertEquals(Json.createObjectBuilder().add("greeting", "Hello Ada Ada").add("connectionId", client.connectionId()).build(),
                client.call("test/greet", obj("{\"name\":\"Ada\",\"times\":2}")));
            assertEquals(obj("{\"any\":[1,\"two\",null]}"), client.call("test/echo", obj("{\"any\":[1,\"two\",null]}")));
            assertEquals(JsonValue.NULL, client.call("test/nothing", JsonValue.NULL));
            JsonObject unbindable = error(client.request("test/greet", Json.createValue("not an object")));
            assertEquals("EPAYLOAD", unbindable.getString("code"));
        }
    }

    @Test
    void exceptionsBecomeErrorRepliesWithoutInternals() throws Exception {
        try (MeshTestClient client = MeshTestClient.connect()) {
            JsonObject teapot = error(client.request("test/fail"));
            assertEquals("ETEAPOT", teapot.getString("code"));
            assertEquals("TeapotError", teapot.getString("name"));
            assertEquals("short and stout", teapot.getString("error"));
            JsonObject crash = error(client.request("test/crash"));
            assertEquals("ESERVER", crash.getString("code"));
            assertFalse(crash.toString().contains("secret"), "no internals leak: " + crash);
            assertEquals(JsonValue.TRUE, client.call("mesh/noop", JsonValue.NULL));
        }
    }

    @Test
    void middlewareRejectsAndAllows() throws Exception {
        try (MeshTestClient client = MeshTestClient.connect()) {
            JsonObject denied = error(client.request("test/guarded"));
            assertEquals("EFORBIDDEN", denied.getString("code"));
            assertEquals("ForbiddenError", denied.getString("name"));
            connections.setMetadata(client.connectionId(), Map.of("role", "admin"));
            assertEquals(Json.createValue("welcome"), client.call("test/guarded", JsonValue.EMPTY_JSON_OBJECT));

            JsonObject blockedBuiltIn = error(client.request("mesh/get-connection-metadata",
                Json.createObjectBuilder().add("connectionId", client.connectionId()).add("blocked", true).build()));
            assertEquals("EBLOCKED", blockedBuiltIn.getString("code"), "global middleware guards built-ins");
            assertEquals("EBLOCKED", error(client.request("test/echo", obj("{\"blocked\":true}"))).getString("code"));
            assertEquals(obj("{\"blocked\":false}"), client.call("test/echo", obj("{\"blocked\":false}")));
        }
    }

    @Test
    void eventsAreFiredAndAThrowingObserverBreaksNothing() throws Exception {
        String room = "events-" + UUID.randomUUID();
        MeshTestClient client = MeshTestClient.connect();
        String id = client.connectionId();
        assertEquals(obj("{\"success\":true}"), client.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"n\":1}}")),
            "the command answers although an observer of its event throws");
        assertTrue(client.call("mesh/join-room", Json.createObjectBuilder().add("roomName", room).build())
            .asJsonObject().getBoolean("success"));
        client.call("mesh/leave-room", Json.createObjectBuilder().add("roomName", room).build());
        rooms.setMetadata(room, Map.of("topic", "t"));
        client.call("mesh/join-room", Json.createObjectBuilder().add("roomName", room).build());
        client.close();

        assertTrue(RedisProbe.eventually(() -> recorder.events().contains(new ConnectionClosed(id, 1000, "bye"))),
            recorder.events().toString());
        List<Object> mine = recorder.events().stream().filter(e -> e.toString().contains(id) || e.toString().contains(room)).toList();
        assertEquals(List.of(
            new ConnectionOpened(id, JsonValue.NULL),
            new ConnectionMetadataChanged(id, obj("{\"n\":1}")),
            new RoomJoined(room, id),
            new RoomLeft(room, id),
            new RoomMetadataChanged(room, obj("{\"topic\":\"t\"}")),
            new RoomJoined(room, id),
            new RoomLeft(room, id),
            new ConnectionClosed(id, 1000, "bye")), mine);
    }

    @Test
    void theDemoAuthenticatorOwnsTheDisplayName() throws Exception {
        try (MeshTestClient ada = MeshTestClient.connect(ItConfig.wsUrl() + "?name=Ada")) {
            assertEquals(obj("{\"metadata\":{\"name\":\"Ada\"}}"), ada.call("mesh/get-my-connection-metadata", JsonValue.NULL));
            assertEquals("EFORBIDDEN", error(ada.request("mesh/set-my-connection-metadata",
                obj("{\"metadata\":{\"name\":\"Mallory\"},\"options\":{\"strategy\":\"merge\"}}"))).getString("code"));
            ada.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"color\":\"teal\"}}"));
            assertEquals(obj("{\"metadata\":{\"name\":\"Ada\",\"color\":\"teal\"}}"), ada.call("mesh/get-my-connection-metadata", JsonValue.NULL),
                "a replace keeps the server-owned name");
        }
        assertEquals(403, MeshTestClient.handshakeStatus(ItConfig.wsUrl() + "?name=%20", Map.of()));
        assertEquals(403, MeshTestClient.handshakeStatus(ItConfig.wsUrl() + "?name=" + "x".repeat(41), Map.of()));
    }

    @Test
    void theDemoChatCommandBroadcastsToTheRoom() throws Exception {
        String room = "chat-" + UUID.randomUUID();
        try (MeshTestClient ada = MeshTestClient.connect(ItConfig.wsUrl() + "?name=Ada");
             MeshTestClient bob = MeshTestClient.connect(ItConfig.wsUrl() + "?name=Bob");
             MeshTestClient outsider = MeshTestClient.connect()) {
            JsonObject join = Json.createObjectBuilder().add("roomName", room).build();
            ada.call("mesh/join-room", join);
            bob.call("mesh/join-room", join);
            JsonObject send = Json.createObjectBuilder().add("roomName", room).add("text", "hello").build();
            assertEquals(obj("{\"delivered\":2}"), ada.call("chat/send", send));
            for (MeshTestClient member : List.of(ada, bob)) {
                JsonObject message = member.awaitFrame(f -> "chat/message".equals(f.getString("command", null)));
                assertEquals(Json.createObjectBuilder().add("roomName", room).add("from", ada.connectionId())
                    .add("text", "hello").add("name", "Ada").build(), message.get("payload"));
            }
            assertEquals("ENOTINROOM", error(outsider.request("chat/send", send)).getString("code"));
        }
    }

    @Test
    void theDemoMemberCounterKeepsMemberCountCurrent() throws Exception {
        String room = "counted-" + UUID.randomUUID();
        rooms.setMetadata(room, Map.of("topic", "counted", "countMembers", true));
        try (MeshTestClient a = MeshTestClient.connect(); MeshTestClient b = MeshTestClient.connect()) {
            JsonObject join = Json.createObjectBuilder().add("roomName", room).build();
            a.call("mesh/join-room", join);
            b.call("mesh/join-room", join);
            assertTrue(RedisProbe.eventually(() -> rooms.getMetadata(room).asJsonObject().getInt("memberCount", -1) == 2));
            b.call("mesh/leave-room", join);
            assertTrue(RedisProbe.eventually(() -> rooms.getMetadata(room).asJsonObject().getInt("memberCount", -1) == 1));
            assertEquals("counted", rooms.getMetadata(room).asJsonObject().getString("topic"));
        }
        String uncounted = "uncounted-" + UUID.randomUUID();
        try (MeshTestClient c = MeshTestClient.connect()) {
            c.call("mesh/join-room", Json.createObjectBuilder().add("roomName", uncounted).build());
        }
        assertEquals(null, rooms.getMetadata(uncounted), "no metadata is created for rooms that did not ask");
    }
}
