package dev.jakartamesh.store;

import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.MeshException;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One pub/sub subscription on a connection of its own (no read timeout, so an idle channel is not an
 * error). {@link #run} blocks until {@link #stop} or until the connection fails; {@link #ping} lets
 * a timer detect a dead connection.
 */
public final class Subscription {

    private static final Logger LOG = Logger.getLogger(Subscription.class.getName());

    private final RedisProvider redis;
    private final List<String> channels;
    private final BiConsumer<String, String> onMessage;
    private final Runnable onSubscribed;
    private volatile JedisPubSub pubSub;
    private volatile boolean stopped;

    Subscription(RedisProvider redis, List<String> channels, BiConsumer<String, String> onMessage, Runnable onSubscribed) {
        this.redis = redis;
        this.channels = channels;
        this.onMessage = onMessage;
        this.onSubscribed = onSubscribed;
    }

    /**
     * Subscribes and delivers messages until stopped.
     *
     * @throws MeshException {@code EUNAVAILABLE} when the connection fails or cannot be made
     */
    public void run() {
        if (stopped) {
            return;
        }
        JedisClientConfig base = redis.clientConfig();
        JedisClientConfig config = DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(base.getConnectionTimeoutMillis())
            .socketTimeoutMillis(0)
            .user(base.getUser())
            .password(base.getPassword())
            .ssl(base.isSsl())
            .clientName("jakarta-mesh-subscriber")
            .autoNegotiateProtocol(false)
            .build();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                try {
                    onMessage.accept(channel, message);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "handling a message on " + channel + " failed", e);
                }
            }

            @Override
            public void onSubscribe(String channel, int subscribedChannels) {
                if (subscribedChannels == channels.size()) {
                    onSubscribed.run();
                }
            }
        };
        try (Jedis jedis = new Jedis(redis.address(), config)) {
            pubSub = listener;
            if (stopped) {
                return;
            }
            jedis.subscribe(listener, channels.toArray(String[]::new));
        } catch (JedisException e) {
            if (!stopped) {
                throw new MeshException(ErrorCode.EUNAVAILABLE, "the subscription to Redis failed", e);
            }
        } finally {
            pubSub = null;
        }
    }

    /** Sends a PING on the subscribed connection, so that a dead connection fails {@link #run}. */
    public void ping() {
        JedisPubSub current = pubSub;
        if (current != null && current.isSubscribed()) {
            try {
                current.ping();
            } catch (JedisException e) {
                LOG.log(Level.FINE, "subscriber ping failed", e);
            }
        }
    }

    /** Ends the subscription; {@link #run} returns. */
    public void stop() {
        stopped = true;
        JedisPubSub current = pubSub;
        if (current != null && current.isSubscribed()) {
            try {
                current.unsubscribe();
            } catch (JedisException e) {
                LOG.log(Level.FINE, "unsubscribe failed", e);
            }
        }
    }

    public boolean isStopped() {
        return stopped;
    }
}
