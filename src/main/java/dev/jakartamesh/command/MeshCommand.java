package dev.jakartamesh.command;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a public method of a CDI bean (or enterprise bean) a protocol command.
 *
 * <pre>
 * &#64;ApplicationScoped
 * public class Chat {
 *     &#64;Inject Broadcaster broadcaster;
 *
 *     &#64;MeshCommand("chat/send")
 *     public Map&lt;String, Object&gt; send(Message message, CommandContext context) {
 *         broadcaster.broadcastRoom(message.room(), "chat/message", message);
 *         return Map.of("sent", true);
 *     }
 * }
 * </pre>
 *
 * <p>Parameters are matched by type: a {@link CommandContext}, and at most one payload parameter,
 * a JSON-P type (the payload as sent) or any type JSON-B binds the payload to. The return value
 * (any JSON-B-mappable value; {@code void} is {@code null}) is the reply payload. A
 * {@link CommandException} or {@code MeshException} becomes the error reply with its code; any other
 * exception becomes {@code ESERVER}, logged on the server and never shown to the client.
 *
 * <p>Commands are discovered at deployment. Two methods with one name, a name under the reserved
 * {@code mesh/} prefix or of a keepalive message, or a method with an unusable signature fail the
 * deployment with a message naming them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MeshCommand {

    /** The command name, for example {@code "chat/send"}. */
    String value();

    /** Middleware run for this command only, after the global middleware, in this order. */
    Class<? extends CommandMiddleware>[] middleware() default {};
}
