package dev.jakartamesh.event;

import jakarta.json.JsonValue;

/**
 * CDI event: a connection's metadata was written on this instance.
 *
 * @param connectionId the connection
 * @param metadata     the value now stored ({@link JsonValue#NULL} when cleared)
 */
public record ConnectionMetadataChanged(String connectionId, JsonValue metadata) {
}
