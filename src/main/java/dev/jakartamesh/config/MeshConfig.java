package dev.jakartamesh.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings of Jakarta Mesh, read through MicroProfile Config. Each key can be overridden by a
 * system property or an environment variable ({@code mesh.redis.url} becomes {@code MESH_REDIS_URL}).
 * The defaults live in {@code META-INF/microprofile-config.properties}.
 */
@ApplicationScoped
public class MeshConfig {

    @Inject @ConfigProperty(name = "mesh.redis.url")
    Optional<String> redisUrl;

    @Inject @ConfigProperty(name = "mesh.redis.prefix", defaultValue = "mesh:")
    String redisPrefix;

    @Inject @ConfigProperty(name = "mesh.redis.timeout-ms", defaultValue = "2000")
    int redisTimeoutMillis;

    @Inject @ConfigProperty(name = "mesh.redis.pool-size", defaultValue = "64")
    int redisPoolSize;

    @Inject @ConfigProperty(name = "mesh.redis.pipelining", defaultValue = "true")
    boolean redisPipelining;

    @Inject @ConfigProperty(name = "mesh.ping.interval-ms", defaultValue = "30000")
    long pingIntervalMillis;

    @Inject @ConfigProperty(name = "mesh.ping.max-missed", defaultValue = "1")
    int maxMissedPongs;

    @Inject @ConfigProperty(name = "mesh.latency.interval-ms", defaultValue = "5000")
    long latencyIntervalMillis;

    @Inject @ConfigProperty(name = "mesh.limits.frame-bytes", defaultValue = "65536")
    int maxFrameBytes;

    @Inject @ConfigProperty(name = "mesh.limits.metadata-bytes", defaultValue = "16384")
    int maxMetadataBytes;

    @Inject @ConfigProperty(name = "mesh.limits.json-depth", defaultValue = "32")
    int maxJsonDepth;

    @Inject @ConfigProperty(name = "mesh.limits.room-name-length", defaultValue = "256")
    int maxRoomNameLength;

    @Inject @ConfigProperty(name = "mesh.limits.rooms-per-connection", defaultValue = "100")
    int maxRoomsPerConnection;

    @Inject @ConfigProperty(name = "mesh.limits.commands-per-second", defaultValue = "100")
    int commandsPerSecond;

    @Inject @ConfigProperty(name = "mesh.limits.command-burst", defaultValue = "200")
    int commandBurst;

    @Inject @ConfigProperty(name = "mesh.limits.send-buffer-bytes", defaultValue = "1048576")
    int sendBufferBytes;

    @Inject @ConfigProperty(name = "mesh.limits.send-buffer-grace-ms", defaultValue = "5000")
    long sendBufferGraceMillis;

    @Inject @ConfigProperty(name = "mesh.rooms.defaults", defaultValue = "{}")
    String defaultRooms;

    @Inject @ConfigProperty(name = "mesh.metadata.server-owned-keys")
    Optional<String> serverOwnedKeys;

    @Inject @ConfigProperty(name = "mesh.instance.heartbeat-ttl-ms", defaultValue = "30000")
    long heartbeatTtlMillis;

    @Inject @ConfigProperty(name = "mesh.instance.heartbeat-interval-ms", defaultValue = "10000")
    long heartbeatIntervalMillis;

    @Inject @ConfigProperty(name = "mesh.instance.sweep-interval-ms", defaultValue = "15000")
    long sweepIntervalMillis;

    /** The Redis URL ({@code redis://}, {@code rediss://}, with user, password and database), if one is configured. */
    public Optional<String> redisUrl() {
        return redisUrl.map(String::trim).filter(url -> !url.isEmpty());
    }

    /** The prefix of every Redis key this server writes. */
    public String redisPrefix() {
        return redisPrefix;
    }

    /** How long a Redis command may take, and how long to wait for a pooled connection, in milliseconds. */
    public int redisTimeoutMillis() {
        return redisTimeoutMillis;
    }

    /** The most Redis connections this instance holds. */
    public int redisPoolSize() {
        return redisPoolSize;
    }

    /** Whether the commands of concurrent connections share pipelines on one Redis connection. */
    public boolean redisPipelining() {
        return redisPipelining;
    }

    /** How often the server pings each connection, in milliseconds. */
    public long pingIntervalMillis() {
        return pingIntervalMillis;
    }

    /** How many pings in a row may go unanswered before the connection is closed. */
    public int maxMissedPongs() {
        return maxMissedPongs;
    }

    /** How often the server measures each connection's latency, in milliseconds. */
    public long latencyIntervalMillis() {
        return latencyIntervalMillis;
    }

    /** The largest text frame answered normally, in UTF-8 bytes. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** The largest metadata value of a connection or room, in UTF-8 bytes of its JSON text. */
    public int maxMetadataBytes() {
        return maxMetadataBytes;
    }

    /** The deepest nesting of arrays and objects accepted in a frame. */
    public int maxJsonDepth() {
        return maxJsonDepth;
    }

    /** The longest room name, in characters. */
    public int maxRoomNameLength() {
        return maxRoomNameLength;
    }

    /** Top-level connection metadata keys that only server code may write (comma-separated setting). */
    public java.util.Set<String> serverOwnedKeys() {
        return java.util.Arrays.stream(serverOwnedKeys.orElse("").split(","))
            .map(String::trim).filter(key -> !key.isEmpty())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** How long an instance counts as alive after its last heartbeat, in milliseconds. */
    public long heartbeatTtlMillis() {
        return heartbeatTtlMillis;
    }

    /** How often an instance refreshes its heartbeat, in milliseconds. */
    public long heartbeatIntervalMillis() {
        return heartbeatIntervalMillis;
    }

    /** How often an instance tries to sweep dead instances, in milliseconds. */
    public long sweepIntervalMillis() {
        return sweepIntervalMillis;
    }

    /** The most rooms one connection may be in. */
    public int maxRoomsPerConnection() {
        return maxRoomsPerConnection;
    }

    /** The sustained rate of commands one connection may send. */
    public int commandsPerSecond() {
        return commandsPerSecond;
    }

    /** How many commands one connection may send at once after being idle. */
    public int commandBurst() {
        return commandBurst;
    }

    /** The most bytes of frames waiting to be sent to one connection; past it the connection is closed. */
    public int sendBufferBytes() {
        return sendBufferBytes;
    }

    /** How long a connection's send buffer may stay over its bound before the connection is closed. */
    public long sendBufferGraceMillis() {
        return sendBufferGraceMillis;
    }

    /** A JSON object of room name to metadata: the rooms created at deployment when they do not exist yet. */
    public String defaultRooms() {
        return defaultRooms;
    }
}
