package dev.jakartamesh.command;

import dev.jakartamesh.auth.MetadataPolicy;
import dev.jakartamesh.connection.ConnectionManager;
import dev.jakartamesh.connection.LocalConnection;
import dev.jakartamesh.connection.LocalConnections;
import dev.jakartamesh.metadata.MergeStrategy;
import dev.jakartamesh.protocol.EncodedJson;
import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.JsonP;
import dev.jakartamesh.protocol.MeshException;
import dev.jakartamesh.room.RoomManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.Set;

/** mesh's built-in commands: {@code mesh/noop}, the metadata reads and writes, and the rooms. */
@ApplicationScoped
public class BuiltinCommands {

    private static final JsonObject SUCCESS = JsonP.createObjectBuilder().add("success", true).build();

    @Inject
    ConnectionManager connections;

    @Inject
    RoomManager rooms;

    @Inject
    MetadataPolicy policy;

    @Inject
    LocalConnections local;

    void registerInto(java.util.function.BiConsumer<String, CommandHandler> registry) {
        registry.accept("mesh/noop", context -> JsonValue.TRUE);
        registry.accept("mesh/get-connection-metadata", this::getConnectionMetadata);
        registry.accept("mesh/get-my-connection-metadata", this::getMyConnectionMetadata);
        registry.accept("mesh/set-my-connection-metadata", this::setMyConnectionMetadata);
        registry.accept("mesh/join-room", this::joinRoom);
        registry.accept("mesh/leave-room", this::leaveRoom);
        registry.accept("mesh/get-room-metadata", this::getRoomMetadata);
    }

    private JsonValue getConnectionMetadata(CommandContext context) {
        String target = Payloads.string(context, "connectionId");
        if (!target.equals(context.connectionId()) && !policy.mayRead(context.connectionId(), target)) {
            throw new MeshException(ErrorCode.EFORBIDDEN, "reading this connection's metadata is not allowed");
        }
        return metadataReply(connections.getMetadata(target));
    }

    private JsonValue getMyConnectionMetadata(CommandContext context) {
        return metadataReply(connections.getMetadata(context.connectionId()));
    }

    private JsonValue setMyConnectionMetadata(CommandContext context) {
        JsonValue metadata = Payloads.required(context, "metadata");
        MergeStrategy strategy = strategy(context);
        if (strategy != MergeStrategy.REPLACE && metadata.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MeshException(ErrorCode.EPAYLOAD, "metadata must be an object for the " + strategy.wireName() + " strategy");
        }
        if (!policy.mayWrite(context.connectionId())) {
            throw new MeshException(ErrorCode.EFORBIDDEN, "this connection may not write its metadata");
        }
        Set<String> owned = serverOwnedKeys(context.connectionId());
        if (!owned.isEmpty()) {
            if (!(metadata instanceof JsonObject object)) {
                throw new MeshException(ErrorCode.EFORBIDDEN, "metadata with server-owned keys can only be written as an object");
            }
            for (String key : object.keySet()) {
                if (owned.contains(key)) {
                    throw new MeshException(ErrorCode.EFORBIDDEN, "the key '" + key + "' is owned by the server");
                }
            }
        }
        if (!connections.setMetadataAsClient(context.connectionId(), metadata, strategy, owned)) {
            throw new MeshException(ErrorCode.ENOCONNECTION, "this connection is not registered");
        }
        return SUCCESS;
    }

    private Set<String> serverOwnedKeys(String connectionId) {
        Set<String> owned = new HashSet<>(policy.serverOwnedKeys(connectionId));
        LocalConnection connection = local.get(connectionId);
        if (connection != null) {
            owned.addAll(connection.serverOwnedKeys());
        }
        return owned;
    }

    private static MergeStrategy strategy(CommandContext context) {
        JsonValue options = Payloads.object(context).get("options");
        if (options == null || options.getValueType() == JsonValue.ValueType.NULL) {
            return MergeStrategy.REPLACE;
        }
        if (!(options instanceof JsonObject optionsObject)) {
            throw new MeshException(ErrorCode.EPAYLOAD, "options must be an object");
        }
        JsonValue strategy = optionsObject.get("strategy");
        if (strategy == null || strategy.getValueType() == JsonValue.ValueType.NULL) {
            return MergeStrategy.REPLACE;
        }
        if (!(strategy instanceof JsonString name)) {
            throw new MeshException(ErrorCode.EPAYLOAD, "options.strategy must be replace, merge or deepMerge");
        }
        return MergeStrategy.fromWireName(name.getString()).orElseThrow(() -> new MeshException(
            ErrorCode.EPAYLOAD, "unknown strategy '" + name.getString() + "': use replace, merge or deepMerge"));
    }

    private JsonValue joinRoom(CommandContext context) {
        if (!Payloads.flag(context, "present", true)) {
            // An extension of mesh's payload: a client that does not need the members present (a
            // big room, a bot) skips a reply that grows with the room.
            if (!rooms.addToRoom(roomName(context), context.connectionId())) {
                throw new MeshException(ErrorCode.ENOCONNECTION, "the connection is not registered");
            }
            return SUCCESS;
        }
        String present = rooms.joinRoomAsJson(roomName(context), context.connectionId());
        return new EncodedJson("{\"success\":true,\"present\":" + present + "}");
    }

    private JsonValue leaveRoom(CommandContext context) {
        rooms.removeFromRoom(roomName(context), context.connectionId());
        return SUCCESS;
    }

    private JsonValue getRoomMetadata(CommandContext context) {
        return metadataReply(rooms.getMetadata(roomName(context)));
    }

    private static String roomName(CommandContext context) {
        return Payloads.string(context, "roomName");
    }

    private static JsonValue metadataReply(JsonValue metadata) {
        return JsonP.createObjectBuilder().add("metadata", metadata == null ? JsonValue.NULL : metadata).build();
    }
}
