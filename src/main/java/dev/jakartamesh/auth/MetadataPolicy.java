package dev.jakartamesh.auth;

import java.util.Set;

/**
 * Decides what clients may do with connection metadata through the built-in commands. Server code
 * using the managers is never restricted. The default ({@link DefaultMetadataPolicy}) lets any
 * client read any connection's metadata, as mesh does, so metadata must not hold secrets; replace
 * it with an {@code @Alternative @Priority} bean implementing this interface. A denial answers
 * {@code EFORBIDDEN}.
 */
public interface MetadataPolicy {

    /** Whether {@code readerId} may read {@code targetId}'s metadata with {@code mesh/get-connection-metadata}. */
    default boolean mayRead(String readerId, String targetId) {
        return true;
    }

    /** Whether the client of {@code connectionId} may write its own metadata at all. */
    default boolean mayWrite(String connectionId) {
        return true;
    }

    /**
     * Top-level keys of {@code connectionId}'s metadata that its client may not write. The keys the
     * authenticator set are protected as well, whatever this returns.
     */
    default Set<String> serverOwnedKeys(String connectionId) {
        return Set.of();
    }
}
