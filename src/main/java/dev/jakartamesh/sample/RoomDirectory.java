package dev.jakartamesh.sample;

import dev.jakartamesh.connection.ConnectionManager;
import dev.jakartamesh.connection.ConnectionMetadata;
import dev.jakartamesh.protocol.JsonP;
import dev.jakartamesh.room.RoomManager;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * An example of application code on the managers: a stateless enterprise bean with business
 * methods over rooms and their members.
 */
@Stateless
public class RoomDirectory {

    @Inject
    RoomManager rooms;

    @Inject
    ConnectionManager connections;

    /** Sets a room's topic, keeping its other metadata fields. Returns the room's metadata after the change. */
    public JsonValue setTopic(String room, String topic) {
        return rooms.updateMetadata(room, JsonP.createObjectBuilder().add("topic", topic).build());
    }

    /** The rooms whose metadata says {@code "type": "public"}, with their metadata. */
    public Map<String, JsonValue> publicRooms() {
        return rooms.getAllMetadata((name, metadata) -> hasField(metadata, "type", "public"));
    }

    /** The members of a room whose metadata has {@code field} equal to the string {@code value}. */
    public List<ConnectionMetadata> membersWhere(String room, String field, String value) {
        return connections.getAllMetadataForRoom(room).stream()
            .filter(member -> hasField(member.metadata(), field, value))
            .toList();
    }

    private static boolean hasField(JsonValue metadata, String field, String value) {
        return metadata instanceof JsonObject object
            && object.get(field) instanceof JsonString string
            && string.getString().equals(value);
    }
}
