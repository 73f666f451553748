package dev.jakartamesh.endpoint;

import dev.jakartamesh.connection.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A {@link Transport} over a WebSocket session: the only place the send path meets {@code jakarta.websocket}. */
final class SessionTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(SessionTransport.class.getName());

    private final Session session;

    SessionTransport(Session session) {
        this.session = session;
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        session.getAsyncRemote().sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
    }

    /** Sends one frame and waits for it: only for the last words before a close. */
    void sendNow(String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "final send failed", e);
        }
    }

    @Override
    public void close(int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "close failed", e);
        }
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }
}
