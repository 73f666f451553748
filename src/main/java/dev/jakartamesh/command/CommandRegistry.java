package dev.jakartamesh.command;

import dev.jakartamesh.metadata.MetadataCodec;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/** The commands this server answers, by name, each with the middleware that runs before it. */
@ApplicationScoped
public class CommandRegistry {

    /** The prefix reserved for the built-in commands. */
    public static final String RESERVED_PREFIX = "mesh/";

    private static final Logger LOG = Logger.getLogger(CommandRegistry.class.getName());
    private static final int DEFAULT_PRIORITY = 1000;

    /** A command's handler with its middleware: the global ones first, then its own. */
    public record Registered(CommandHandler handler, List<CommandMiddleware> middleware) {
    }

    private final Map<String, Registered> commands = new ConcurrentHashMap<>();

    @Inject
    BuiltinCommands builtins;

    @Inject
    MeshCommandExtension extension;

    @Inject
    BeanManager beanManager;

    @Inject
    MetadataCodec codec;

    @Inject
    @Any
    Instance<CommandMiddleware> middlewareBeans;

    @PostConstruct
    void registerAll() {
        List<CommandMiddleware> global = globalMiddleware();
        builtins.registerInto((name, handler) -> register(name, handler, global));
        for (MeshCommandExtension.Discovered command : extension.discovered()) {
            MeshCommand annotation = command.declaration().method().getAnnotation(MeshCommand.class);
            List<CommandMiddleware> chain = new ArrayList<>(global);
            Arrays.stream(annotation.middleware()).map(type -> middlewareBeans.select(type).get()).forEach(chain::add);
            register(command.declaration().name(),
                new ApplicationCommand(command.bean(), command.declaration().method(), beanManager, codec), chain);
            LOG.fine(() -> "command " + command.declaration().name() + " -> " + command.declaration().origin());
        }
    }

    private List<CommandMiddleware> globalMiddleware() {
        List<Instance.Handle<CommandMiddleware>> handles = new ArrayList<>();
        for (Instance.Handle<CommandMiddleware> handle : middlewareBeans.handles()) {
            if (handle.getBean().getBeanClass().isAnnotationPresent(GlobalMiddleware.class)) {
                handles.add(handle);
            }
        }
        handles.sort(Comparator.comparingInt(handle -> priority(handle.getBean().getBeanClass())));
        return handles.stream().map(Instance.Handle::get).toList();
    }

    private static int priority(Class<?> type) {
        Priority priority = type.getAnnotation(Priority.class);
        return priority == null ? DEFAULT_PRIORITY : priority.value();
    }

    private void register(String name, CommandHandler handler, List<CommandMiddleware> middleware) {
        if (commands.putIfAbsent(name, new Registered(handler, List.copyOf(middleware))) != null) {
            throw new IllegalStateException("command " + name + " is registered twice");
        }
    }

    /** The command with this name, or {@code null} when there is none. */
    public Registered find(String name) {
        return commands.get(name);
    }
}
