package dev.jakartamesh.connection;

import jakarta.json.JsonValue;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One connection's metadata as a single-entry map {@code {connectionId: metadata}}: the element
 * type of {@link ConnectionManager#getAllMetadata()}. JSON-B renders a list of them exactly as
 * mesh does, {@code [{"conn1": {...}}, {"conn2": {...}}]}.
 */
public final class ConnectionMetadata extends AbstractMap<String, JsonValue> {

    private final String connectionId;
    private final JsonValue metadata;

    /**
     * @param connectionId the connection's id
     * @param metadata     its metadata; {@code null} is stored as {@link JsonValue#NULL}
     */
    public ConnectionMetadata(String connectionId, JsonValue metadata) {
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
        this.metadata = metadata == null ? JsonValue.NULL : metadata;
    }

    /** The connection's id. */
    public String connectionId() {
        return connectionId;
    }

    /** The connection's metadata, {@link JsonValue#NULL} when it has none. */
    public JsonValue metadata() {
        return metadata;
    }

    @Override
    public Set<Map.Entry<String, JsonValue>> entrySet() {
        return Set.of(Map.entry(connectionId, metadata));
    }
}
