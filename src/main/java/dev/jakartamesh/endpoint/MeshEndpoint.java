package dev.jakartamesh.endpoint;

import dev.jakartamesh.command.CommandDispatcher;
import dev.jakartamesh.config.MeshConfig;
import dev.jakartamesh.connection.ConnectionRegistry;
import dev.jakartamesh.connection.LocalConnection;
import dev.jakartamesh.protocol.FrameCodec;
import dev.jakartamesh.protocol.JsonP;
import dev.jakartamesh.protocol.MeshException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket endpoint of mesh's protocol at {@code /mesh}: registers the connection and sends
 * {@code mesh/assign-id}, hands every frame to the {@link CommandDispatcher}, and cleans up on
 * close or error. One instance per connection.
 */
@Dependent
@ServerEndpoint(value = "/mesh", configurator = MeshConfigurator.class)
public class MeshEndpoint {

    /** Frames larger than this are refused by the container itself, with close code 1009. */
    private static final int MIN_HARD_FRAME_LIMIT = 1 << 20;

    private static final Logger LOG = Logger.getLogger(MeshEndpoint.class.getName());
    private static final FrameCodec FRAMES = FrameCodec.UNLIMITED;

    @Inject
    ConnectionRegistry registry;

    @Inject
    CommandDispatcher dispatcher;

    @Inject
    MeshConfig config;

    private LocalConnection connection;

    @OnOpen
    public void open(Session session, EndpointConfig endpointConfig) {
        session.setMaxTextMessageBufferSize(Math.max(MIN_HARD_FRAME_LIMIT, config.maxFrameBytes() * 4));
        session.setMaxBinaryMessageBufferSize(MIN_HARD_FRAME_LIMIT);
        session.setMaxIdleTimeout(0);
        SessionTransport transport = new SessionTransport(session);
        try {
            connection = registry.open(transport, initialMetadata(session, endpointConfig));
        } catch (MeshException e) {
            LOG.log(Level.WARNING, "refusing a connection: " + e.getMessage());
            transport.sendNow(FRAMES.encodeError(
                null, CommandDispatcher.ERROR_COMMAND, e.code(), e.getMessage()));
            transport.close(CloseReason.CloseCodes.TRY_AGAIN_LATER.getCode(), e.code().name());
            return;
        }
        connection.send(FRAMES.encode(null, "mesh/assign-id", JsonP.createValue(connection.id())));
    }

    private static JsonValue initialMetadata(Session session, EndpointConfig endpointConfig) {
        Object metadata = session.getUserProperties().get(MeshConfigurator.INITIAL_METADATA);
        if (metadata == null) {
            metadata = endpointConfig.getUserProperties().get(MeshConfigurator.INITIAL_METADATA);
        }
        return metadata instanceof JsonValue json ? json : JsonValue.NULL;
    }

    @OnMessage
    public void text(String text) {
        if (connection != null) {
            dispatcher.handleText(connection, text);
        }
    }

    @OnMessage
    public void binary(ByteBuffer data) {
        if (connection != null) {
            dispatcher.handleBinary(connection);
        }
    }

    @OnClose
    public void close(CloseReason reason) {
        registry.closed(connection, reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "WebSocket error", failure);
        registry.closed(connection, CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "error");
        if (session.isOpen() && connection != null) {
            connection.close(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "error");
        }
    }
}
