package dev.jakartamesh.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rooms, their members and their metadata in Redis. A room is in the rooms index while it has
 * members or metadata; the scripts keep the index, the room member sets and the connections'
 * room sets consistent with each other.
 */
@ApplicationScoped
public class RoomStore {

    /** The outcome of a compare-and-set write; {@code current} is {@code null} when the room has no metadata. */
    public record CasResult(boolean written, String current) {
    }

    /** What {@link #clear} removed: the members, and whether the room had metadata or was indexed. */
    public record Cleared(List<String> members, boolean hadMetadata, boolean existed) {
    }

    @Inject
    RedisProvider redis;

    /** Thrown by {@link #join} when the connection is in {@code maxRooms} rooms already. */
    public static final class TooManyRooms extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyRooms() {
            super("too many rooms", null, false, false);
        }
    }

    /**
     * Adds a registered connection to a room, unless that would put it in more than
     * {@code maxRooms} rooms. Returns the members with their metadata JSON (the joiner included) as
     * an ordered map when {@code withMembers}, an empty map otherwise, and {@code null} when the
     * connection is not registered.
     *
     * @throws TooManyRooms when the connection is in {@code maxRooms} other rooms already
     */
    public Map<String, String> join(String room, String connectionId, boolean withMembers, int maxRooms) {
        KeySchema k = redis.keys();
        Object reply = RedisCalls.call(() -> redis.scripts().run(Scripts.Name.JOIN_ROOM,
            List.of(k.connectionMetadata(), k.rooms(), k.roomMembers(room), k.connectionRooms(connectionId)),
            List.of(connectionId, room, withMembers ? "1" : "0", Integer.toString(maxRooms))));
        if (reply instanceof Long status) {
            if (status == -2L) {
                throw new TooManyRooms();
            }
            return status < 0 ? null : Map.of();
        }
        return pairs((List<?>) reply);
    }

    /** Removes a connection from a room. Returns whether it was a member. */
    public boolean leave(String room, String connectionId) {
        KeySchema k = redis.keys();
        return RedisCalls.call(() -> (Long) redis.scripts().run(Scripts.Name.LEAVE_ROOM,
            List.of(k.roomMembers(room), k.connectionRooms(connectionId), k.rooms(), k.roomMetadata()),
            List.of(connectionId, room))) == 1L;
    }

    /** Removes every member of a room, its metadata, and its index entry. */
    public Cleared clear(String room) {
        KeySchema k = redis.keys();
        List<?> reply = RedisCalls.call(() -> (List<?>) redis.scripts().run(Scripts.Name.CLEAR_ROOM,
            List.of(k.roomMembers(room), k.rooms(), k.roomMetadata()),
            List.of(room, k.connectionRoomsHead(), k.connectionRoomsTail())));
        List<String> members = new java.util.ArrayList<>(reply.size() - 2);
        for (Object id : reply.subList(2, reply.size())) {
            members.add(Scripts.text(id));
        }
        return new Cleared(members, (Long) reply.get(0) == 1L, (Long) reply.get(1) == 1L);
    }

    public boolean isMember(String room, String connectionId) {
        return redis.call(pipeline -> pipeline.sismember(redis.keys().roomMembers(room), connectionId));
    }

    public Set<String> members(String room) {
        return scanSet(redis.keys().roomMembers(room));
    }

    /** The registered members of a room with their metadata JSON, in one round trip. */
    public Map<String, String> membersWithMetadata(String room) {
        KeySchema k = redis.keys();
        return pairs((List<?>) RedisCalls.call(() -> redis.scripts().run(Scripts.Name.ROOM_MEMBERS_METADATA,
            List.of(k.roomMembers(room), k.connectionMetadata()), List.of())));
    }

    public Set<String> roomsOf(String connectionId) {
        return scanSet(redis.keys().connectionRooms(connectionId));
    }

    public Set<String> rooms() {
        return scanSet(redis.keys().rooms());
    }

    public long roomCount() {
        return RedisCalls.call(() -> redis.client().scard(redis.keys().rooms()));
    }

    /** The room's metadata JSON, or {@code null} when it has none. */
    public String metadata(String room) {
        return redis.call(pipeline -> pipeline.hget(redis.keys().roomMetadata(), room));
    }

    /** Every room's metadata JSON, by room name in order. */
    public Map<String, String> allMetadata() {
        Map<String, String> all = new java.util.TreeMap<>();
        Scans.forEachHashEntry(redis, redis.keys().roomMetadata(), all::put);
        return all;
    }

    /** Replaces the room's metadata JSON, or deletes it when {@code json} is {@code null}. */
    public void setMetadata(String room, String json) {
        runSetMetadata(room, json == null ? "" : json, "set");
    }

    /** Sets the room's metadata JSON only if it has none. Returns whether it was written. */
    public boolean setMetadataIfAbsent(String room, String json) {
        return runSetMetadata(room, json, "nx") == 1L;
    }

    private long runSetMetadata(String room, String json, String mode) {
        KeySchema k = redis.keys();
        return RedisCalls.call(() -> (Long) redis.scripts().run(Scripts.Name.SET_ROOM_METADATA,
            List.of(k.roomMetadata(), k.rooms(), k.roomMembers(room)), List.of(room, json, mode)));
    }

    /** Writes {@code json} only if the stored metadata is still {@code expected} ({@code null}: none). */
    public CasResult compareAndSetMetadata(String room, String expected, String json) {
        KeySchema k = redis.keys();
        List<?> reply = RedisCalls.call(() -> (List<?>) redis.scripts().run(Scripts.Name.CAS_ROOM_METADATA,
            List.of(k.roomMetadata(), k.rooms()), List.of(room, expected == null ? "" : expected, json)));
        if ((Long) reply.get(0) == 1L) {
            return new CasResult(true, json);
        }
        String current = Scripts.text(reply.get(1));
        return new CasResult(false, current.isEmpty() ? null : current);
    }

    private Set<String> scanSet(String key) {
        return Scans.setMembers(redis, key);
    }

    private static Map<String, String> pairs(List<?> flat) {
        Map<String, String> out = new LinkedHashMap<>(flat.size());
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            out.put(Scripts.text(flat.get(i)), Scripts.text(flat.get(i + 1)));
        }
        return out;
    }
}
