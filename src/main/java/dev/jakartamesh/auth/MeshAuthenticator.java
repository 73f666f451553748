package dev.jakartamesh.auth;

/**
 * Decides who may open a connection. Implement it in one CDI bean of the application (an
 * {@code @Alternative @Priority} bean wins over another); it sees every WebSocket upgrade request to
 * {@code /mesh} before the handshake. Without one, every connection is accepted with no metadata.
 *
 * <pre>
 * &#64;ApplicationScoped
 * public class TokenAuthenticator implements MeshAuthenticator {
 *     public AuthDecision authenticate(UpgradeRequest request) {
 *         String token = request.queryParameter("token");
 *         if (token == null) return AuthDecision.unauthorized("token required");
 *         User user = users.byToken(token);
 *         return user == null ? AuthDecision.forbidden("unknown token")
 *                             : AuthDecision.accept(Map.of("userId", user.id(), "role", user.role()));
 *     }
 * }
 * </pre>
 *
 * A rejected client sees a failed handshake with that HTTP status. An authenticator that throws
 * rejects the handshake with 500, and the failure is logged.
 */
public interface MeshAuthenticator {

    /** Accepts (with the connection's initial metadata) or rejects an upgrade request. */
    AuthDecision authenticate(UpgradeRequest request);
}
