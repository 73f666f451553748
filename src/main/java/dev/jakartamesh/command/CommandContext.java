package dev.jakartamesh.command;

import jakarta.json.JsonValue;

/**
 * What a command handler is given.
 *
 * @param connectionId the id of the connection that sent the command
 * @param command      the command name
 * @param payload      the payload as sent, {@link JsonValue#NULL} when absent
 */
public record CommandContext(String connectionId, String command, JsonValue payload) {
}
