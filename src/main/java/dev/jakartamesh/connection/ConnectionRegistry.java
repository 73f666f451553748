package dev.jakartamesh.connection;

import dev.jakartamesh.cluster.InstanceIdentity;
import dev.jakartamesh.protocol.MeshException;
import dev.jakartamesh.store.ClusterStore;
import dev.jakartamesh.store.ConnectionStore;
import dev.jakartamesh.config.MeshConfig;
import dev.jakartamesh.event.ConnectionClosed;
import dev.jakartamesh.event.ConnectionOpened;
import dev.jakartamesh.event.MeshEvents;
import dev.jakartamesh.event.RoomLeft;
import dev.jakartamesh.metadata.MetadataCodec;
import jakarta.annotation.Priority;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    MetadataCodec codec;

    @Inject
    MeshEvents events;

    @Inject
    MeshConfig config;

    @Inject
    InstanceIdentity instance;

    /**
     * Registers a new connection over {@code transport} with its initial metadata (from the
     * authenticator; {@link JsonValue#NULL} for none), whose top-level keys become server-owned.
     *
     * @throws MeshException ({@code EUNAVAILABLE}) when Redis cannot be reached, {@code EMETADATASIZE}
     *                       when the initial metadata is too large
     */
    public LocalConnection open(Transport transport, JsonValue initialMetadata) {
        Set<String> ownedKeys = initialMetadata instanceof JsonObject object ? Set.copyOf(object.keySet()) : Set.of();
        LocalConnection connection = new LocalConnection(UUID.randomUUID().toString(), transport, ownedKeys,
            new TokenBucket(config.commandsPerSecond(), config.commandBurst(), System.nanoTime()),
            config.sendBufferBytes(), config.sendBufferGraceMillis(), this::overflowed);
        String metadata = codec.toStoredText(initialMetadata);
        store.register(connection.id(), instance.id(), metadata);
        connection.metadataStored(metadata);
        local.add(connection);
        events.fire(new ConnectionOpened(connection.id(), initialMetadata));
        return connection;
    }

    /** The close code for a connection whose send buffer overflowed. */
    public static final int SEND_BUFFER_FULL = 1013;

    private void overflowed(LocalConnection connection) {
        LOG.info(() -> "closing " + connection.id() + ": it stopped reading and its send buffer is full");
        connection.close(SEND_BUFFER_FULL, "send buffer full");
        closed(connection, SEND_BUFFER_FULL, "send buffer full");
    }

    /**
     * Registers every local connection again, with the metadata and rooms this instance stored for
     * it: for a Redis that came back empty. Returns how many were registered.
     */
    public int reregisterAll() {
        List<ConnectionStore.Snapshot> snapshots = new ArrayList<>();
        for (LocalConnection connection : local.all()) {
            if (!connection.isClosed()) {
                snapshots.add(new ConnectionStore.Snapshot(connection.id(), connection.storedMetadata(), connection.storedRooms()));
            }
        }
        store.reregister(snapshots, instance.id());
        return snapshots.size();
    }

    /**
     * Forgets a connection, here and in Redis, and tells observers which rooms it left. Safe to
     * call any number of times, from any thread: only the first call does anything.
     */
    public void closed(LocalConnection connection, int closeCode, String reason) {
        if (connection == null || !connection.markClosed()) {
            return;
        }
        local.remove(connection);
        List<String> rooms = List.of();
        try {
            List<String> left = store.remove(connection.id(), instance.id());
            rooms = left == null ? List.of() : left;
        } catch (MeshException e) {
            LOG.log(Level.WARNING, "could not remove connection " + connection.id() + " from Redis: " + e.getMessage(), e);
        }
        for (String room : rooms) {
            events.fire(new RoomLeft(room, connection.id()));
        }
        events.fire(new ConnectionClosed(connection.id(), closeCode, reason == null ? "" : reason));
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
            Map<String, List<String>> removed = cluster.purgeInstance(instance.id());
            removed.forEach((connection, rooms) -> rooms.forEach(room -> events.fire(new RoomLeft(room, connection))));
            LOG.info(() -> "removed instance " + instance.id() + " and its " + removed.size() + " connections from Redis");
        } catch (MeshException e) {
            LOG.log(Level.WARNING, "could not remove this instance's entries from Redis at shutdown", e);
        }
    }
}
