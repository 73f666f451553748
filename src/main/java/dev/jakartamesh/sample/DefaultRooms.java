package dev.jakartamesh.sample;

import dev.jakartamesh.config.MeshConfig;
import dev.jakartamesh.protocol.JsonP;
import dev.jakartamesh.protocol.MeshException;
import dev.jakartamesh.room.RoomManager;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An enterprise bean that creates the configured default rooms at deployment. The rooms come from
 * {@code mesh.rooms.defaults}, a JSON object of room name to metadata. A room that already has
 * metadata keeps it, so a restart or a second instance never overwrites what users changed.
 */
@Singleton
@Startup
public class DefaultRooms {

    private static final Logger LOG = Logger.getLogger(DefaultRooms.class.getName());

    @Inject
    RoomManager rooms;

    @Inject
    MeshConfig config;

    @PostConstruct
    void createDefaultRooms() {
        JsonObject defaults;
        try (JsonReader reader = JsonP.createReader(new StringReader(config.defaultRooms()))) {
            defaults = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            LOG.warning("mesh.rooms.defaults is not a JSON object of room name to metadata; no default rooms created");
            return;
        }
        for (Map.Entry<String, JsonValue> room : defaults.entrySet()) {
            try {
                if (rooms.setMetadataIfAbsent(room.getKey(), room.getValue())) {
                    LOG.info(() -> "created default room " + room.getKey());
                }
            } catch (MeshException e) {
                LOG.log(Level.WARNING, "default room " + room.getKey() + " not created: " + e.getMessage());
            }
        }
    }
}
