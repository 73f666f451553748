package dev.jakartamesh.auth;

import dev.jakartamesh.metadata.MetadataCodec;
import dev.jakartamesh.protocol.MeshException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the application's {@link MeshAuthenticator}, if it has one, and hands an accepted
 * connection's initial metadata from the handshake filter to the endpoint of the same upgrade.
 */
@ApplicationScoped
public class HandshakeAuthentication {

    private static final Logger LOG = Logger.getLogger(HandshakeAuthentication.class.getName());
    private static final ThreadLocal<JsonValue> ACCEPTED = new ThreadLocal<>();

    @Inject
    Instance<MeshAuthenticator> authenticators;

    @Inject
    MetadataCodec codec;

    /**
     * The decision for one upgrade request, with the metadata already as JSON; empty when no
     * authenticator is installed.
     */
    Optional<AuthDecision> decide(UpgradeRequest request) {
        if (authenticators.isUnsatisfied()) {
            return Optional.empty();
        }
        try {
            return Optional.of(authenticators.get().authenticate(request));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the authenticator failed; the handshake is refused", e);
            throw e;
        }
    }

    JsonValue toJson(Object metadata) {
        try {
            return codec.toJsonValue(metadata);
        } catch (MeshException e) {
            throw new IllegalStateException("the authenticator's metadata is not JSON-B-mappable", e);
        }
    }

    static void holdForHandshake(JsonValue metadata) {
        ACCEPTED.set(metadata);
    }

    static void release() {
        ACCEPTED.remove();
    }

    /** The initial metadata that the filter accepted for the upgrade on this thread, or {@code null}. */
    public static JsonValue acceptedMetadata() {
        return ACCEPTED.get();
    }
}
