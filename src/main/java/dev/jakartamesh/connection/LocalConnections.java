package dev.jakartamesh.connection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The connections whose sockets are open on this instance. */
@ApplicationScoped
public class LocalConnections {

    private final ConcurrentHashMap<String, LocalConnection> byId = new ConcurrentHashMap<>();

    void add(LocalConnection connection) {
        byId.put(connection.id(), connection);
    }

    void remove(LocalConnection connection) {
        byId.remove(connection.id(), connection);
    }

    /** The local connection with this id, or {@code null}. */
    public LocalConnection get(String id) {
        return byId.get(id);
    }

    /** A live view of the local connections. */
    public Collection<LocalConnection> all() {
        return Collections.unmodifiableCollection(byId.values());
    }

    /** The ids of the local connections, as a snapshot. */
    public Set<String> ids() {
        return Set.copyOf(byId.keySet());
    }

    public int size() {
        return byId.size();
    }
}
