package dev.jakartamesh.protocol;

/** Measures how deep a JSON text nests arrays and objects, without parsing it. */
public final class JsonDepth {

    private JsonDepth() {
    }

    /**
     * Whether the text nests arrays and objects deeper than {@code max}. Brackets inside strings do
     * not count. The text need not be valid JSON.
     */
    public static boolean exceeds(CharSequence text, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > max) {
                    return true;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return false;
    }
}
