package dev.jakartamesh.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.MeshException;
import org.junit.jupiter.api.Test;

class RoomNamesTest {

    private static void assertRefused(String name) {
        MeshException e = assertThrows(MeshException.class, () -> RoomNames.validate(name, 10));
        assertEquals(ErrorCode.EROOMNAME, e.code());
    }

    @Test
    void acceptsOrdinaryNames() {
        for (String name : new String[] {"lobby", "user:123", "dev chat", "房间", "🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀", "x".repeat(10)}) {
            assertEquals(name, RoomNames.validate(name, 10));
        }
    }

    @Test
    void refusesEmptyLongAndControlCharacters() {
        assertRefused(null);
        assertRefused("");
        assertRefused("x".repeat(11));
        assertRefused("a\u0000b");
        assertRefused("tab\t");
        assertRefused("\u007f");
        assertRefused("\u0085");
        assertRefused("line\u2028sep");
        assertRefused("lone\ud800");
        assertRefused("\udc00x");
    }
}
