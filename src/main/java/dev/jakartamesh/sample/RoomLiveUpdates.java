package dev.jakartamesh.sample;

import dev.jakartamesh.cluster.Broadcaster;
import dev.jakartamesh.connection.ConnectionManager;
import dev.jakartamesh.event.ConnectionMetadataChanged;
import dev.jakartamesh.event.RoomJoined;
import dev.jakartamesh.event.RoomLeft;
import dev.jakartamesh.event.RoomMetadataChanged;
import dev.jakartamesh.protocol.JsonP;
import dev.jakartamesh.room.RoomManager;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The demo's live room view: tells the members of a room, by push, when someone joins or leaves
 * it, when a member's metadata changes, and when the room's metadata changes. Only members of the
 * room get these pushes; each costs a couple of Redis reads and one room broadcast.
 *
 * <ul>
 * <li>{@code room/member-joined {roomName, id, metadata}} to the others in the room;</li>
 * <li>{@code room/member-left {roomName, id}};</li>
 * <li>{@code room/member-updated {roomName, id, metadata}} to every room the connection is in;</li>
 * <li>{@code room/metadata {roomName, metadata}}.</li>
 * </ul>
 *
 * <p>Its pushes run on the container's managed executor, so commands never wait for them; when
 * the pushes are off, an event costs a field read (an {@code @ObservesAsync} observer would cost
 * a task on the executor for every event, pushes on or off). A push carries what Redis holds
 * when the observer runs, not what the event carried, and a member that has already left again is
 * not announced. Pushes are at most once and, for events close together, may arrive out of order;
 * a client that must be exact rejoins the room, whose reply lists everyone present.
 * It costs one push per member for every join, leave and metadata change, so it is off unless
 * {@code mesh.demo.room-pushes=true} (set in server.xml for {@code mvn liberty:run} and the tests).
 */
@ApplicationScoped
public class RoomLiveUpdates {

    private static final Logger LOG = Logger.getLogger(RoomLiveUpdates.class.getName());

    @Inject
    RoomManager rooms;

    @Inject
    ConnectionManager connections;

    @Inject
    Broadcaster broadcaster;

    @Inject
    @ConfigProperty(name = "mesh.demo.room-pushes", defaultValue = "false")
    boolean enabled;

    @Resource
    ManagedExecutorService executor;

    void joined(@Observes RoomJoined event) {
        run(event, () -> {
            if (rooms.isInRoom(event.roomName(), event.connectionId())) {
                JsonObjectBuilder push = JsonP.createObjectBuilder()
                    .add("roomName", event.roomName())
                    .add("id", event.connectionId())
                    .add("metadata", orNull(connections.getMetadata(event.connectionId())));
                broadcaster.broadcastRoomExcept(event.roomName(), "room/member-joined", push.build(), List.of(event.connectionId()));
            }
        });
    }

    void left(@Observes RoomLeft event) {
        run(event, () -> {
            if (!rooms.isInRoom(event.roomName(), event.connectionId())) {
                broadcaster.broadcastRoom(event.roomName(), "room/member-left",
                    JsonP.createObjectBuilder().add("roomName", event.roomName()).add("id", event.connectionId()).build());
            }
        });
    }

    void metadataChanged(@Observes ConnectionMetadataChanged event) {
        run(event, () -> {
            for (String room : rooms.getRoomsForConnection(event.connectionId())) {
                broadcaster.broadcastRoom(room, "room/member-updated", JsonP.createObjectBuilder()
                    .add("roomName", room)
                    .add("id", event.connectionId())
                    .add("metadata", orNull(connections.getMetadata(event.connectionId())))
                    .build());
            }
        });
    }

    void roomMetadataChanged(@Observes RoomMetadataChanged event) {
        run(event, () -> broadcaster.broadcastRoom(event.roomName(), "room/metadata", JsonP.createObjectBuilder()
            .add("roomName", event.roomName())
            .add("metadata", orNull(rooms.getMetadata(event.roomName())))
            .build()));
    }

    private void run(Object event, Runnable push) {
        if (!enabled) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    push.run();
                } catch (RuntimeException e) {
                    // Redis unreachable, or the application stopping: the push is skipped, as a broadcast would be lost.
                    LOG.log(Level.FINE, "no live update for " + event + ": " + e.getMessage(), e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(Level.FINE, "no live update for " + event + ": the executor is stopping");
        }
    }

    private static JsonValue orNull(JsonValue value) {
        return value == null ? JsonValue.NULL : value;
    }
}
