package dev.jakartamesh.connection;

import dev.jakartamesh.cluster.Disconnects;
import dev.jakartamesh.config.MeshConfig;
import dev.jakartamesh.event.ConnectionMetadataChanged;
import dev.jakartamesh.event.MeshEvents;
import dev.jakartamesh.metadata.JsonMerge;
import dev.jakartamesh.metadata.MergeStrategy;
import dev.jakartamesh.metadata.MetadataCodec;
import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.MeshException;
import dev.jakartamesh.room.RoomNames;
import dev.jakartamesh.store.ConnectionStore;
import dev.jakartamesh.store.RoomStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Connection metadata, stored in Redis and shared by every instance: the Java form of mesh's
 * {@code server.connectionManager}. Inject it into any CDI or enterprise bean. Every method works
 * for connections on any instance, and is safe to call from any thread.
 *
 * <p>Metadata is any JSON value. Methods that take a value accept a JSON-P {@link JsonValue} or any
 * object JSON-B can map. A connection that is registered but has no metadata reads as {@code null}.
 *
 * <p>Failures are {@link MeshException}s: {@code EUNAVAILABLE} when Redis cannot be reached within
 * {@code mesh.redis.timeout-ms}, {@code EMETADATASIZE} when a value is over
 * {@code mesh.limits.metadata-bytes}.
 */
@ApplicationScoped
public class ConnectionManager {

    private static final int MAX_CAS_ATTEMPTS = 256;

    @Inject
    ConnectionStore store;

    @Inject
    RoomStore rooms;

    @Inject
    MetadataCodec codec;

    @Inject
    MeshConfig config;

    @Inject
    LocalConnections local;

    @Inject
    Disconnects disconnects;

    @Inject
    MeshEvents events;

    /**
     * Replaces a connection's metadata.
     *
     * @param connectionId the connection, on any instance
     * @param metadata     the new value; {@code null} clears it
     * @return {@code true} when written, {@code false} when the connection is not registered
     *         (a write never brings back a connection that has closed)
     */
    public boolean setMetadata(String connectionId, Object metadata) {
        return setMetadata(connectionId, metadata, MergeStrategy.REPLACE);
    }

    /**
     * Writes a connection's metadata with a strategy. {@link MergeStrategy#MERGE} and
     * {@link MergeStrategy#DEEP_MERGE} take an object and combine it with the stored value in one
     * atomic step (compare-and-set), so concurrent merges from any instance lose no field.
     *
     * @return {@code true} when written, {@code false} when the connection is not registered
     * @throws MeshException {@code EPAYLOAD} when a merge is given a non-object,
     *                       {@code ECONFLICT} when the value kept changing under the merge
     */
    public boolean setMetadata(String connectionId, Object metadata, MergeStrategy strategy) {
        return write(connectionId, codec.toJsonValue(metadata), strategy, Set.of());
    }

    /**
     * Writes metadata on behalf of the connection's own client: like
     * {@link #setMetadata(String, Object, MergeStrategy)}, but the {@code serverOwnedKeys} of the
     * stored value are kept as they are, whatever the strategy. The caller has already refused an
     * update that names one of them.
     */
    public boolean setMetadataAsClient(String connectionId, JsonValue update, MergeStrategy strategy, Set<String> serverOwnedKeys) {
        return write(connectionId, update, strategy, serverOwnedKeys);
    }

    private boolean write(String connectionId, JsonValue update, MergeStrategy strategy, Set<String> keptKeys) {
        if (strategy != MergeStrategy.REPLACE && update.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MeshException(ErrorCode.EPAYLOAD, "a " + strategy.wireName() + " update must be a JSON object");
        }
        if (strategy == MergeStrategy.REPLACE && keptKeys.isEmpty()) {
            String text = codec.toStoredText(update);
            boolean written = store.replaceMetadata(connectionId, text);
            if (written) {
                stored(connectionId, text, update);
            }
            return written;
        }
        String current = store.metadata(connectionId);
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            if (current == null) {
                return false;
            }
            JsonValue stored = codec.parse(current);
            JsonValue merged = JsonMerge.keep(stored, JsonMerge.apply(stored, update, strategy), keptKeys);
            String text = codec.toStoredText(merged);
            ConnectionStore.CasResult result = store.compareAndSetMetadata(connectionId, current, text);
            switch (result.status()) {
                case WRITTEN:
                    stored(connectionId, text, merged);
                    return true;
                case NOT_REGISTERED:
                    return false;
                default:
                    current = result.current();
            }
        }
        throw new MeshException(ErrorCode.ECONFLICT, "metadata kept changing; the merge was not applied");
    }

    private void stored(String connectionId, String text, JsonValue value) {
        LocalConnection connection = local.get(connectionId);
        if (connection != null) {
            connection.metadataStored(text);
        }
        events.fire(new ConnectionMetadataChanged(connectionId, value));
    }

    /** A connection's metadata, or {@code null} when it has none or is not registered. */
    public JsonValue getMetadata(String connectionId) {
        JsonValue value = codec.parse(store.metadata(connectionId));
        return value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    /** A connection's metadata bound to {@code type} with JSON-B, or {@code null} when it has none. */
    public <T> T getMetadata(String connectionId, Class<T> type) {
        return codec.bind(store.metadata(connectionId), type);
    }

    /** A connection's metadata bound to a generic {@code type} with JSON-B, or {@code null} when it has none. */
    public <T> T getMetadata(String connectionId, Type type) {
        return codec.bind(store.metadata(connectionId), type);
    }

    /**
     * Every connection on every instance with its metadata, one single-entry
     * {@code {connectionId: metadata}} object each. Reads Redis a page (1,000) at a time.
     */
    public List<ConnectionMetadata> getAllMetadata() {
        return getAllMetadata((id, metadata) -> true);
    }

    /**
     * The connections whose metadata passes {@code filter}, in the shape of {@link #getAllMetadata()}.
     * The filter sees {@link JsonValue#NULL} for a connection without metadata, never {@code null}.
     */
    public List<ConnectionMetadata> getAllMetadata(BiPredicate<String, JsonValue> filter) {
        List<ConnectionMetadata> all = new ArrayList<>();
        store.forEachMetadata((id, json) -> {
            JsonValue metadata = codec.parse(json);
            if (filter.test(id, metadata)) {
                all.add(new ConnectionMetadata(id, metadata));
            }
        });
        return all;
    }

    /** The connections in a room with their metadata, in the shape of {@link #getAllMetadata()}; one round trip. */
    public List<ConnectionMetadata> getAllMetadataForRoom(String roomName) {
        RoomNames.validate(roomName, config.maxRoomNameLength());
        List<ConnectionMetadata> members = new ArrayList<>();
        for (Map.Entry<String, String> member : rooms.membersWithMetadata(roomName).entrySet()) {
            members.add(new ConnectionMetadata(member.getKey(), codec.parse(member.getValue())));
        }
        return members;
    }

    /** Whether a connection is registered, on any instance. */
    public boolean isConnected(String connectionId) {
        return store.isRegistered(connectionId);
    }

    /** The number of connections on all instances. */
    public long getConnectionCount() {
        return store.count();
    }

    /**
     * Closes a connection on any instance (close code 4000 with {@code reason}); its owner cleans it
     * up. A connection of an instance that is no longer alive is removed from Redis directly.
     *
     * @return {@code false} when no such connection is registered
     */
    public boolean disconnect(String connectionId, String reason) {
        return disconnects.disconnect(connectionId, reason == null ? "disconnected" : reason);
    }

    /** The ids of the connections whose sockets are open on this instance. */
    public Set<String> getLocalConnectionIds() {
        return local.ids();
    }
}
