package dev.jakartamesh.command;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules for {@link MeshCommand} declarations, checked at deployment. Pure. */
public final class CommandDeclarations {

    /** Names the protocol gives a meaning of its own: never commands. */
    static final Set<String> KEEPALIVE_NAMES = Set.of("ping", "pong", "latency", "latency:request", "latency:response");

    /**
     * One {@code @MeshCommand} method.
     *
     * @param name   the command name
     * @param method the annotated method
     */
    public record Declaration(String name, Method method) {
        String origin() {
            return method.getDeclaringClass().getName() + "." + method.getName();
        }
    }

    private CommandDeclarations() {
    }

    /** Every problem with the declarations, as messages for a failed deployment; empty when they are fine. */
    public static List<String> problems(List<Declaration> declarations) {
        List<String> problems = new ArrayList<>();
        Map<String, Declaration> byName = new HashMap<>();
        for (Declaration declaration : declarations) {
            String name = declaration.name();
            if (name == null || name.isBlank()) {
                problems.add("@MeshCommand on " + declaration.origin() + " has an empty name");
                continue;
            }
            if (name.startsWith(CommandRegistry.RESERVED_PREFIX)) {
                problems.add("@MeshCommand(\"" + name + "\") on " + declaration.origin()
                    + " uses the reserved prefix '" + CommandRegistry.RESERVED_PREFIX + "'");
            }
            if (KEEPALIVE_NAMES.contains(name)) {
                problems.add("@MeshCommand(\"" + name + "\") on " + declaration.origin() + " uses a keepalive message name");
            }
            Declaration earlier = byName.putIfAbsent(name, declaration);
            if (earlier != null) {
                problems.add("@MeshCommand(\"" + name + "\") is declared twice: on " + earlier.origin()
                    + " and on " + declaration.origin());
            }
            problems.addAll(signatureProblems(declaration));
        }
        return problems;
    }

    private static List<String> signatureProblems(Declaration declaration) {
        List<String> problems = new ArrayList<>();
        Method method = declaration.method();
        if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
            problems.add("@MeshCommand method " + declaration.origin() + " must be public and not static");
        }
        int contexts = 0;
        int payloads = 0;
        for (Class<?> type : method.getParameterTypes()) {
            if (type == CommandContext.class) {
                contexts++;
            } else {
                payloads++;
            }
        }
        if (contexts > 1 || payloads > 1) {
            problems.add("@MeshCommand method " + declaration.origin()
                + " may take at most one CommandContext and one payload parameter");
        }
        return problems;
    }
}
