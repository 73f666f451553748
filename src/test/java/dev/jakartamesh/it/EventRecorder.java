package dev.jakartamesh.it;

import dev.jakartamesh.event.ConnectionClosed;
import dev.jakartamesh.event.ConnectionMetadataChanged;
import dev.jakartamesh.event.ConnectionOpened;
import dev.jakartamesh.event.RoomJoined;
import dev.jakartamesh.event.RoomLeft;
import dev.jakartamesh.event.RoomMetadataChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every Jakarta Mesh event it observes. */
@ApplicationScoped
public class EventRecorder {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    void opened(@Observes ConnectionOpened event) {
        events.add(event);
    }

    void closed(@Observes ConnectionClosed event) {
        events.add(event);
    }

    void joined(@Observes RoomJoined event) {
        events.add(event);
    }

    void left(@Observes RoomLeft event) {
        events.add(event);
    }

    void metadata(@Observes ConnectionMetadataChanged event) {
        events.add(event);
    }

    void roomMetadata(@Observes RoomMetadataChanged event) {
        events.add(event);
    }

    public List<Object> events() {
        return List.copyOf(events);
    }
}
