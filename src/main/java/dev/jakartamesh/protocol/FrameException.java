package dev.jakartamesh.protocol;

import jakarta.json.JsonValue;

/**
 * A frame that cannot be handled as a command. It carries what could be read of the frame, so
 * that the error reply reaches the request that caused it.
 */
public class FrameException extends MeshException {

    private static final long serialVersionUID = 1L;

    private final transient JsonValue rawId;
    private final String command;

    FrameException(ErrorCode code, String message, JsonValue rawId, String command) {
        super(code, message);
        this.rawId = rawId;
        this.command = command;
    }

    /** The frame's {@code id} exactly as sent (of any JSON type), or {@code null} if none could be read. */
    public JsonValue rawId() {
        return rawId;
    }

    /** The frame's command, or {@code null} if none could be read. */
    public String command() {
        return command;
    }
}
