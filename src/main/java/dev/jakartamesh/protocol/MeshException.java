package dev.jakartamesh.protocol;

/**
 * A failure that a client is told about: it becomes the reply payload
 * {@code {"error": message, "code": code, "name": code's name}}. The message is sent to the client
 * as it is, so it must not hold anything secret.
 */
public class MeshException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * @param code    the protocol error code
     * @param message the message the client sees
     */
    public MeshException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * @param code    the protocol error code
     * @param message the message the client sees
     * @param cause   the underlying failure, logged on the server only
     */
    public MeshException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The protocol error code. */
    public ErrorCode code() {
        return code;
    }
}
