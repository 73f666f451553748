package dev.jakartamesh.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the commands this instance handled and the errors it answered, for JMX and metrics.
 * Command names are those of registered commands only (anything else counts as {@code unknown}),
 * so a client cannot grow the set of names.
 */
@ApplicationScoped
public class CommandStats {

    /** The name counted for commands that are not registered. */
    public static final String UNKNOWN = "unknown";

    private final LongAdder handled = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<String, LongAdder> errorsByCode = new ConcurrentHashMap<>();

    @Inject
    MeshMetrics metrics;

    /** Records one handled command: its registered name, how long it took, and its error code or {@code null}. */
    public void commandHandled(String command, long nanos, String errorCode) {
        handled.increment();
        metrics.commandHandled(command, nanos);
        if (errorCode != null) {
            error(errorCode);
        }
    }

    /** Records an error answered outside a command (a bad frame, a refused handshake). */
    public void error(String errorCode) {
        errors.increment();
        errorsByCode.computeIfAbsent(errorCode, code -> new LongAdder()).increment();
        metrics.error(errorCode);
    }

    public long handled() {
        return handled.sum();
    }

    public long errors() {
        return errors.sum();
    }

    /** Errors answered so far, by code. */
    public Map<String, Long> errorsByCode() {
        Map<String, Long> snapshot = new java.util.TreeMap<>();
        errorsByCode.forEach((code, count) -> snapshot.put(code, count.sum()));
        return snapshot;
    }
}
