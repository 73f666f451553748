package dev.jakartamesh.event;

import jakarta.json.JsonValue;

/**
 * CDI event: a room's metadata was written or removed on this instance.
 *
 * @param roomName the room
 * @param metadata the value now stored, {@code null} when deleted
 */
public record RoomMetadataChanged(String roomName, JsonValue metadata) {
}
