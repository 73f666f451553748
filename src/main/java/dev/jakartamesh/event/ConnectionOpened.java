package dev.jakartamesh.event;

import jakarta.json.JsonValue;

/**
 * CDI event: a connection was registered on this instance and told its id.
 *
 * @param connectionId the new connection's id
 * @param metadata     its initial metadata (from the authenticator), {@link JsonValue#NULL} when none
 */
public record ConnectionOpened(String connectionId, JsonValue metadata) {
}
