package dev.jakartamesh.connection;

import dev.jakartamesh.cluster.InstanceIdentity;
import dev.jakartamesh.protocol.MeshException;
import dev.jakartamesh.store.ClusterStore;
import dev.jakartamesh.store.ConnectionStore;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens and closes the connections of this instance: registers each in Redis before it is
 * announced to its client, and removes it (metadata and rooms included) exactly once when it goes,
 * whichever way it goes. At application shutdown it closes every local socket with 1001 and
 * removes all of this instance's connections in one round trip.
 */
@ApplicationScoped
public class ConnectionRegistry {

    /** The close code used when the server stops. */
    public static final int GOING_AWAY = 1001;

    /** Runs after the heartbeat has stopped, so nothing registers this instance again. */
    static final int SHUTDOWN_PRIORITY = 100;

    private static final Logger LOG = Logger.getLogger(ConnectionRegistry.class.getName());

    @Inject
    LocalConnections local;

    @Inject
    ConnectionStore store;

    @Inject
    ClusterStore cluster;

    @Inject
    InstanceIdentity instance;

    /**
     * Registers a new connection over {@code transport}.
     *
     * @throws MeshException ({@code EUNAVAILABLE}) when Redis cannot be reached
     */
    public LocalConnection open(Transport transport) {
        LocalConnection connection = new LocalConnection(UUID.randomUUID().toString(), transport);
        store.register(connection.id(), instance.id(), "null");
        local.add(connection);
        return connection;
    }

    /** Forgets a connection, here and in Redis. Safe to call any number of times, from any thread. */
    public void closed(LocalConnection connection) {
        if (connection == null || !connection.markClosed()) {
            return;
        }
        local.remove(connection);
        try {
            store.remove(connection.id(), instance.id());
        } catch (MeshException e) {
            LOG.log(Level.WARNING, "could not remove connection " + connection.id() + " from Redis: " + e.getMessage(), e);
        }
    }

    /**
     * At application stop (after the heartbeat has stopped): closes every local socket with 1001,
     * then removes all of this instance's entries from Redis at once.
     */
    void shutdown(@Observes @Priority(SHUTDOWN_PRIORITY) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        for (LocalConnection connection : List.copyOf(local.all())) {
            if (connection.markClosed()) {
                local.remove(connection);
                connection.close(GOING_AWAY, "server shutting down");
            }
        }
        try {
            int removed = cluster.purgeInstance(instance.id());
            LOG.info(() -> "removed instance " + instance.id() + " and its " + removed + " connections from Redis");
        } catch (MeshException e) {
            LOG.log(Level.WARNING, "could not remove this instance's entries from Redis at shutdown", e);
        }
    }
}
