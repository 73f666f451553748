package dev.jakartamesh.auth;

import dev.jakartamesh.config.MeshConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The default policy: every client reads every connection's metadata and writes its own, except the
 * keys listed in {@code mesh.metadata.server-owned-keys} (and those its authenticator set).
 */
@ApplicationScoped
public class DefaultMetadataPolicy implements MetadataPolicy {

    @Inject
    MeshConfig config;

    @Override
    public Set<String> serverOwnedKeys(String connectionId) {
        return config.serverOwnedKeys();
    }
}
