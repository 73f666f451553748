package dev.jakartamesh.connection;

import java.util.function.Consumer;

/** The socket under a {@link LocalConnection}; the endpoint implements it over a WebSocket session. */
public interface Transport {

    /**
     * Starts sending one text frame; {@code done} is called once with {@code null} on success or
     * the failure. Only one send is outstanding at a time.
     */
    void sendText(String text, Consumer<Throwable> done);

    /** Closes the socket with a close code and reason. */
    void close(int code, String reason);

    /** Whether the socket is still open. */
    boolean isOpen();
}
