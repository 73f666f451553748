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
    private static final int MAX_RECOUNTS = 5;

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
                // Recounts run concurrently: one that counted before another's join may write last.
                // Each checks the count again after its write and corrects it, so the last one to
                // finish leaves the true count.
                int written = -1;
                for (int attempt = 0; attempt < MAX_RECOUNTS; attempt++) {
                    int count = rooms.getRoomMembers(room).size();
                    if (count == written) {
                        return;
                    }
                    if (rooms.updateMetadataIfPresent(room, Map.of("memberCount", count)) == null) {
                        return;
                    }
                    written = count;
                }
            }
        } catch (MeshException e) {
            LOG.log(Level.FINE, "member count of " + room + " not updated: " + e.getMessage());
        }
    }
}
