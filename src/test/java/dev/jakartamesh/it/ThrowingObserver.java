package dev.jakartamesh.it;

import dev.jakartamesh.event.ConnectionMetadataChanged;
import dev.jakartamesh.event.RoomJoined;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** An observer that always fails: it must not break the commands that fire its events. */
@ApplicationScoped
public class ThrowingObserver {

    void metadata(@Observes ConnectionMetadataChanged event) {
        throw new IllegalStateException("observer failure (expected by the test)");
    }

    void joined(@Observes RoomJoined event) {
        throw new IllegalStateException("observer failure (expected by the test)");
    }
}
