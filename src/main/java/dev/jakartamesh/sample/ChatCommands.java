package dev.jakartamesh.sample;

import dev.jakartamesh.cluster.Broadcaster;
import dev.jakartamesh.command.CommandContext;
import dev.jakartamesh.command.CommandException;
import dev.jakartamesh.command.MeshCommand;
import dev.jakartamesh.protocol.JsonP;
import dev.jakartamesh.room.RoomManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;

/** The demo's application command: {@code chat/send {roomName, text}} broadcasts a message to a room. */
@ApplicationScoped
public class ChatCommands {

    /** The payload of {@code chat/send}. */
    public record ChatMessage(String roomName, String text) {
    }

    private static final int MAX_TEXT_LENGTH = 2000;

    @Inject
    RoomManager rooms;

    @Inject
    Broadcaster broadcaster;

    /**
     * Sends {@code text} to everyone in the room as a {@code chat/message} push
     * {@code {roomName, from, name, text}}. The sender must be in the room.
     */
    @MeshCommand("chat/send")
    public Map<String, Object> send(ChatMessage message, CommandContext context) {
        if (message == null || message.roomName() == null || message.text() == null) {
            throw new CommandException("EPAYLOAD", "PayloadError", "chat/send takes {roomName, text}");
        }
        if (message.text().length() > MAX_TEXT_LENGTH) {
            throw new CommandException("ETOOLONG", "a message has at most " + MAX_TEXT_LENGTH + " characters");
        }
        if (!rooms.isInRoom(message.roomName(), context.connectionId())) {
            throw new CommandException("ENOTINROOM", "join the room before sending to it");
        }
        JsonObjectBuilder push = JsonP.createObjectBuilder()
            .add("roomName", message.roomName())
            .add("from", context.connectionId())
            .add("text", message.text());
        JsonValue metadata = context.metadata();
        if (metadata instanceof JsonObject object && object.containsKey("name")) {
            push.add("name", object.get("name"));
        }
        int delivered = broadcaster.broadcastRoom(message.roomName(), "chat/message", push.build());
        return Map.of("delivered", delivered);
    }
}
