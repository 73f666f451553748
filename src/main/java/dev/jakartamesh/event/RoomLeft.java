package dev.jakartamesh.event;

/**
 * CDI event: a connection left a room: by {@code mesh/leave-room}, server code, {@code clearRoom},
 * {@code deleteRoom}, or because it closed.
 *
 * @param roomName     the room
 * @param connectionId the connection that left
 */
public record RoomLeft(String roomName, String connectionId) {
}
