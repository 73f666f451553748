package dev.jakartamesh.ops;

import dev.jakartamesh.connection.LocalConnections;
import dev.jakartamesh.protocol.MeshException;
import dev.jakartamesh.store.RoomStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * MicroProfile Metrics of this instance: {@code mesh_connections} (local sockets),
 * {@code mesh_rooms}, {@code mesh_commands_total} and {@code mesh_command_duration} by command,
 * and {@code mesh_errors_total} by code.
 */
@ApplicationScoped
public class MeshMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    LocalConnections local;

    @Inject
    RoomStore rooms;

    void register(@Observes @Initialized(ApplicationScoped.class) Object event) {
        try {
            registerGauges();
        } catch (IllegalArgumentException e) {
            java.util.logging.Logger.getLogger(MeshMetrics.class.getName()).warning("metrics gauges not registered: " + e.getMessage());
        }
    }

    private void registerGauges() {
        registry.gauge(Metadata.builder().withName("mesh.connections").withDescription("connections open on this instance").build(),
            local, connections -> connections.size());
        registry.gauge(Metadata.builder().withName("mesh.rooms").withDescription("rooms with members or metadata, on all instances").build(),
            rooms, MeshMetrics::roomCount);
    }

    private static long roomCount(RoomStore rooms) {
        try {
            return rooms.roomCount();
        } catch (MeshException e) {
            return -1;
        }
    }

    void commandHandled(String command, long nanos) {
        Tag tag = new Tag("command", command);
        registry.counter(Metadata.builder().withName("mesh.commands").withDescription("commands handled").build(), tag).inc();
        registry.timer(Metadata.builder().withName("mesh.command.duration").withUnit(MetricUnits.NANOSECONDS)
            .withDescription("time to handle a command").build(), tag).update(Duration.ofNanos(nanos));
    }

    void error(String code) {
        registry.counter(Metadata.builder().withName("mesh.errors").withDescription("error replies, by code").build(),
            new Tag("code", code)).inc();
    }
}
