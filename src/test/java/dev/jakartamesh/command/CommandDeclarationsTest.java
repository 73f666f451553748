package dev.jakartamesh.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deployment-time rules for @MeshCommand declarations. */
class CommandDeclarationsTest {

    public static class Good {
        public String a(CommandContext context) {
            return "a";
        }

        public String b(String payload, CommandContext context) {
            return payload;
        }

        public void c() {
        }
    }

    public static class Bad {
        String notPublic(CommandContext context) {
            return null;
        }

        public static String isStatic() {
            return null;
        }

        public String twoPayloads(String one, String two) {
            return one + two;
        }
    }

    private static Method method(Class<?> type, String name) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new AssertionError(name);
    }

    private static CommandDeclarations.Declaration declare(String command, Class<?> type, String method) {
        return new CommandDeclarations.Declaration(command, method(type, method));
    }

    @Test
    void wellFormedDeclarationsPass() {
        assertEquals(List.of(), CommandDeclarations.problems(List.of(
            declare("chat/send", Good.class, "a"), declare("chat/edit", Good.class, "b"), declare("noop2", Good.class, "c"))));
    }

    @Test
    void twoMethodsWithOneNameFailNamingBoth() {
        List<String> problems = CommandDeclarations.problems(List.of(
            declare("chat/send", Good.class, "a"), declare("chat/send", Good.class, "b")));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("declared twice"), problems.get(0));
        assertTrue(problems.get(0).contains("Good.a") && problems.get(0).contains("Good.b"), problems.get(0));
    }

    @Test
    void reservedAndKeepaliveNamesFail() {
        List<String> problems = CommandDeclarations.problems(List.of(
            declare("mesh/join-room", Good.class, "a"), declare("pong", Good.class, "b"), declare(" ", Good.class, "c")));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("reserved prefix 'mesh/'"), problems.get(0));
        assertTrue(problems.get(1).contains("keepalive"), problems.get(1));
        assertTrue(problems.get(2).contains("empty name"), problems.get(2));
    }

    @Test
    void unusableSignaturesFail() {
        List<String> problems = CommandDeclarations.problems(List.of(
            declare("x/1", Bad.class, "notPublic"), declare("x/2", Bad.class, "isStatic"), declare("x/3", Bad.class, "twoPayloads")));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("public and not static"));
        assertTrue(problems.get(1).contains("public and not static"));
        assertTrue(problems.get(2).contains("at most one CommandContext and one payload"));
    }
}
