package dev.jakartamesh.command;

import dev.jakartamesh.connection.ConnectionManager;
import dev.jakartamesh.metadata.MergeStrategy;
import dev.jakartamesh.metadata.MetadataCodec;
import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.MeshException;
import jakarta.json.JsonValue;
import java.lang.reflect.Type;

/**
 * What a command (and its middleware) is given: who sent it, what it is, its payload, and the
 * sending connection's metadata. Writes made through the context are server writes: the metadata
 * access policy does not apply to them.
 */
public final class CommandContext {

    private final String connectionId;
    private final String command;
    private final JsonValue payload;
    private final ConnectionManager connections;
    private final MetadataCodec codec;

    CommandContext(String connectionId, String command, JsonValue payload, ConnectionManager connections, MetadataCodec codec) {
        this.connectionId = connectionId;
        this.command = command;
        this.payload = payload;
        this.connections = connections;
        this.codec = codec;
    }

    /** The id of the connection that sent the command. */
    public String connectionId() {
        return connectionId;
    }

    /** The command's name. */
    public String command() {
        return command;
    }

    /** The payload as sent, {@link JsonValue#NULL} when absent. */
    public JsonValue payload() {
        return payload;
    }

    /**
     * The payload bound to {@code type} with JSON-B.
     *
     * @throws MeshException {@code EPAYLOAD} when it does not bind
     */
    public <T> T payload(Type type) {
        if (type instanceof Class<?> c && JsonValue.class.isAssignableFrom(c)) {
            if (!c.isInstance(payload)) {
                throw new MeshException(ErrorCode.EPAYLOAD, command + " takes a " + c.getSimpleName() + " payload");
            }
            @SuppressWarnings("unchecked")
            T json = (T) payload;
            return json;
        }
        try {
            return codec.bind(payload.toString(), type);
        } catch (MeshException e) {
            throw new MeshException(ErrorCode.EPAYLOAD, command + ": the payload does not fit " + type.getTypeName(), e);
        }
    }

    /** The sending connection's metadata, or {@code null} when it has none. */
    public JsonValue metadata() {
        return connections.getMetadata(connectionId);
    }

    /** The sending connection's metadata bound to {@code type}, or {@code null} when it has none. */
    public <T> T metadata(Class<T> type) {
        return connections.getMetadata(connectionId, type);
    }

    /** Replaces the sending connection's metadata (a server write). */
    public boolean setMetadata(Object metadata) {
        return connections.setMetadata(connectionId, metadata);
    }

    /** Merges fields into the sending connection's metadata, atomically (a server write). */
    public boolean mergeMetadata(Object partial) {
        return connections.setMetadata(connectionId, partial, MergeStrategy.MERGE);
    }
}
