package dev.jakartamesh.it;

import dev.jakartamesh.command.CommandContext;
import dev.jakartamesh.command.CommandException;
import dev.jakartamesh.command.MeshCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;

/** Application commands of the test deployment. */
@ApplicationScoped
public class TestCommands {

    /** A bound payload. */
    public record GreetRequest(String name, int times) {
    }

    /** A bound reply. */
    public record Greeting(String greeting, String connectionId) {
    }

    @MeshCommand("test/echo")
    public JsonValue echo(JsonValue payload) {
        return payload;
    }

    @MeshCommand("test/greet")
    public Greeting greet(GreetRequest request, CommandContext context) {
        return new Greeting(("Hello" + (" " + request.name()).repeat(request.times())), context.connectionId());
    }

    @MeshCommand("test/nothing")
    public void nothing() {
    }

    @MeshCommand("test/fail")
    public String fail() {
        throw new CommandException("ETEAPOT", "TeapotError", "short and stout");
    }

    @MeshCommand("test/crash")
    public String crash() {
        throw new IllegalStateException("secret internals");
    }

    @MeshCommand(value = "test/guarded", middleware = RequireAdmin.class)
    public String guarded(CommandContext context) {
        return "welcome";
    }
}
