package dev.jakartamesh.protocol;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Decodes client frames and encodes server frames of mesh's wire protocol. It holds no state but
 * its limits, and is safe for concurrent use.
 */
public final class FrameCodec {

    private static final JsonGeneratorFactory GENERATORS = JsonP.createGeneratorFactory(Map.of());

    /** A codec without limits, for frames the server writes itself (pushes, pings). */
    public static final FrameCodec UNLIMITED = new FrameCodec(Integer.MAX_VALUE, Integer.MAX_VALUE);

    private final int maxFrameBytes;
    private final int maxDepth;

    /**
     * @param maxFrameBytes the largest frame decoded, in UTF-8 bytes
     * @param maxDepth      the deepest nesting of arrays and objects decoded
     */
    public FrameCodec(int maxFrameBytes, int maxDepth) {
        this.maxFrameBytes = maxFrameBytes;
        this.maxDepth = maxDepth;
    }

    /**
     * Decodes one text frame.
     *
     * @throws FrameException when the frame is too large, too deep, not JSON, not an object, or
     *                        has an {@code id} or {@code command} of the wrong type; it carries
     *                        the id and command when they could be read
     */
    public Frame decode(String text) {
        if (utf8Length(text, maxFrameBytes) > maxFrameBytes) {
            throw failure(ErrorCode.EFRAMESIZE, "frame is larger than " + maxFrameBytes + " bytes", text);
        }
        if (JsonDepth.exceeds(text, maxDepth)) {
            throw failure(ErrorCode.EDEPTH, "frame nests deeper than " + maxDepth + " levels", text);
        }
        JsonValue value;
        try (JsonReader reader = JsonP.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw failure(ErrorCode.EBADFRAME, "frame is not valid JSON", text);
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new FrameException(ErrorCode.EBADFRAME, "frame must be a JSON object", null, null);
        }
        JsonObject frame = value.asJsonObject();
        JsonValue rawId = frame.get("id");
        JsonValue rawCommand = frame.get("command");
        String command = rawCommand instanceof JsonString s ? s.getString() : null;
        Long id = null;
        if (rawId != null) {
            id = integerId(rawId);
            if (id == null) {
                throw new FrameException(ErrorCode.EBADFRAME, "id must be an integer", rawId, command);
            }
        }
        if (command == null) {
            throw new FrameException(ErrorCode.EBADFRAME, "command must be a string", rawId, null);
        }
        return new Frame(id, command, frame.getOrDefault("payload", JsonValue.NULL));
    }

    /** Encodes a reply to a request, or a push when {@code id} is {@code null}. */
    public String encode(Long id, String command, JsonValue payload) {
        if (payload instanceof EncodedJson encoded) {
            String head = id == null ? "{" : "{\"id\":" + id + ",";
            return head + "\"command\":" + JsonP.createValue(command) + ",\"payload\":" + encoded + "}";
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            json.writeStartObject();
            if (id != null) {
                json.write("id", id);
            }
            json.write("command", command).write("payload", payload).writeEnd();
        }
        return out.toString();
    }

    /** Encodes an error reply; {@code rawId} is echoed as sent, and omitted when {@code null}. */
    public String encodeError(JsonValue rawId, String command, ErrorCode code, String message) {
        return encodeError(rawId, command, code.name(), code.errorName(), message);
    }

    /** Encodes an error reply with any code and name, such as an application's own. */
    public String encodeError(JsonValue rawId, String command, String code, String name, String message) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            json.writeStartObject();
            if (rawId != null) {
                json.write("id", rawId);
            }
            json.write("command", command)
                .writeStartObject("payload")
                .write("error", message)
                .write("code", code)
                .write("name", name)
                .writeEnd()
                .writeEnd();
        }
        return out.toString();
    }

    /** The payload of an error reply, for code that builds its own frames. */
    public static JsonObject errorPayload(ErrorCode code, String message) {
        return JsonP.createObjectBuilder()
            .add("error", message)
            .add("code", code.name())
            .add("name", code.errorName())
            .build();
    }

    private static Long integerId(JsonValue rawId) {
        if (!(rawId instanceof JsonNumber number)) {
            return null;
        }
        BigDecimal exact = number.bigDecimalValue().stripTrailingZeros();
        if (exact.scale() > 0 || exact.precision() - exact.scale() > 19) {
            return null;
        }
        try {
            return exact.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** A failure for a frame that could not be decoded whole, with the id and command it began with. */
    private static FrameException failure(ErrorCode code, String message, String text) {
        JsonValue[] idAndCommand = TopLevelFields.read(text);
        String command = idAndCommand[1] instanceof JsonString s ? s.getString() : null;
        return new FrameException(code, message, idAndCommand[0], command);
    }

    /**
     * The UTF-8 length of {@code text}, counted exactly only when it could exceed {@code limit}.
     */
    static long utf8Length(String text, int limit) {
        int chars = text.length();
        if ((long) chars * 3 <= limit) {
            return chars;
        }
        long bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Streams over a frame's top-level fields to find {@code id} and {@code command}, skipping everything else. */
    private static final class TopLevelFields {

        static JsonValue[] read(String text) {
            JsonValue[] found = new JsonValue[2];
            try (JsonParser parser = JsonP.createParser(new StringReader(text))) {
                if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                    return found;
                }
                while (parser.hasNext() && (found[0] == null || found[1] == null)) {
                    JsonParser.Event event = parser.next();
                    if (event != JsonParser.Event.KEY_NAME) {
                        break;
                    }
                    String key = parser.getString();
                    JsonParser.Event valueEvent = parser.next();
                    boolean wanted = "id".equals(key) || "command".equals(key);
                    if (valueEvent == JsonParser.Event.START_OBJECT) {
                        parser.skipObject();
                    } else if (valueEvent == JsonParser.Event.START_ARRAY) {
                        parser.skipArray();
                    } else if (wanted) {
                        found["id".equals(key) ? 0 : 1] = parser.getValue();
                    }
                }
            } catch (RuntimeException e) {
                // The frame broke off: keep what was read before the break.
            }
            return found;
        }
    }
}
