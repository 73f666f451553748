package dev.jakartamesh.cluster;

import dev.jakartamesh.config.MeshConfig;
import dev.jakartamesh.connection.ConnectionRegistry;
import dev.jakartamesh.protocol.MeshException;
import dev.jakartamesh.store.ClusterStore;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this instance registered in Redis with a heartbeat key whose TTL is
 * {@code mesh.instance.heartbeat-ttl-ms}, refreshed every {@code mesh.instance.heartbeat-interval-ms}.
 * Each beat also pings the pub/sub connection, so a dead subscriber is noticed.
 */
@ApplicationScoped
public class Heartbeat {

    /** Stops before the connection registry removes this instance's entries (priority 100). */
    static final int STOP_PRIORITY = 50;

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    MeshConfig config;

    @Inject
    ClusterStore cluster;

    @Inject
    InstanceIdentity instance;

    @Inject
    ClusterBus bus;

    @Inject
    ConnectionRegistry registry;

    private ScheduledFuture<?> task;
    private volatile boolean failing;
    private volatile boolean registered;
    private volatile long lastBeatMillis;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        beat();
        long interval = config.heartbeatIntervalMillis();
        task = scheduler.scheduleAtFixedRate(this::beat, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes @Priority(STOP_PRIORITY) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** When this instance last refreshed its heartbeat in Redis (epoch ms), 0 if never. */
    public long lastBeatMillis() {
        return lastBeatMillis;
    }

    /** Whether the last heartbeat is younger than the heartbeat TTL: other instances see this one alive. */
    public boolean isAlive() {
        return System.currentTimeMillis() - lastBeatMillis < config.heartbeatTtlMillis();
    }

    private void beat() {
        try {
            boolean wasAlive = cluster.beat(instance.id(), config.heartbeatTtlMillis());
            if (registered && !wasAlive) {
                int count = registry.reregisterAll();
                LOG.warning("this instance's heartbeat was gone from Redis (data lost, or a pause longer than the TTL):"
                    + " registered its " + count + " connections again");
            }
            registered = true;
            lastBeatMillis = System.currentTimeMillis();
            if (failing) {
                LOG.info("heartbeat restored");
                failing = false;
            }
        } catch (MeshException | IllegalStateException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "heartbeat failed: " + e.getMessage());
                failing = true;
            }
        }
        bus.ping();
    }
}
