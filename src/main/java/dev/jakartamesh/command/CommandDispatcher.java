package dev.jakartamesh.command;

import dev.jakartamesh.config.MeshConfig;
import dev.jakartamesh.connection.ConnectionManager;
import dev.jakartamesh.connection.Keepalive;
import dev.jakartamesh.connection.LocalConnection;
import dev.jakartamesh.metadata.MetadataCodec;
import dev.jakartamesh.ops.CommandStats;
import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.Frame;
import dev.jakartamesh.protocol.FrameCodec;
import dev.jakartamesh.protocol.FrameException;
import dev.jakartamesh.protocol.JsonP;
import dev.jakartamesh.protocol.MeshException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Handles one incoming frame: decodes it, answers {@code pong} and {@code latency:response}
 * without a reply, runs a command and sends its reply, and turns every failure into the
 * protocol's error reply. Nothing a client sends can break its connection or another one.
 */
@ApplicationScoped
public class CommandDispatcher {

    /** The command name used in error pushes for frames whose command could not be read. */
    public static final String ERROR_COMMAND = "mesh/error";

    private static final Logger LOG = Logger.getLogger(CommandDispatcher.class.getName());

    @Inject
    MeshConfig config;

    @Inject
    CommandRegistry commands;

    @Inject
    Keepalive keepalive;

    @Inject
    ConnectionManager connections;

    @Inject
    MetadataCodec metadataCodec;

    @Inject
    CommandStats stats;

    private FrameCodec codec;

    @PostConstruct
    void init() {
        codec = new FrameCodec(config.maxFrameBytes(), config.maxJsonDepth());
    }

    /** Handles one text frame from {@code connection}. */
    public void handleText(LocalConnection connection, String text) {
        Frame frame;
        try {
            frame = codec.decode(text);
        } catch (FrameException e) {
            String command = e.command() == null ? ERROR_COMMAND : e.command();
            stats.error(e.code().name());
            connection.send(codec.encodeError(e.rawId(), command, e.code(), e.getMessage()));
            return;
        }
        switch (frame.command()) {
            case "pong" -> keepalive.pong(connection);
            case "latency:response" -> keepalive.latencyResponse(connection);
            default -> run(connection, frame);
        }
    }

    /** Answers a binary frame, which the protocol does not use. */
    public void handleBinary(LocalConnection connection) {
        stats.error(ErrorCode.EBADFRAME.name());
        connection.send(codec.encodeError(null, ERROR_COMMAND, ErrorCode.EBADFRAME, "binary frames are not supported"));
    }

    private void run(LocalConnection connection, Frame frame) {
        if (!frame.isRequest()) {
            stats.error(ErrorCode.EBADFRAME.name());
            connection.send(codec.encodeError(null, frame.command(), ErrorCode.EBADFRAME,
                "a command needs an integer id to be answered; it was not run"));
            return;
        }
        JsonValue id = JsonP.createValue(frame.id());
        if (!connection.tryCommand()) {
            stats.error(ErrorCode.ERATELIMIT.name());
            connection.send(codec.encodeError(id, frame.command(), ErrorCode.ERATELIMIT,
                "more than " + config.commandsPerSecond() + " commands per second; slow down"));
            return;
        }
        CommandRegistry.Registered command = commands.find(frame.command());
        if (command == null) {
            stats.commandHandled(CommandStats.UNKNOWN, 0, ErrorCode.ENOTFOUND.name());
            connection.send(codec.encodeError(id, frame.command(), ErrorCode.ENOTFOUND,
                "Command \"" + frame.command() + "\" not found"));
            return;
        }
        long started = System.nanoTime();
        String errorCode = null;
        try {
            CommandContext context = new CommandContext(connection.id(), frame.command(), frame.payload(), connections, metadataCodec);
            for (CommandMiddleware middleware : command.middleware()) {
                middleware.before(context);
            }
            JsonValue result = command.handler().handle(context);
            connection.send(codec.encode(frame.id(), frame.command(), result == null ? JsonValue.NULL : result));
        } catch (MeshException e) {
            errorCode = e.code().name();
            LOG.log(Level.FINE, "command " + frame.command() + " failed: " + e.getMessage(), e);
            connection.send(codec.encodeError(id, frame.command(), e.code(), e.getMessage()));
        } catch (CommandException e) {
            errorCode = e.code();
            LOG.log(Level.FINE, "command " + frame.command() + " refused: " + e.getMessage(), e);
            connection.send(codec.encodeError(id, frame.command(), e.code(), e.errorName(), e.getMessage()));
        } catch (RuntimeException e) {
            errorCode = ErrorCode.ESERVER.name();
            LOG.log(Level.WARNING, "command " + frame.command() + " failed", e);
            connection.send(codec.encodeError(id, frame.command(), ErrorCode.ESERVER, "internal server error"));
        } finally {
            stats.commandHandled(frame.command(), System.nanoTime() - started, errorCode);
        }
    }
}
