package dev.jakartamesh.cluster;

import dev.jakartamesh.config.MeshConfig;
import dev.jakartamesh.connection.LocalConnection;
import dev.jakartamesh.connection.LocalConnections;
import dev.jakartamesh.metadata.MetadataCodec;
import dev.jakartamesh.protocol.FrameCodec;
import dev.jakartamesh.room.RoomNames;
import dev.jakartamesh.store.ClusterStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pushes commands to clients wherever they are connected: the Java form of mesh's
 * {@code broadcast}, {@code broadcastRoom} and {@code broadcastExclude}. Inject it into any bean.
 *
 * <p>Each push is a frame without an id, {@code {"command": ..., "payload": ...}}. Connections on
 * this instance get it directly; connections on other instances get it through their instance's
 * Redis pub/sub channel, one message per instance however many connections it has there. The
 * payload is a JSON-P value or any object JSON-B can map. Delivery is at most once: a connection
 * that closes meanwhile, or an instance that is unreachable, does not get it.
 */
@ApplicationScoped
public class Broadcaster {

    private static final FrameCodec FRAMES = FrameCodec.UNLIMITED;

    @Inject
    LocalConnections local;

    @Inject
    ClusterStore cluster;

    @Inject
    ClusterBus bus;

    @Inject
    InstanceIdentity instance;

    @Inject
    MetadataCodec codec;

    @Inject
    MeshConfig config;

    /** Pushes to one connection, on any instance. Returns whether it is registered. */
    public boolean send(String connectionId, String command, Object payload) {
        return send(List.of(connectionId), command, payload) == 1;
    }

    /** Pushes to each of the given connections, on any instance. Returns how many are registered. */
    public int send(Collection<String> connectionIds, String command, Object payload) {
        String frame = frame(command, payload);
        List<String> remote = new ArrayList<>();
        int delivered = 0;
        for (String id : Set.copyOf(connectionIds)) {
            LocalConnection connection = local.get(id);
            if (connection != null) {
                connection.send(frame);
                delivered++;
            } else {
                remote.add(id);
            }
        }
        Map<String, String> owners = cluster.ownersOf(remote);
        return delivered + deliverRemote(owners, frame);
    }

    /** Pushes to every connection on every instance. */
    public void broadcast(String command, Object payload) {
        broadcastExcept(command, payload, Set.of());
    }

    /** Pushes to every connection on every instance except the given ones. */
    public void broadcastExcept(String command, Object payload, Collection<String> excludedConnectionIds) {
        String frame = frame(command, payload);
        Set<String> excluded = Set.copyOf(excludedConnectionIds);
        bus.deliverLocally(excluded, frame);
        bus.deliverToAll(excluded, frame);
    }

    /** Pushes to every member of a room, on any instance. Returns how many members it was sent to. */
    public int broadcastRoom(String roomName, String command, Object payload) {
        return broadcastRoomExcept(roomName, command, payload, Set.of());
    }

    /** Pushes to every member of a room except the given connections. Returns how many members it was sent to. */
    public int broadcastRoomExcept(String roomName, String command, Object payload, Collection<String> excludedConnectionIds) {
        RoomNames.validate(roomName, config.maxRoomNameLength());
        String frame = frame(command, payload);
        Map<String, String> owners = new HashMap<>(cluster.roomMemberOwners(roomName));
        owners.keySet().removeAll(Set.copyOf(excludedConnectionIds));
        return deliverRemote(owners, frame);
    }

    /** Delivers to connections by owner: directly for this instance, one pub/sub message per other instance. */
    private int deliverRemote(Map<String, String> owners, String frame) {
        Map<String, List<String>> byInstance = new HashMap<>();
        owners.forEach((id, owner) -> byInstance.computeIfAbsent(owner, key -> new ArrayList<>()).add(id));
        int delivered = 0;
        for (Map.Entry<String, List<String>> group : byInstance.entrySet()) {
            if (group.getKey().equals(instance.id())) {
                for (String id : group.getValue()) {
                    LocalConnection connection = local.get(id);
                    if (connection != null) {
                        connection.send(frame);
                        delivered++;
                    }
                }
            } else {
                bus.deliverTo(group.getKey(), group.getValue(), frame);
                delivered += group.getValue().size();
            }
        }
        return delivered;
    }

    private String frame(String command, Object payload) {
        return FRAMES.encode(null, command, codec.toJsonValue(payload));
    }
}
