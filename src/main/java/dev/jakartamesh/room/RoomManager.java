package dev.jakartamesh.room;

import dev.jakartamesh.config.MeshConfig;
import dev.jakartamesh.connection.LocalConnection;
import dev.jakartamesh.connection.LocalConnections;
import dev.jakartamesh.event.MeshEvents;
import dev.jakartamesh.event.RoomJoined;
import dev.jakartamesh.event.RoomLeft;
import dev.jakartamesh.event.RoomMetadataChanged;
import dev.jakartamesh.metadata.JsonMerge;
import dev.jakartamesh.metadata.MergeStrategy;
import dev.jakartamesh.metadata.MetadataCodec;
import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.JsonP;
import dev.jakartamesh.protocol.MeshException;
import dev.jakartamesh.store.RoomStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Rooms, their members and their metadata, stored in Redis and shared by every instance: the Java
 * form of mesh's {@code server.roomManager}. Inject it into any CDI or enterprise bean; every
 * method is safe to call from any thread, for connections on any instance.
 *
 * <p>Room names are validated (non-empty, at most {@code mesh.limits.room-name-length} characters,
 * no control characters); a bad name is a {@link MeshException} with {@code EROOMNAME}. Metadata is
 * any JSON value, given as a JSON-P {@link JsonValue} or any object JSON-B can map.
 *
 * <p>Rooms are indexed explicitly: a room is listed while it has members or metadata. Listings cost
 * a constant number of Redis round trips (one a page of 1,000), whatever the number of rooms or
 * members.
 */
@ApplicationScoped
public class RoomManager {

    private static final int MAX_CAS_ATTEMPTS = 256;

    @Inject
    RoomStore store;

    @Inject
    MetadataCodec codec;

    @Inject
    MeshConfig config;

    @Inject
    MeshEvents events;

    @Inject
    LocalConnections local;

    // ---- metadata ----

    /**
     * Replaces a room's metadata; {@code null} deletes it. A room with metadata is listed by
     * {@link #getAllRooms()} even while it has no members.
     */
    public void setMetadata(String roomName, Object metadata) {
        String room = validName(roomName);
        JsonValue value = codec.toJsonValue(metadata);
        boolean delete = value.getValueType() == JsonValue.ValueType.NULL;
        store.setMetadata(room, delete ? null : codec.toStoredText(value));
        events.fire(new RoomMetadataChanged(room, delete ? null : value));
    }

    /**
     * Sets a room's metadata only if it has none, atomically.
     *
     * @return {@code true} when written, {@code false} when the room already had metadata
     */
    public boolean setMetadataIfAbsent(String roomName, Object metadata) {
        String room = validName(roomName);
        JsonValue value = codec.toJsonValue(metadata);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            throw new MeshException(ErrorCode.EPAYLOAD, "room metadata must not be null");
        }
        boolean written = store.setMetadataIfAbsent(room, codec.toStoredText(value));
        if (written) {
            events.fire(new RoomMetadataChanged(room, value));
        }
        return written;
    }

    /**
     * Merges the fields of {@code partial} into the room's metadata in one atomic step
     * (compare-and-set, retried), so concurrent updates from any instance lose no field. A room
     * without metadata, or with a non-object value, gets {@code partial} as its metadata.
     *
     * @param partial an object
     * @return the metadata as stored after the update
     */
    public JsonValue updateMetadata(String roomName, Object partial) {
        return updateMetadata(roomName, partial, MergeStrategy.MERGE);
    }

    /**
     * Like {@link #updateMetadata(String, Object)}, with a strategy: {@link MergeStrategy#MERGE}
     * (fields), {@link MergeStrategy#DEEP_MERGE} (nested objects field by field), or
     * {@link MergeStrategy#REPLACE}.
     */
    public JsonValue updateMetadata(String roomName, Object partial, MergeStrategy strategy) {
        String room = validName(roomName);
        JsonValue update = codec.toJsonValue(partial);
        if (strategy != MergeStrategy.REPLACE && update.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MeshException(ErrorCode.EPAYLOAD, "a room metadata update must be a JSON object");
        }
        return merge(room, update, strategy, false);
    }

    /**
     * Like {@link #updateMetadata(String, Object)}, but only for a room that has metadata: a room
     * without any (or one whose metadata is deleted meanwhile) is left as it is.
     *
     * @return the metadata after the update, or {@code null} when the room had none
     */
    public JsonValue updateMetadataIfPresent(String roomName, Object partial) {
        String room = validName(roomName);
        JsonValue update = codec.toJsonValue(partial);
        if (update.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MeshException(ErrorCode.EPAYLOAD, "a room metadata update must be a JSON object");
        }
        return merge(room, update, MergeStrategy.MERGE, true);
    }

    private JsonValue merge(String room, JsonValue update, MergeStrategy strategy, boolean onlyIfPresent) {
        String current = store.metadata(room);
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            if (onlyIfPresent && current == null) {
                return null;
            }
            JsonValue merged = JsonMerge.apply(codec.parse(current), update, strategy);
            RoomStore.CasResult result = store.compareAndSetMetadata(room, current, codec.toStoredText(merged));
            if (result.written()) {
                events.fire(new RoomMetadataChanged(room, merged));
                return merged;
            }
            current = result.current();
        }
        throw new MeshException(ErrorCode.ECONFLICT, "room metadata kept changing; the update was not applied");
    }

    /** A room's metadata, or {@code null} when it has none. */
    public JsonValue getMetadata(String roomName) {
        String json = store.metadata(validName(roomName));
        return json == null ? null : codec.parse(json);
    }

    /** A room's metadata bound to {@code type} with JSON-B, or {@code null} when it has none. */
    public <T> T getMetadata(String roomName, Class<T> type) {
        return codec.bind(store.metadata(validName(roomName)), type);
    }

    /** A room's metadata bound to a generic {@code type} with JSON-B, or {@code null} when it has none. */
    public <T> T getMetadata(String roomName, Type type) {
        return codec.bind(store.metadata(validName(roomName)), type);
    }

    /** Every room's metadata by room name, in name order: {@code {"lobby": {...}, "dev": {...}}} in JSON. */
    public Map<String, JsonValue> getAllMetadata() {
        return getAllMetadata((room, metadata) -> true);
    }

    /** The rooms whose metadata passes {@code filter}, in the shape of {@link #getAllMetadata()}. */
    public Map<String, JsonValue> getAllMetadata(BiPredicate<String, JsonValue> filter) {
        Map<String, JsonValue> selected = new LinkedHashMap<>();
        for (Map.Entry<String, String> room : store.allMetadata().entrySet()) {
            JsonValue metadata = codec.parse(room.getValue());
            if (filter.test(room.getKey(), metadata)) {
                selected.put(room.getKey(), metadata);
            }
        }
        return selected;
    }

    // ---- membership ----

    /**
     * Adds a connection (on any instance) to a room.
     *
     * @return {@code true} when it is now a member, {@code false} when the connection is not registered
     */
    public boolean addToRoom(String roomName, String connectionId) {
        String room = validName(roomName);
        boolean joined = join(room, connectionId, false) != null;
        if (joined) {
            events.fire(new RoomJoined(room, connectionId));
        }
        return joined;
    }

    /**
     * Adds a connection to a room and returns everyone present (the joiner included) with their
     * metadata, in one round trip: what {@code mesh/join-room} answers.
     *
     * @throws MeshException {@code ENOCONNECTION} when the connection is not registered
     */
    public List<RoomMember> joinRoom(String roomName, String connectionId) {
        Map<String, String> present = joinWithMembers(roomName, connectionId);
        List<RoomMember> members = new ArrayList<>(present.size());
        present.forEach((id, json) -> members.add(new RoomMember(id, codec.parse(json))));
        return members;
    }

    /**
     * Like {@link #joinRoom}, but returns everyone present as the JSON text of an array
     * {@code [{"id": ..., "metadata": ...}]}, written from the metadata as stored, without parsing
     * it: what {@code mesh/join-room} sends.
     */
    public String joinRoomAsJson(String roomName, String connectionId) {
        Map<String, String> present = joinWithMembers(roomName, connectionId);
        StringBuilder json = new StringBuilder(present.size() * 64 + 2).append('[');
        for (Map.Entry<String, String> member : present.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"id\":").append(JsonP.createValue(member.getKey())).append(",\"metadata\":").append(member.getValue()).append('}');
        }
        return json.append(']').toString();
    }

    /** Joins and returns everyone present with their stored metadata JSON; fires {@link RoomJoined}. */
    private Map<String, String> joinWithMembers(String roomName, String connectionId) {
        String room = validName(roomName);
        Map<String, String> present = join(room, connectionId, true);
        if (present == null) {
            throw new MeshException(ErrorCode.ENOCONNECTION, "the connection is not registered");
        }
        events.fire(new RoomJoined(room, connectionId));
        return present;
    }

    private Map<String, String> join(String room, String connectionId, boolean withMembers) {
        Map<String, String> present;
        try {
            present = store.join(room, connectionId, withMembers, config.maxRoomsPerConnection());
        } catch (RoomStore.TooManyRooms e) {
            throw new MeshException(ErrorCode.EROOMLIMIT, "a connection may be in at most "
                + config.maxRoomsPerConnection() + " rooms");
        }
        if (present != null) {
            mirror(room, connectionId, true);
        }
        return present;
    }

    /** Keeps the local copy of a connection on this instance in step with what was stored. */
    private void mirror(String room, String connectionId, boolean member) {
        LocalConnection connection = local.get(connectionId);
        if (connection != null) {
            connection.roomStored(room, member);
        }
    }

    /** Removes a connection from a room. Returns whether it was a member. */
    public boolean removeFromRoom(String roomName, String connectionId) {
        String room = validName(roomName);
        boolean left = store.leave(room, connectionId);
        mirror(room, connectionId, false);
        if (left) {
            events.fire(new RoomLeft(room, connectionId));
        }
        return left;
    }

    /** Whether a connection is a member of a room. */
    public boolean isInRoom(String roomName, String connectionId) {
        return store.isMember(validName(roomName), connectionId);
    }

    /** The ids of a room's members, sorted. */
    public Set<String> getRoomMembers(String roomName) {
        return store.members(validName(roomName));
    }

    /** The rooms a connection is in, sorted. */
    public Set<String> getRoomsForConnection(String connectionId) {
        return store.roomsOf(connectionId);
    }

    /** Every room that has members or metadata, sorted. */
    public Set<String> getAllRooms() {
        return store.rooms();
    }

    /**
     * Removes every member of a room and, as mesh's documentation says, its metadata.
     *
     * @return the number of members removed
     */
    public int clearRoom(String roomName) {
        return clear(validName(roomName)).members().size();
    }

    /**
     * Deletes a room: its members, its metadata and its index entry.
     *
     * @return whether the room existed (had members or metadata)
     */
    public boolean deleteRoom(String roomName) {
        RoomStore.Cleared cleared = clear(validName(roomName));
        return cleared.existed() || !cleared.members().isEmpty() || cleared.hadMetadata();
    }

    private RoomStore.Cleared clear(String room) {
        RoomStore.Cleared cleared = store.clear(room);
        for (String member : cleared.members()) {
            mirror(room, member, false);
            events.fire(new RoomLeft(room, member));
        }
        if (cleared.hadMetadata()) {
            events.fire(new RoomMetadataChanged(room, null));
        }
        return cleared;
    }

    private String validName(String roomName) {
        return RoomNames.validate(roomName, config.maxRoomNameLength());
    }
}
