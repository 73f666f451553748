package dev.jakartamesh.protocol;

import jakarta.json.JsonValue;

/**
 * One decoded client frame: {@code {"id": <integer, optional>, "command": "...", "payload": <any>}}.
 *
 * @param id      the request id, or {@code null} for a frame without one
 * @param command the command name
 * @param payload the payload, {@link JsonValue#NULL} when absent
 */
public record Frame(Long id, String command, JsonValue payload) {

    /** Whether the frame is a request, which gets a reply. */
    public boolean isRequest() {
        return id != null;
    }
}
