package dev.jakartamesh.sample;

import dev.jakartamesh.command.CommandContext;
import dev.jakartamesh.command.CommandException;
import dev.jakartamesh.command.MeshCommand;
import dev.jakartamesh.protocol.JsonP;
import dev.jakartamesh.room.RoomManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * The demo's topic command: {@code room/set-topic {roomName, topic}} sets the {@code topic} field of
 * a room's metadata with {@link RoomManager#updateMetadata(String, Object)}, so the room's other
 * fields (such as {@code memberCount}) are kept. Only a member of the room may change its topic.
 * The other members learn of it from {@link RoomLiveUpdates}' {@code room/metadata} push.
 */
@ApplicationScoped
public class RoomTopicCommands {

    /** The payload of {@code room/set-topic}. */
    public record TopicChange(String roomName, String topic) {
    }

    /** The longest topic, in characters. */
    public static final int MAX_TOPIC_LENGTH = 200;

    @Inject
    RoomManager rooms;

    /**
     * Sets the room's topic and answers {@code {metadata}}, the room's metadata after the change.
     * The topic is trimmed; it has 1 to {@value #MAX_TOPIC_LENGTH} characters and no control
     * characters ({@code EPAYLOAD} otherwise). A sender that is not in the room gets
     * {@code ENOTINROOM}.
     */
    @MeshCommand("room/set-topic")
    public Map<String, JsonValue> setTopic(TopicChange change, CommandContext context) {
        if (change == null || change.roomName() == null || change.topic() == null) {
            throw new CommandException("EPAYLOAD", "PayloadError", "room/set-topic takes {roomName, topic}");
        }
        String topic = change.topic().strip();
        if (topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH || topic.chars().anyMatch(Character::isISOControl)) {
            throw new CommandException("EPAYLOAD", "PayloadError",
                "a topic has 1 to " + MAX_TOPIC_LENGTH + " printable characters");
        }
        if (!rooms.isInRoom(change.roomName(), context.connectionId())) {
            throw new CommandException("ENOTINROOM", "join the room before changing its topic");
        }
        JsonValue metadata = rooms.updateMetadata(change.roomName(), JsonP.createObjectBuilder().add("topic", topic).build());
        return Map.of("metadata", metadata);
    }
}
