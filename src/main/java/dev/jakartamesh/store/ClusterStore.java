package dev.jakartamesh.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

/**
 * What the instances of one deployment share in Redis: who is alive (heartbeats), who sweeps,
 * where each connection lives, and the pub/sub channels they deliver over.
 */
@ApplicationScoped
public class ClusterStore {

    @Inject
    RedisProvider redis;

    @Inject
    ConnectionStore connections;

    /**
     * Registers the instance and refreshes its heartbeat, in one round trip.
     *
     * @return whether the heartbeat key was still there: {@code false} at the first beat, after a
     *         pause longer than the TTL, or when Redis lost its data
     */
    public boolean beat(String instanceId, long ttlMillis) {
        KeySchema k = redis.keys();
        return RedisCalls.call(() -> {
            try (Pipeline pipeline = redis.client().pipelined()) {
                pipeline.sadd(k.instances(), instanceId);
                Response<String> previous = pipeline.setGet(k.heartbeat(instanceId), Long.toString(System.currentTimeMillis()),
                    SetParams.setParams().px(ttlMillis));
                pipeline.sync();
                return previous.get() != null;
            }
        });
    }

    /** Every registered instance with whether its heartbeat is alive, in one round trip after the listing. */
    public Map<String, Boolean> instances() {
        KeySchema k = redis.keys();
        Set<String> ids = RedisCalls.call(() -> redis.client().smembers(k.instances()));
        Map<String, Boolean> alive = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return alive;
        }
        RedisCalls.run(() -> {
            Map<String, Response<Boolean>> replies = new LinkedHashMap<>();
            try (Pipeline pipeline = redis.client().pipelined()) {
                for (String id : ids) {
                    replies.put(id, pipeline.exists(k.heartbeat(id)));
                }
                pipeline.sync();
            }
            replies.forEach((id, reply) -> alive.put(id, reply.get()));
        });
        return alive;
    }

    /** Whether one instance's heartbeat is alive. */
    public boolean isAlive(String instanceId) {
        return RedisCalls.call(() -> redis.client().exists(redis.keys().heartbeat(instanceId)));
    }

    /** Takes the sweeper lock for {@code ttlMillis} if no instance holds it. */
    public boolean tryLockSweeper(String instanceId, long ttlMillis) {
        return RedisCalls.call(() -> "OK".equals(redis.client().set(redis.keys().sweeperLock(), instanceId,
            SetParams.setParams().nx().px(ttlMillis))));
    }

    /**
     * Removes everything of one instance: its connections (with their metadata and room
     * memberships), its connection set, its heartbeat and its registration. Idempotent.
     *
     * @return for each connection removed, the rooms it left
     */
    public Map<String, List<String>> purgeInstance(String instanceId) {
        KeySchema k = redis.keys();
        Map<String, List<String>> removed = connections.removeAll(connections.connectionsOf(instanceId), instanceId);
        RedisCalls.run(() -> {
            try (Pipeline pipeline = redis.client().pipelined()) {
                pipeline.del(k.instanceConnections(instanceId));
                pipeline.del(k.heartbeat(instanceId));
                pipeline.srem(k.instances(), instanceId);
                pipeline.sync();
            }
        });
        return removed;
    }

    /** The owning instance of each registered connection among {@code ids}, in one HMGET. */
    public Map<String, String> ownersOf(List<String> ids) {
        Map<String, String> owners = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return owners;
        }
        List<String> replies = RedisCalls.call(() -> redis.client().hmget(redis.keys().connections(), ids.toArray(String[]::new)));
        for (int i = 0; i < ids.size(); i++) {
            if (replies.get(i) != null) {
                owners.put(ids.get(i), replies.get(i));
            }
        }
        return owners;
    }

    /** The members of a room with their owning instance, in one round trip. */
    public Map<String, String> roomMemberOwners(String room) {
        KeySchema k = redis.keys();
        List<?> flat = RedisCalls.call(() -> (List<?>) redis.scripts().run(Scripts.Name.ROOM_MEMBER_INSTANCES,
            List.of(k.roomMembers(room), k.connections()), List.of()));
        Map<String, String> owners = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            owners.put(Scripts.text(flat.get(i)), Scripts.text(flat.get(i + 1)));
        }
        return owners;
    }

    /** Publishes to one instance's channel. */
    public void publishToInstance(String instanceId, String message) {
        RedisCalls.run(() -> redis.client().publish(redis.keys().instanceChannel(instanceId), message));
    }

    /** Publishes to every instance. */
    public void publishToAll(String message) {
        RedisCalls.run(() -> redis.client().publish(redis.keys().broadcastChannel(), message));
    }

    /** The channels an instance listens on: its own and the broadcast channel. */
    public List<String> channelsOf(String instanceId) {
        return new ArrayList<>(List.of(redis.keys().instanceChannel(instanceId), redis.keys().broadcastChannel()));
    }
}
