package dev.jakartamesh.command;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The commands this server answers, by name. */
@ApplicationScoped
public class CommandRegistry {

    /** The prefix reserved for the built-in commands. */
    public static final String RESERVED_PREFIX = "mesh/";

    private final Map<String, CommandHandler> handlers = new ConcurrentHashMap<>();

    @Inject
    BuiltinCommands builtins;

    @PostConstruct
    void registerBuiltins() {
        builtins.registerInto(this);
    }

    void register(String name, CommandHandler handler) {
        if (handlers.putIfAbsent(name, handler) != null) {
            throw new IllegalStateException("command " + name + " is registered twice");
        }
    }

    /** The handler of a command, or {@code null} when there is none. */
    public CommandHandler find(String name) {
        return handlers.get(name);
    }
}
