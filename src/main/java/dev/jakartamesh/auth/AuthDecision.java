package dev.jakartamesh.auth;

/**
 * What a {@link MeshAuthenticator} decides about an upgrade request: accept, with the
 * connection's initial metadata, or reject with an HTTP status.
 */
public final class AuthDecision {

    private final boolean accepted;
    private final Object metadata;
    private final int status;
    private final String message;

    private AuthDecision(boolean accepted, Object metadata, int status, String message) {
        this.accepted = accepted;
        this.metadata = metadata;
        this.status = status;
        this.message = message;
    }

    /** Accepts the connection with no initial metadata. */
    public static AuthDecision accept() {
        return new AuthDecision(true, null, 0, null);
    }

    /**
     * Accepts the connection; {@code metadata} (a JSON-P value or any JSON-B-mappable object)
     * becomes its initial metadata, and its top-level keys are server-owned: the client cannot
     * overwrite them.
     */
    public static AuthDecision accept(Object metadata) {
        return new AuthDecision(true, metadata, 0, null);
    }

    /** Rejects with 401: the client must authenticate. */
    public static AuthDecision unauthorized(String message) {
        return reject(401, message);
    }

    /** Rejects with 403: the client is known and not allowed. */
    public static AuthDecision forbidden(String message) {
        return reject(403, message);
    }

    /** Rejects the handshake with an HTTP status from 400 to 499. */
    public static AuthDecision reject(int status, String message) {
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a rejection takes a 4xx status, not " + status);
        }
        return new AuthDecision(false, null, status, message);
    }

    public boolean accepted() {
        return accepted;
    }

    /** The initial metadata of an accepted connection, or {@code null}. */
    public Object metadata() {
        return metadata;
    }

    /** The HTTP status of a rejection. */
    public int status() {
        return status;
    }

    /** The message of a rejection. */
    public String message() {
        return message;
    }
}
