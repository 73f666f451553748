package dev.jakartamesh.it;

import dev.jakartamesh.auth.DefaultMetadataPolicy;
import dev.jakartamesh.auth.MetadataPolicy;
import dev.jakartamesh.connection.ConnectionManager;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.JsonObject;
import java.util.Set;

/** Guests may not read other connections' metadata, nor write their own; server-owned keys as configured. */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 10)
public class TestPolicy implements MetadataPolicy {

    @Inject
    ConnectionManager connections;

    @Inject
    DefaultMetadataPolicy defaults;

    private boolean isGuest(String connectionId) {
        return connections.getMetadata(connectionId) instanceof JsonObject metadata && "guest".equals(metadata.getString("user", null));
    }

    @Override
    public boolean mayRead(String readerId, String targetId) {
        return !isGuest(readerId);
    }

    @Override
    public boolean mayWrite(String connectionId) {
        return !isGuest(connectionId);
    }

    @Override
    public Set<String> serverOwnedKeys(String connectionId) {
        return defaults.serverOwnedKeys(connectionId);
    }
}
