package dev.jakartamesh.it;

import dev.jakartamesh.command.CommandContext;
import dev.jakartamesh.command.CommandException;
import dev.jakartamesh.command.CommandMiddleware;
import dev.jakartamesh.command.GlobalMiddleware;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;

/** Global middleware: refuses any command (built-ins too) whose payload says "blocked": true. */
@ApplicationScoped
@GlobalMiddleware
@Priority(10)
public class BlockListMiddleware implements CommandMiddleware {

    @Override
    public void before(CommandContext context) {
        if (context.payload() instanceof JsonObject payload && payload.getBoolean("blocked", false)) {
            throw new CommandException("EBLOCKED", "this request is blocked");
        }
    }
}
