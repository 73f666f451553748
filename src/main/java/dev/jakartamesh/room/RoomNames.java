package dev.jakartamesh.room;

import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.MeshException;

/** The rule for room names: non-empty, at most a configured length, no control characters. */
public final class RoomNames {

    private RoomNames() {
    }

    /**
     * Returns {@code name} when it is a valid room name.
     *
     * @throws MeshException with {@link ErrorCode#EROOMNAME} otherwise
     */
    public static String validate(String name, int maxLength) {
        if (name == null || name.isEmpty()) {
            throw new MeshException(ErrorCode.EROOMNAME, "room name must not be empty");
        }
        if (name.codePointCount(0, name.length()) > maxLength) {
            throw new MeshException(ErrorCode.EROOMNAME, "room name is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new MeshException(ErrorCode.EROOMNAME, "room name must not contain control characters");
            }
            if (Character.isSurrogate(c) && !validSurrogatePair(name, i)) {
                throw new MeshException(ErrorCode.EROOMNAME, "room name is not valid Unicode");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return name;
    }

    private static boolean validSurrogatePair(String name, int i) {
        return Character.isHighSurrogate(name.charAt(i)) && i + 1 < name.length()
            && Character.isLowSurrogate(name.charAt(i + 1));
    }
}
