package dev.jakartamesh.it;

import java.net.URI;
import java.util.Set;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Reads the test Redis directly, to see what the server stored (or left behind). */
public final class RedisProbe implements AutoCloseable {

    private final RedisClient redis = RedisClient.create(URI.create(ItConfig.redisUrl()));
    private final String prefix;

    /** Reads the keys of the test deployments (the build's prefix). */
    public RedisProbe() {
        this(ItConfig.redisPrefix());
    }

    /** Reads the keys under another prefix. */
    public RedisProbe(String prefix) {
        this.prefix = prefix;
    }

    public String key(String name) {
        return prefix + name;
    }

    public boolean hexists(String key, String field) {
        return redis.hexists(key(key), field);
    }

    public String hget(String key, String field) {
        return redis.hget(key(key), field);
    }

    public boolean sismember(String key, String member) {
        return redis.sismember(key(key), member);
    }

    public Set<String> smembers(String key) {
        return redis.smembers(key(key));
    }

    public boolean exists(String key) {
        return redis.exists(key(key));
    }

    /** Whether nothing of this connection is left in Redis: registration, metadata, its rooms, and room memberships. */
    public boolean leftNothingOf(String connectionId, String... rooms) {
        return leftNothingOfQuick(connectionId, rooms) && !isInAnyInstanceSet(connectionId);
    }

    /** Like {@link #leftNothingOf}, without scanning the instance sets: for many ids at once. */
    public boolean leftNothingOfQuick(String connectionId, String... rooms) {
        if (hexists("connections", connectionId) || hexists("connection-metadata", connectionId)
            || exists("connection:" + connectionId + ":rooms")) {
            return false;
        }
        for (String room : rooms) {
            if (sismember("room:" + room + ":members", connectionId)) {
                return false;
            }
        }
        return true;
    }

    private boolean isInAnyInstanceSet(String connectionId) {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams match = new ScanParams().match(prefix + "instance:*:connections").count(500);
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            for (String key : page.getResult()) {
                if (redis.sismember(key, connectionId)) {
                    return true;
                }
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return false;
    }

    /** Writes a connection of a made-up instance the way the server registers one, in one room. */
    public void plantConnection(String instanceId, String connectionId, String room) {
        redis.sadd(key("instances"), instanceId);
        redis.hset(key("connections"), connectionId, instanceId);
        redis.hset(key("connection-metadata"), connectionId, "{\"planted\":true}");
        redis.sadd(key("instance:" + instanceId + ":connections"), connectionId);
        redis.sadd(key("rooms"), room);
        redis.sadd(key("room:" + room + ":members"), connectionId);
        redis.sadd(key("connection:" + connectionId + ":rooms"), room);
    }

    /** How many subscribers a channel (named without the prefix) has. */
    public long subscribers(String channel) {
        java.util.List<?> reply = (java.util.List<?>) redis.sendCommand(Protocol.Command.PUBSUB, "NUMSUB", key(channel));
        return (Long) reply.get(1);
    }

    /** Publishes a raw message on a channel (named without the prefix). */
    public void publish(String channel, String message) {
        redis.publish(key(channel), message);
    }

    /** Polls, bounded, until the condition holds; returns whether it did. */
    public static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + MeshTestClient.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(25);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        redis.close();
    }
}
