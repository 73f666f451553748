package dev.jakartamesh.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Connection registrations and connection metadata in Redis. Metadata is JSON text here; the
 * managers parse it. Every method is one round trip, or one a page for listings.
 */
@ApplicationScoped
public class ConnectionStore {

    /** The outcome of a compare-and-set write. */
    public record CasResult(Status status, String current) {
        public enum Status { WRITTEN, CHANGED, NOT_REGISTERED }
    }

    @Inject
    RedisProvider redis;

    /** What one connection had in Redis, as its instance remembers it. */
    public record Snapshot(String connectionId, String metadataJson, Set<String> rooms) {
    }

    /**
     * Registers connections again with their metadata and rooms, in one pipelined round trip: for a
     * Redis that lost them.
     */
    public void reregister(List<Snapshot> snapshots, String instanceId) {
        if (snapshots.isEmpty()) {
            return;
        }
        KeySchema k = redis.keys();
        RedisCalls.run(() -> {
            try (Pipeline pipeline = redis.client().pipelined()) {
                for (Snapshot snapshot : snapshots) {
                    String id = snapshot.connectionId();
                    pipeline.eval(Scripts.Name.REGISTER_CONNECTION.text,
                        List.of(k.connections(), k.connectionMetadata(), k.instanceConnections(instanceId)),
                        List.of(id, instanceId, snapshot.metadataJson()));
                    for (String room : snapshot.rooms()) {
                        pipeline.eval(Scripts.Name.JOIN_ROOM.text,
                            List.of(k.connectionMetadata(), k.rooms(), k.roomMembers(room), k.connectionRooms(id)),
                            List.of(id, room, "0", Integer.toString(Integer.MAX_VALUE)));
                    }
                }
                pipeline.sync();
            }
        });
    }

    /** Registers a connection of {@code instanceId} with its initial metadata JSON. */
    public void register(String connectionId, String instanceId, String metadataJson) {
        KeySchema k = redis.keys();
        RedisCalls.run(() -> redis.scripts().run(Scripts.Name.REGISTER_CONNECTION,
            List.of(k.connections(), k.connectionMetadata(), k.instanceConnections(instanceId)),
            List.of(connectionId, instanceId, metadataJson)));
    }

    /**
     * Removes a connection, its metadata and its room memberships.
     *
     * @return the rooms it left, or {@code null} when it was not registered
     */
    public List<String> remove(String connectionId, String instanceId) {
        return roomsLeft(RedisCalls.call(() -> (List<?>) redis.scripts().run(Scripts.Name.REMOVE_CONNECTION,
            removeKeys(connectionId, instanceId), removeArgs(connectionId))));
    }

    /**
     * Removes many connections of one instance in one pipelined round trip.
     *
     * @return for each connection that was registered, the rooms it left
     */
    public Map<String, List<String>> removeAll(List<String> connectionIds, String instanceId) {
        Map<String, List<String>> left = new LinkedHashMap<>();
        if (connectionIds.isEmpty()) {
            return left;
        }
        RedisCalls.run(() -> {
            Map<String, Response<Object>> replies = new LinkedHashMap<>();
            try (Pipeline pipeline = redis.client().pipelined()) {
                for (String id : connectionIds) {
                    replies.put(id, pipeline.eval(Scripts.Name.REMOVE_CONNECTION.text, removeKeys(id, instanceId), removeArgs(id)));
                }
                pipeline.sync();
            }
            replies.forEach((id, reply) -> {
                List<String> rooms = roomsLeft((List<?>) reply.get());
                if (rooms != null) {
                    left.put(id, rooms);
                }
            });
        });
        return left;
    }

    private static List<String> roomsLeft(List<?> reply) {
        if ((Long) reply.get(0) == 0L) {
            return null;
        }
        List<String> rooms = new ArrayList<>(reply.size() - 1);
        for (Object room : reply.subList(1, reply.size())) {
            rooms.add(Scripts.text(room));
        }
        return rooms;
    }

    private List<String> removeKeys(String connectionId, String instanceId) {
        KeySchema k = redis.keys();
        return List.of(k.connections(), k.connectionMetadata(), k.connectionRooms(connectionId), k.rooms(),
            k.roomMetadata(), k.instanceConnections(instanceId));
    }

    private List<String> removeArgs(String connectionId) {
        KeySchema k = redis.keys();
        return List.of(connectionId, k.roomMembersHead(), k.roomMembersTail());
    }

    /** Whether the connection is registered, on any instance. */
    public boolean isRegistered(String connectionId) {
        return redis.call(pipeline -> pipeline.hexists(redis.keys().connectionMetadata(), connectionId));
    }

    /** The instance a connection lives on, or {@code null} when it is not registered. */
    public String instanceOf(String connectionId) {
        return RedisCalls.call(() -> redis.client().hget(redis.keys().connections(), connectionId));
    }

    /** The number of registered connections across all instances. */
    public long count() {
        return RedisCalls.call(() -> redis.client().hlen(redis.keys().connections()));
    }

    /** The stored metadata JSON, or {@code null} when the connection is not registered. */
    public String metadata(String connectionId) {
        return redis.call(pipeline -> pipeline.hget(redis.keys().connectionMetadata(), connectionId));
    }

    /** Replaces the metadata JSON while the connection is registered. Returns whether it was written. */
    public boolean replaceMetadata(String connectionId, String json) {
        return RedisCalls.call(() -> (Long) redis.scripts().run(Scripts.Name.SET_CONNECTION_METADATA,
            List.of(redis.keys().connectionMetadata()), List.of(connectionId, json))) == 1L;
    }

    /** Writes {@code json} only if the stored metadata is still {@code expected}. */
    public CasResult compareAndSetMetadata(String connectionId, String expected, String json) {
        List<?> reply = RedisCalls.call(() -> (List<?>) redis.scripts().run(Scripts.Name.CAS_CONNECTION_METADATA,
            List.of(redis.keys().connectionMetadata()), List.of(connectionId, expected, json)));
        long status = (Long) reply.get(0);
        if (status == 1L) {
            return new CasResult(CasResult.Status.WRITTEN, json);
        }
        if (status == 0L) {
            return new CasResult(CasResult.Status.CHANGED, Scripts.text(reply.get(1)));
        }
        return new CasResult(CasResult.Status.NOT_REGISTERED, null);
    }

    /** Every registered connection with its metadata JSON, a page at a time (HSCAN), in no set order. */
    public void forEachMetadata(BiConsumer<String, String> action) {
        Scans.forEachHashEntry(redis, redis.keys().connectionMetadata(), action);
    }

    /** The connection ids registered by one instance. */
    public List<String> connectionsOf(String instanceId) {
        return new ArrayList<>(RedisCalls.call(() -> redis.client().smembers(redis.keys().instanceConnections(instanceId))));
    }
}
