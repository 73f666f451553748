package dev.jakartamesh.store;

import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.MeshException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/** Runs a Redis call and turns Jedis failures into the protocol's errors, so no Jedis type leaves the store. */
final class RedisCalls {

    private static final Logger LOG = Logger.getLogger(RedisCalls.class.getName());

    private RedisCalls() {
    }

    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (JedisConnectionException e) {
            LOG.log(Level.FINE, "Redis unreachable", e);
            throw new MeshException(ErrorCode.EUNAVAILABLE, "the store is unavailable", e);
        } catch (JedisException e) {
            if (isPoolTimeout(e)) {
                throw new MeshException(ErrorCode.EUNAVAILABLE, "the store is unavailable", e);
            }
            LOG.log(Level.WARNING, "Redis call failed", e);
            throw new MeshException(ErrorCode.ESERVER, "the store failed", e);
        }
    }

    static void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    private static boolean isPoolTimeout(JedisException e) {
        return e.getCause() instanceof java.util.NoSuchElementException;
    }
}
