package dev.jakartamesh.ops;

import dev.jakartamesh.cluster.InstanceIdentity;
import dev.jakartamesh.cluster.Sweeper;
import dev.jakartamesh.config.MeshConfig;
import dev.jakartamesh.connection.ConnectionManager;
import dev.jakartamesh.connection.ConnectionMetadata;
import dev.jakartamesh.connection.LocalConnections;
import dev.jakartamesh.protocol.JsonP;
import dev.jakartamesh.protocol.MeshException;
import dev.jakartamesh.room.RoomManager;
import dev.jakartamesh.room.RoomNames;
import dev.jakartamesh.store.ClusterStore;
import dev.jakartamesh.store.RedisProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/**
 * What operators can see and do, shared by the MBean and the admin REST API. Bad arguments are
 * {@link IllegalArgumentException}s with a message fit to show as it is.
 */
@ApplicationScoped
public class AdminOperations {

    @Inject
    ConnectionManager connections;

    @Inject
    RoomManager rooms;

    @Inject
    Sweeper sweeper;

    @Inject
    ClusterStore cluster;

    @Inject
    InstanceIdentity instance;

    @Inject
    LocalConnections local;

    @Inject
    RedisProvider redis;

    @Inject
    CommandStats stats;

    @Inject
    MeshConfig config;

    public String instanceId() {
        return instance.id();
    }

    public int localConnections() {
        return local.size();
    }

    public long totalConnections() {
        return connections.getConnectionCount();
    }

    public int rooms() {
        return rooms.getAllRooms().size();
    }

    /** Every registered instance, with whether its heartbeat is alive. */
    public Map<String, Boolean> instances() {
        return cluster.instances();
    }

    public int liveInstances() {
        return (int) instances().values().stream().filter(Boolean::booleanValue).count();
    }

    public int redisPoolActive() {
        return redis.poolActive();
    }

    public int redisPoolIdle() {
        return redis.poolIdle();
    }

    public long commandsHandled() {
        return stats.handled();
    }

    public long commandErrors() {
        return stats.errors();
    }

    /** Closes a connection on whichever instance it lives. */
    public void disconnect(String connectionId) {
        if (!connections.disconnect(required(connectionId, "connection id"), "disconnected by an administrator")) {
            throw new IllegalArgumentException("no connection with id " + connectionId);
        }
    }

    /** A connection's metadata as JSON text ({@code null} when it has none). */
    public String connectionMetadata(String connectionId) {
        if (!connections.isConnected(required(connectionId, "connection id"))) {
            throw new IllegalArgumentException("no connection with id " + connectionId);
        }
        JsonValue metadata = connections.getMetadata(connectionId);
        return metadata == null ? "null" : metadata.toString();
    }

    /**
     * A page of connections with their metadata, optionally only those whose top-level
     * {@code field} equals {@code value} (compared as text).
     */
    public List<ConnectionMetadata> connections(int offset, int limit, String field, String value) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("offset must be >= 0 and limit from 1 to 1000");
        }
        boolean filtered = field != null && !field.isBlank();
        List<ConnectionMetadata> all = connections.getAllMetadata((id, metadata) -> !filtered || fieldEquals(metadata, field, value));
        all.sort(java.util.Comparator.comparing(ConnectionMetadata::connectionId));
        return all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
    }

    private static boolean fieldEquals(JsonValue metadata, String field, String value) {
        if (!(metadata instanceof JsonObject object) || !object.containsKey(field)) {
            return false;
        }
        JsonValue found = object.get(field);
        String text = found instanceof JsonString string ? string.getString() : found.toString();
        return value == null || text.equals(value);
    }

    /** Replaces a room's metadata with a JSON text ({@code null} text deletes it). */
    public void setRoomMetadata(String room, String json) {
        rooms.setMetadata(validRoom(room), parse(json));
    }

    /** Merges the fields of a JSON object text into a room's metadata. */
    public String updateRoomMetadata(String room, String json) {
        JsonValue partial = parse(json);
        if (!(partial instanceof JsonObject)) {
            throw new IllegalArgumentException("a room metadata update must be a JSON object");
        }
        return rooms.updateMetadata(validRoom(room), partial).toString();
    }

    public int clearRoom(String room) {
        return rooms.clearRoom(validRoom(room));
    }

    public boolean deleteRoom(String room) {
        return rooms.deleteRoom(validRoom(room));
    }

    /** Removes one instance's entries from Redis; returns the connections removed. */
    public int purgeInstance(String instanceId) {
        String id = required(instanceId, "instance id");
        if (id.equals(instance.id())) {
            throw new IllegalArgumentException("this is the running instance; stop it instead of purging it");
        }
        return sweeper.purgeInstance(id);
    }

    private String validRoom(String room) {
        try {
            return RoomNames.validate(required(room, "room name"), config.maxRoomNameLength());
        } catch (MeshException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a " + what + " is required");
        }
        return value.trim();
    }

    private static JsonValue parse(String json) {
        if (json == null) {
            throw new IllegalArgumentException("a JSON value is required");
        }
        try (JsonReader reader = JsonP.createReader(new StringReader(json))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
