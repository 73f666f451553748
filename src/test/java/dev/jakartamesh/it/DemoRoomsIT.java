package dev.jakartamesh.it;

import static dev.jakartamesh.it.Jsons.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartamesh.room.RoomManager;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo page's server side over real WebSockets: the room/set-topic command and the live room pushes. */
@ExtendWith(ArquillianExtension.class)
class DemoRoomsIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.withTests(DemoRoomsIT.class);
    }

    @Inject
    RoomManager rooms;

    private static JsonObject room(String name) {
        return Json.createObjectBuilder().add("roomName", name).build();
    }

    private static JsonObject topic(String room, String topic) {
        return Json.createObjectBuilder().add("roomName", room).add("topic", topic).build();
    }

    private static String code(JsonValue reply) {
        JsonObject payload = reply.asJsonObject();
        assertTrue(payload.containsKey("code"), "an error reply: " + payload);
        return payload.getString("code");
    }

    private static Predicate<JsonObject> push(String command, String room, String id) {
        return frame -> command.equals(frame.getString("command", null))
            && frame.get("payload") instanceof JsonObject payload
            && room.equals(payload.getString("roomName", null))
            && (id == null || id.equals(payload.getString("id", null)));
    }

    @Test
    void setTopicMergesTheTopicIntoTheRoomMetadataForMembersOnly() throws Exception {
        String name = "topic-" + UUID.randomUUID();
        rooms.setMetadata(name, Map.of("topic", "old", "type", "public"));
        try (MeshTestClient member = MeshTestClient.connect(); MeshTestClient outsider = MeshTestClient.connect()) {
            member.call("mesh/join-room", room(name));

            assertEquals("ENOTINROOM", code(outsider.request("room/set-topic", topic(name, "hijacked"))));
            assertEquals("EPAYLOAD", code(member.request("room/set-topic", room(name))));
            assertEquals("EPAYLOAD", code(member.request("room/set-topic", topic(name, "   "))));
            assertEquals("EPAYLOAD", code(member.request("room/set-topic", topic(name, "x".repeat(201)))));
            assertEquals("EPAYLOAD", code(member.request("room/set-topic", topic(name, "bell\u0007"))));
            assertEquals("EROOMNAME", code(member.request("room/set-topic", topic("", "t"))));
            assertEquals(obj("{\"topic\":\"old\",\"type\":\"public\"}"), rooms.getMetadata(name), "refused edits change nothing");

            assertEquals(obj("{\"metadata\":{\"topic\":\"New topic\",\"type\":\"public\"}}"),
                member.call("room/set-topic", topic(name, "  New topic ")));
            assertEquals(obj("{\"topic\":\"New topic\",\"type\":\"public\"}"), rooms.getMetadata(name));
        }
    }

    @Test
    void membersArePushedJoinsLeavesAndMetadataChanges() throws Exception {
        String name = "live-" + UUID.randomUUID();
        try (MeshTestClient ada = MeshTestClient.connect(); MeshTestClient bob = MeshTestClient.connect();
             MeshTestClient outsider = MeshTestClient.connect()) {
            ada.call("mesh/join-room", room(name));
            bob.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"name\":\"Bob\"}}"));
            bob.call("mesh/join-room", room(name));

            JsonObject joined = ada.awaitFrame(push("room/member-joined", name, bob.connectionId()));
            assertEquals(obj("{\"name\":\"Bob\"}"), joined.getJsonObject("payload").get("metadata"));

            bob.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"color\":\"#123456\"},\"options\":{\"strategy\":\"merge\"}}"));
            for (MeshTestClient member : new MeshTestClient[] {ada, bob}) {
                JsonObject updated = member.awaitFrame(push("room/member-updated", name, bob.connectionId())
                    .and(f -> f.getJsonObject("payload").get("metadata") instanceof JsonObject m && m.containsKey("color")));
                assertEquals(obj("{\"name\":\"Bob\",\"color\":\"#123456\"}"), updated.getJsonObject("payload").get("metadata"));
            }

            bob.call("room/set-topic", topic(name, "Live"));
            JsonObject metadata = ada.awaitFrame(push("room/metadata", name, null)
                .and(f -> f.getJsonObject("payload").get("metadata") instanceof JsonObject m && m.containsKey("topic")));
            assertEquals(obj("{\"topic\":\"Live\"}"), metadata.getJsonObject("payload").get("metadata"));

            bob.call("mesh/leave-room", room(name));
            ada.awaitFrame(push("room/member-left", name, bob.connectionId()));

            bob.call("mesh/join-room", room(name));
            ada.awaitFrame(push("room/member-joined", name, bob.connectionId()));
            String bobId = bob.connectionId();
            bob.close();
            ada.awaitFrame(push("room/member-left", name, bobId));

            assertTrue(outsider.receivedSoFar(f -> f.getString("command", "").startsWith("room/")).isEmpty(),
                "only members get a room's pushes");
        }
    }
}
