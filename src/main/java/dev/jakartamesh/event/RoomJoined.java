package dev.jakartamesh.event;

/**
 * CDI event: a connection joined a room (from a client's {@code mesh/join-room} or server code).
 *
 * @param roomName     the room
 * @param connectionId the connection that joined
 */
public record RoomJoined(String roomName, String connectionId) {
}
