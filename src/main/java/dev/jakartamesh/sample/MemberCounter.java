package dev.jakartamesh.sample;

import dev.jakartamesh.event.RoomJoined;
import dev.jakartamesh.event.RoomLeft;
import dev.jakartamesh.protocol.MeshException;
import dev.jakartamesh.room.RoomManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The demo's observer: keeps {@code memberCount} current in the metadata of rooms that ask for it
 * with {@code "countMembers": true}. It observes asynchronously, so joins and leaves do not wait
 * for it; it never creates metadata for a room that has none.
 */
@ApplicationScoped
public class MemberCounter {

    private static final Logger LOG = Logger.getLogger(MemberCounter.class.getName());

    @Inject
    RoomManager rooms;

    void joined(@ObservesAsync RoomJoined event) {
        recount(event.roomName());
    }

    void left(@ObservesAsync RoomLeft event) {
        recount(event.roomName());
    }

    private void recount(String room) {
        try {
            JsonValue metadata = rooms.getMetadata(room);
            if (metadata instanceof JsonObject object && object.getBoolean("countMembers", false)) {
                rooms.updateMetadataIfPresent(room, Map.of("memberCount", rooms.getRoomMembers(room).size()));
            }
        } catch (MeshException e) {
            LOG.log(Level.FINE, "member count of " + room + " not updated: " + e.getMessage());
        }
    }
}
