package dev.jakartamesh.cluster;

import dev.jakartamesh.config.MeshConfig;
import dev.jakartamesh.event.MeshEvents;
import dev.jakartamesh.event.RoomLeft;
import dev.jakartamesh.protocol.MeshException;
import dev.jakartamesh.store.ClusterStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes what crashed instances left behind. Every {@code mesh.instance.sweep-interval-ms}, the
 * instance that takes the sweeper lock ({@code SET NX PX}) purges every registered instance whose
 * heartbeat has expired: its connections, their metadata and their room memberships.
 */
@ApplicationScoped
public class Sweeper {

    private static final Logger LOG = Logger.getLogger(Sweeper.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    MeshConfig config;

    @Inject
    ClusterStore cluster;

    @Inject
    InstanceIdentity instance;

    @Inject
    MeshEvents events;

    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        long interval = config.sweepIntervalMillis();
        task = scheduler.scheduleAtFixedRate(this::sweepQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        if (task != null) {
            task.cancel(false);
        }
    }

    /**
     * Sweeps now if no other instance holds the sweeper lock.
     *
     * @return the number of dead instances purged
     */
    public int sweep() {
        if (!cluster.tryLockSweeper(instance.id(), config.sweepIntervalMillis())) {
            return 0;
        }
        int purged = 0;
        for (Map.Entry<String, Boolean> entry : cluster.instances().entrySet()) {
            if (!entry.getValue() && !entry.getKey().equals(instance.id())) {
                int connections = purgeInstance(entry.getKey());
                LOG.info(() -> "purged dead instance " + entry.getKey() + " and its " + connections + " connections");
                purged++;
            }
        }
        return purged;
    }

    /**
     * Removes one instance's entries from Redis: its connections with their metadata and room
     * memberships, and its registration. Meant for instances that are gone; a live instance would
     * register itself again at its next heartbeat but lose its connections' entries.
     *
     * @return the number of connections removed
     */
    public int purgeInstance(String instanceId) {
        Map<String, List<String>> removed = cluster.purgeInstance(instanceId);
        removed.forEach((connection, rooms) -> rooms.forEach(room -> events.fire(new RoomLeft(room, connection))));
        return removed.size();
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (MeshException | IllegalStateException e) {
            LOG.log(Level.FINE, "sweep skipped: " + e.getMessage());
        }
    }
}
