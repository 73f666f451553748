package dev.jakartamesh.ops;

import dev.jakartamesh.connection.LocalConnections;
import dev.jakartamesh.protocol.MeshException;
import dev.jakartamesh.store.RoomStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

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

    private static final Metadata COMMANDS = Metadata.builder().withName("mesh.commands").withDescription("commands handled").build();
    private static final Metadata DURATION = Metadata.builder().withName("mesh.command.duration")
        .withUnit(MetricUnits.NANOSECONDS).withDescription("time to handle a command").build();
    private static final Metadata ERRORS = Metadata.builder().withName("mesh.errors").withDescription("error replies, by code").build();

    /** A command's counter and timer, looked up in the registry once. */
    private record CommandMetrics(Counter count, Timer duration) {
    }

    private final Map<String, CommandMetrics> byCommand = new ConcurrentHashMap<>();
    private final Map<String, Counter> errorsByCode = new ConcurrentHashMap<>();

    void commandHandled(String command, long nanos) {
        CommandMetrics metrics = byCommand.computeIfAbsent(command, name -> {
            Tag tag = new Tag("command", name);
            return new CommandMetrics(registry.counter(COMMANDS, tag), registry.timer(DURATION, tag));
        });
        metrics.count().inc();
        metrics.duration().update(Duration.ofNanos(nanos));
    }

    void error(String code) {
        errorsByCode.computeIfAbsent(code, name -> registry.counter(ERRORS, new Tag("code", name))).inc();
    }
}
