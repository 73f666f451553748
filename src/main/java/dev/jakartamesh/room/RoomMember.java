package dev.jakartamesh.room;

import jakarta.json.JsonValue;

/**
 * A member of a room with its connection metadata, as in the {@code present} list of
 * {@code mesh/join-room}: JSON-B renders it {@code {"id": ..., "metadata": ...}}.
 *
 * @param id       the connection id
 * @param metadata the connection's metadata, {@link JsonValue#NULL} when it has none
 */
public record RoomMember(String id, JsonValue metadata) {
}
