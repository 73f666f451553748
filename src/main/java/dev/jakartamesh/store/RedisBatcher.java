package dev.jakartamesh.store;

import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.MeshException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.PipeliningBase;
import redis.clients.jedis.Response;

/**
 * Automatic pipelining: single-command calls from many threads (one per WebSocket message being
 * handled) share one Redis connection. A caller queues its command; whichever caller holds the
 * connection sends everything queued as one pipeline and completes every caller from the replies
 * (flat combining). Under load a pipeline holds the commands of many connections, so Redis and
 * this server pay one write and one read per batch instead of per command; a caller alone sends
 * its own command at once, with no thread hand-off.
 *
 * <p>Commands of one caller keep their order: a caller waits for its reply before it sends its
 * next command, and a pipeline runs in the order it was written.
 */
final class RedisBatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisBatcher.class.getName());
    private static final int MAX_BATCH = 512;

    private record Call<T>(Function<PipeliningBase, Response<T>> command, CompletableFuture<T> reply) {
        Runnable append(Pipeline pipeline) {
            Response<T> response = command.apply(pipeline);
            return () -> {
                try {
                    reply.complete(response.get());
                } catch (RuntimeException e) {
                    reply.completeExceptionally(e);
                }
            };
        }
    }

    private final Supplier<Connection> connections;
    private final int timeoutMillis;
    private final ConcurrentLinkedQueue<Call<?>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock sending = new ReentrantLock();
    private volatile boolean closed;
    private Connection connection;

    RedisBatcher(Supplier<Connection> connections, int timeoutMillis) {
        this.connections = connections;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Runs one command in the next pipeline and returns its reply. Jedis failures are thrown as
     * they are, for {@link RedisCalls} to translate; no reply within twice the timeout is
     * {@code EUNAVAILABLE}.
     */
    <T> T call(Function<PipeliningBase, Response<T>> command) {
        if (closed) {
            throw new MeshException(ErrorCode.EUNAVAILABLE, "the store is closing");
        }
        CompletableFuture<T> reply = new CompletableFuture<>();
        queue.add(new Call<>(command, reply));
        // Whoever releases the connection looks at the queue again, so a command queued while
        // another caller sends is always picked up, by that caller or by the next one.
        while (!queue.isEmpty() && sending.tryLock()) {
            try {
                sendQueued();
            } finally {
                sending.unlock();
            }
        }
        try {
            return reply.get(timeoutMillis * 2L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new MeshException(ErrorCode.ESERVER, "the store failed", e.getCause());
        } catch (TimeoutException e) {
            throw new MeshException(ErrorCode.EUNAVAILABLE, "the store did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshException(ErrorCode.EUNAVAILABLE, "interrupted while waiting for the store", e);
        }
    }

    private void sendQueued() {
        List<Call<?>> batch = new ArrayList<>();
        Call<?> call;
        while (batch.size() < MAX_BATCH && (call = queue.poll()) != null) {
            batch.add(call);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            if (connection == null) {
                connection = connections.get();
            }
            Pipeline pipeline = new Pipeline(connection);
            List<Runnable> completions = new ArrayList<>(batch.size());
            for (Call<?> queued : batch) {
                completions.add(queued.append(pipeline));
            }
            pipeline.sync();
            completions.forEach(Runnable::run);
        } catch (RuntimeException e) {
            // The batch did not complete, so the connection's state is unknown: every call of the
            // batch fails with the cause as it is (RedisCalls makes a broken connection
            // EUNAVAILABLE), and the next batch connects again.
            LOG.log(Level.FINE, "a Redis pipeline failed", e);
            batch.forEach(failed -> failed.reply().completeExceptionally(e));
            disconnect();
        }
    }

    private void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing a broken Redis connection", e);
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        Call<?> call;
        while ((call = queue.poll()) != null) {
            call.reply().completeExceptionally(new MeshException(ErrorCode.EUNAVAILABLE, "the store is closing"));
        }
        sending.lock();
        try {
            disconnect();
        } finally {
            sending.unlock();
        }
    }
}
