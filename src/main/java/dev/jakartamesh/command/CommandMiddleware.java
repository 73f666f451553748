package dev.jakartamesh.command;

/**
 * Runs before a command and may reject it by throwing a {@link CommandException} (or a
 * {@code MeshException}, for example with {@code EFORBIDDEN}); the client gets that error and the
 * command does not run.
 *
 * <p>A CDI bean implementing this interface and annotated {@link GlobalMiddleware} runs before
 * every command, the built-ins included, in {@code @jakarta.annotation.Priority} order (lowest
 * first; 1000 without one). Other implementations run only for the commands that list them in
 * {@link MeshCommand#middleware()}.
 */
public interface CommandMiddleware {

    /** Inspects the command before it runs; returns normally to let it run. */
    void before(CommandContext context);
}
