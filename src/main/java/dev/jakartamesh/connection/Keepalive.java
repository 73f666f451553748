package dev.jakartamesh.connection;

import dev.jakartamesh.config.MeshConfig;
import dev.jakartamesh.protocol.FrameCodec;
import dev.jakartamesh.protocol.JsonP;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pings every local connection and closes those that stop answering; measures each connection's
 * latency with {@code latency:request} and reports it with a {@code latency} push. Runs on the
 * container's managed scheduled executor.
 */
@ApplicationScoped
public class Keepalive {

    /** The close code for a connection that missed too many pongs. */
    public static final int MISSED_PONGS = 4001;

    private static final Logger LOG = Logger.getLogger(Keepalive.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    MeshConfig config;

    @Inject
    LocalConnections local;

    @Inject
    ConnectionRegistry registry;

    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private final FrameCodec codec = FrameCodec.UNLIMITED;
    private String pingFrame;
    private String latencyRequestFrame;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        pingFrame = codec.encode(null, "ping", JsonValue.EMPTY_JSON_OBJECT);
        latencyRequestFrame = codec.encode(null, "latency:request", JsonValue.EMPTY_JSON_OBJECT);
        long ping = config.pingIntervalMillis();
        long latency = config.latencyIntervalMillis();
        synchronized (tasks) {
            tasks.add(scheduler.scheduleAtFixedRate(guarded(this::pingAll), ping, ping, TimeUnit.MILLISECONDS));
            tasks.add(scheduler.scheduleAtFixedRate(guarded(this::requestLatencyAll), latency, latency, TimeUnit.MILLISECONDS));
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        synchronized (tasks) {
            tasks.forEach(task -> task.cancel(false));
            tasks.clear();
        }
    }

    /** Called when a connection answers a ping. */
    public void pong(LocalConnection connection) {
        connection.pongReceived();
    }

    /** Called when a connection answers a latency request: pushes the measured round trip in ms. */
    public void latencyResponse(LocalConnection connection) {
        long requestedAt = connection.takeLatencyRequest();
        if (requestedAt != 0) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - requestedAt);
            connection.send(codec.encode(null, "latency", JsonP.createValue(millis)));
        }
    }

    private void pingAll() {
        for (LocalConnection connection : local.all()) {
            if (connection.pingTick() > config.maxMissedPongs()) {
                LOG.fine(() -> "closing " + connection.id() + ": missed pongs");
                connection.close(MISSED_PONGS, "missed pongs");
                registry.closed(connection, MISSED_PONGS, "missed pongs");
            } else {
                connection.send(pingFrame);
            }
        }
    }

    private void requestLatencyAll() {
        for (LocalConnection connection : local.all()) {
            connection.latencyRequested(System.nanoTime());
            connection.send(latencyRequestFrame);
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "keepalive tick failed", e);
            }
        };
    }
}
