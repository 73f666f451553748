package dev.jakartamesh.event;

/**
 * CDI event: a connection of this instance closed and its entries were removed.
 *
 * @param connectionId the connection's id
 * @param closeCode    the WebSocket close code (1006 when the socket broke without one)
 * @param reason       the close reason, possibly empty
 */
public record ConnectionClosed(String connectionId, int closeCode, String reason) {
}
