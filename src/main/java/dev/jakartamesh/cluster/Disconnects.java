package dev.jakartamesh.cluster;

import dev.jakartamesh.connection.ConnectionRegistry;
import dev.jakartamesh.connection.LocalConnection;
import dev.jakartamesh.connection.LocalConnections;
import dev.jakartamesh.store.ClusterStore;
import dev.jakartamesh.store.ConnectionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Closes a connection wherever it lives: locally at once, on another live instance through its
 * channel (that instance closes the socket and cleans up), and for an instance that is gone, by
 * removing the connection's entries directly.
 */
@ApplicationScoped
public class Disconnects {

    /** The close code a client sees when server code disconnects it. */
    public static final int CLOSE_CODE = 4000;

    @Inject
    LocalConnections local;

    @Inject
    ConnectionRegistry registry;

    @Inject
    ClusterStore cluster;

    @Inject
    ConnectionStore connections;

    @Inject
    ClusterBus bus;

    /**
     * Disconnects a connection on any instance.
     *
     * @return {@code false} when no such connection is registered
     */
    public boolean disconnect(String connectionId, String reason) {
        LocalConnection connection = local.get(connectionId);
        if (connection != null) {
            connection.close(CLOSE_CODE, reason);
            registry.closed(connection, CLOSE_CODE, reason);
            return true;
        }
        String owner = cluster.ownersOf(List.of(connectionId)).get(connectionId);
        if (owner == null) {
            return false;
        }
        if (cluster.isAlive(owner)) {
            bus.disconnect(owner, connectionId, reason);
        } else {
            connections.remove(connectionId, owner);
        }
        return true;
    }
}
