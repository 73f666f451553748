package dev.jakartamesh.protocol;

import jakarta.json.JsonValue;

/**
 * A reply payload that is already JSON text, written into the frame as it is: for replies built
 * from JSON stored in Redis, which need no parse and re-encode. The text must be one valid JSON
 * object; only {@link FrameCodec} writes it.
 */
public final class EncodedJson implements JsonValue {

    private final String json;

    /** @param json the text of one JSON object */
    public EncodedJson(String json) {
        this.json = json;
    }

    @Override
    public ValueType getValueType() {
        return ValueType.OBJECT;
    }

    @Override
    public String toString() {
        return json;
    }
}
