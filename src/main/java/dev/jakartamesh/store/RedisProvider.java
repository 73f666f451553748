package dev.jakartamesh.store;

import dev.jakartamesh.config.MeshConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Logger;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.PipeliningBase;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Owns the application's one pooled Redis client, built from {@code mesh.redis.url}. With no URL
 * configured it starts an embedded Redis server first, and stops it at shutdown.
 */
@ApplicationScoped
public class RedisProvider {

    private static final Logger LOG = Logger.getLogger(RedisProvider.class.getName());

    @Inject
    MeshConfig config;

    private RedisClient client;
    private URI uri;
    private EmbeddedRedis embedded;
    private KeySchema keys;
    private Scripts scripts;
    private RedisBatcher batcher;

    @PostConstruct
    void open() {
        String url = config.redisUrl().orElseGet(this::startEmbedded);
        uri = URI.create(url);
        client = create(uri, config.redisTimeoutMillis(), config.redisPoolSize());
        keys = new KeySchema(config.redisPrefix());
        scripts = new Scripts(this);
        if (config.redisPipelining()) {
            HostAndPort address = address();
            JedisClientConfig connectionConfig = clientConfig();
            batcher = new RedisBatcher(() -> new Connection(address, connectionConfig), config.redisTimeoutMillis());
        }
        LOG.info(() -> "Redis at " + redacted(url) + ", key prefix '" + keys.prefix() + "'");
    }

    private String startEmbedded() {
        embedded = EmbeddedRedis.start();
        LOG.warning("No Redis configured (mesh.redis.url / MESH_REDIS_URL): started an embedded Redis on 127.0.0.1:"
            + embedded.port() + ". This is the single-machine default: its data lasts as long as this server, and"
            + " no other instance can share it. Set MESH_REDIS_URL to run several instances.");
        return "redis://127.0.0.1:" + embedded.port();
    }

    static RedisClient create(URI uri, int timeoutMillis, int poolSize) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(Math.min(4, poolSize));
        pool.setMaxWait(Duration.ofMillis(timeoutMillis));
        pool.setBlockWhenExhausted(true);
        return RedisClient.builder()
            .hostAndPort(JedisURIHelper.getHostAndPort(uri))
            .clientConfig(clientConfig(uri, timeoutMillis))
            .poolConfig(pool)
            .build();
    }

    /** The connection settings a Redis URL names: TLS for {@code rediss://}, user, password, database. */
    static JedisClientConfig clientConfig(URI uri, int timeoutMillis) {
        if (!JedisURIHelper.isValid(uri)) {
            throw new IllegalArgumentException("mesh.redis.url must be redis://[[user]:password@]host:port[/db] or rediss://...");
        }
        return DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMillis)
            .socketTimeoutMillis(timeoutMillis)
            .user(JedisURIHelper.getUser(uri))
            .password(JedisURIHelper.getPassword(uri))
            .database(JedisURIHelper.getDBIndex(uri))
            .ssl(JedisURIHelper.isRedisSSLScheme(uri))
            .clientName("jakarta-mesh")
            .build();
    }

    private static String redacted(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    RedisClient client() {
        return client;
    }

    HostAndPort address() {
        return JedisURIHelper.getHostAndPort(uri);
    }

    JedisClientConfig clientConfig() {
        return clientConfig(uri, config.redisTimeoutMillis());
    }

    /** A subscription to {@code channels} on a connection of its own; call {@link Subscription#run} on a thread that may block. */
    public Subscription subscription(List<String> channels, BiConsumer<String, String> onMessage, Runnable onSubscribed) {
        return new Subscription(this, channels, onMessage, onSubscribed);
    }

    KeySchema keys() {
        return keys;
    }

    Scripts scripts() {
        return scripts;
    }

    /**
     * Runs one command: in the next shared pipeline when pipelining is on, else on a pooled
     * connection. Jedis failures are thrown as they are, for {@link RedisCalls}.
     */
    <T> T single(Function<PipeliningBase, Response<T>> command) {
        if (batcher != null) {
            return batcher.call(command);
        }
        try (AbstractPipeline pipeline = client.pipelined()) {
            Response<T> reply = command.apply(pipeline);
            pipeline.sync();
            return reply.get();
        }
    }

    /** {@link #single}, with Jedis failures turned into the protocol's errors. */
    <T> T call(Function<PipeliningBase, Response<T>> command) {
        return RedisCalls.call(() -> single(command));
    }

    /** Whether Redis answers a PING within the timeout. */
    public boolean ping() {
        try {
            return "PONG".equals(client.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Redis connections of the pool in use now. */
    public int poolActive() {
        return client.getPool().getNumActive();
    }

    /** Redis connections of the pool idle now. */
    public int poolIdle() {
        return client.getPool().getNumIdle();
    }

    @PreDestroy
    void close() {
        if (batcher != null) {
            batcher.close();
        }
        if (client != null) {
            client.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
