package dev.jakartamesh.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    private final FrameCodec codec = new FrameCodec(1024, 8);

    private FrameException failure(String text) {
        return assertThrows(FrameException.class, () -> codec.decode(text));
    }

    @Test
    void decodesARequest() {
        Frame frame = codec.decode("{\"id\":3,\"command\":\"mesh/noop\",\"payload\":{\"a\":[1,2]}}");
        assertEquals(3L, frame.id());
        assertEquals("mesh/noop", frame.command());
        assertEquals(Json.createObjectBuilder().add("a", Json.createArrayBuilder().add(1).add(2)).build(), frame.payload());
        assertTrue(frame.isRequest());
    }

    @Test
    void aFrameWithoutIdOrPayloadIsAPushWithNullPayload() {
        Frame frame = codec.decode("{\"command\":\"pong\"}");
        assertNull(frame.id());
        assertFalse(frame.isRequest());
        assertEquals(JsonValue.NULL, frame.payload());
    }

    @Test
    void integralNumbersAreIds() {
        assertEquals(5L, codec.decode("{\"id\":5.0,\"command\":\"x\"}").id());
        assertEquals(Long.MAX_VALUE, codec.decode("{\"id\":9223372036854775807,\"command\":\"x\"}").id());
        assertEquals(-1L, codec.decode("{\"id\":-1,\"command\":\"x\"}").id());
    }

    @Test
    void badIdsAreRefusedAndEchoed() {
        for (String id : new String[] {"\"7\"", "1.5", "true", "null", "[]", "{}", "1e400", "9223372036854775808"}) {
            FrameException e = failure("{\"id\":" + id + ",\"command\":\"mesh/noop\"}");
            assertEquals(ErrorCode.EBADFRAME, e.code(), id);
            assertEquals(Json.createReader(new java.io.StringReader("[" + id + "]")).readArray().get(0), e.rawId());
            assertEquals("mesh/noop", e.command());
        }
    }

    @Test
    void notJsonNotAnObjectAndBadCommands() {
        FrameException notJson = failure("hello");
        assertEquals(ErrorCode.EBADFRAME, notJson.code());
        assertNull(notJson.rawId());
        assertEquals(ErrorCode.EBADFRAME, failure("[1]").code());
        assertEquals(ErrorCode.EBADFRAME, failure("null").code());
        assertEquals(ErrorCode.EBADFRAME, failure("").code());
        FrameException noCommand = failure("{\"id\":4}");
        assertEquals(Json.createValue(4), noCommand.rawId());
        assertEquals(ErrorCode.EBADFRAME, failure("{\"id\":4,\"command\":[\"x\"]}").code());
    }

    @Test
    void truncatedJsonKeepsTheIdAndCommandItBeganWith() {
        FrameException e = failure("{\"id\":12,\"command\":\"mesh/join-room\",\"payload\":{\"roomName\":");
        assertEquals(Json.createValue(12), e.rawId());
        assertEquals("mesh/join-room", e.command());
    }

    @Test
    void oversizeFramesAreRefusedByUtf8Bytes() {
        String payload = "\"" + "é".repeat(600) + "\"";
        FrameException e = failure("{\"id\":1,\"command\":\"c\",\"payload\":" + payload + "}");
        assertEquals(ErrorCode.EFRAMESIZE, e.code());
        assertEquals(Json.createValue(1), e.rawId());
        assertEquals("c", e.command());
        codec.decode("{\"id\":1,\"command\":\"c\",\"payload\":\"" + "e".repeat(900) + "\"}");
    }

    @Test
    void theIdIsFoundAfterALargePayloadToo() {
        FrameException e = failure("{\"payload\":{\"a\":[" + "1,".repeat(600) + "1]},\"command\":\"late\",\"id\":99}");
        assertEquals(ErrorCode.EFRAMESIZE, e.code());
        assertEquals(Json.createValue(99), e.rawId());
        assertEquals("late", e.command());
    }

    @Test
    void deepNestingIsRefusedBeforeParsing() {
        FrameException e = failure("{\"id\":2,\"command\":\"c\",\"payload\":" + "[".repeat(9) + "]".repeat(9) + "}");
        assertEquals(ErrorCode.EDEPTH, e.code());
        assertEquals(Json.createValue(2), e.rawId());
        codec.decode("{\"id\":2,\"command\":\"c\",\"payload\":" + "[".repeat(7) + "]".repeat(7) + "}");
    }

    @Test
    void depthIgnoresBracketsInStrings() {
        assertFalse(JsonDepth.exceeds("{\"a\":\"[[[[[[[[[[[[\\\"[[[[\"}", 2));
        assertTrue(JsonDepth.exceeds("[[[", 2));
        assertFalse(JsonDepth.exceeds("[[]][[]]", 2));
    }

    @Test
    void writesPreEncodedPayloadsAsTheyAre() {
        assertEquals("{\"id\":5,\"command\":\"mesh/join-room\",\"payload\":{\"present\":[{\"id\":\"a\",\"metadata\":null}]}}",
            codec.encode(5L, "mesh/join-room", new EncodedJson("{\"present\":[{\"id\":\"a\",\"metadata\":null}]}")));
        assertEquals("{\"command\":\"say \\\"hi\\\"\",\"payload\":{}}", codec.encode(null, "say \"hi\"", new EncodedJson("{}")));
        String encoded = codec.encode(7L, "c", new EncodedJson("{\"x\":[1,{\"y\":\"z\"}]}"));
        assertEquals(Json.createReader(new java.io.StringReader(encoded)).readObject(),
            Json.createReader(new java.io.StringReader(codec.encode(7L, "c",
                Json.createReader(new java.io.StringReader("{\"x\":[1,{\"y\":\"z\"}]}")).readObject()))).readObject());
    }

    @Test
    void encodesRepliesPushesAndErrors() {
        assertEquals("{\"id\":1,\"command\":\"mesh/noop\",\"payload\":true}", codec.encode(1L, "mesh/noop", JsonValue.TRUE));
        assertEquals("{\"command\":\"mesh/assign-id\",\"payload\":\"abc\"}", codec.encode(null, "mesh/assign-id", Json.createValue("abc")));
        assertEquals("{\"id\":\"x\",\"command\":\"c\",\"payload\":{\"error\":\"m\",\"code\":\"ENOTFOUND\",\"name\":\"CommandError\"}}",
            codec.encodeError(Json.createValue("x"), "c", ErrorCode.ENOTFOUND, "m"));
        assertEquals("{\"command\":\"c\",\"payload\":{\"error\":\"m\",\"code\":\"ESERVER\",\"name\":\"ServerError\"}}",
            codec.encodeError(null, "c", ErrorCode.ESERVER, "m"));
    }
}
