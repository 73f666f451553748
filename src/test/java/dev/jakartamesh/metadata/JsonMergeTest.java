package dev.jakartamesh.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class JsonMergeTest {

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    private static void assertMerge(String current, String update, MergeStrategy strategy, String expected) {
        assertEquals(json(expected), JsonMerge.apply(json(current), json(update), strategy));
    }

    @Test
    void replaceTakesTheNewValueWhateverItIs() {
        assertMerge("{\"a\":1}", "{\"b\":2}", MergeStrategy.REPLACE, "{\"b\":2}");
        assertMerge("{\"a\":1}", "\"text\"", MergeStrategy.REPLACE, "\"text\"");
        assertMerge("{\"a\":1}", "null", MergeStrategy.REPLACE, "null");
    }

    @Test
    void mergeReplacesTopLevelFieldsAndKeepsTheRest() {
        assertMerge("{\"a\":1,\"b\":{\"x\":1,\"y\":2}}", "{\"b\":{\"x\":9},\"c\":3}", MergeStrategy.MERGE,
            "{\"a\":1,\"b\":{\"x\":9},\"c\":3}");
        assertMerge("{\"a\":1}", "{\"a\":null}", MergeStrategy.MERGE, "{\"a\":null}");
    }

    @Test
    void deepMergeMergesNestedObjectsAndReplacesArrays() {
        assertMerge("{\"name\":\"John\",\"profile\":{\"age\":30,\"city\":\"NYC\",\"preferences\":{\"theme\":\"dark\"}},\"tags\":[1,2]}",
            "{\"profile\":{\"age\":31,\"preferences\":{\"lang\":\"en\"}},\"tags\":[3]}", MergeStrategy.DEEP_MERGE,
            "{\"name\":\"John\",\"profile\":{\"age\":31,\"city\":\"NYC\",\"preferences\":{\"theme\":\"dark\",\"lang\":\"en\"}},\"tags\":[3]}");
        assertMerge("{\"a\":{\"x\":1}}", "{\"a\":5}", MergeStrategy.DEEP_MERGE, "{\"a\":5}");
        assertMerge("{\"a\":5}", "{\"a\":{\"x\":1}}", MergeStrategy.DEEP_MERGE, "{\"a\":{\"x\":1}}");
    }

    @Test
    void mergingOntoNothingOrANonObjectGivesTheUpdate() {
        assertMerge("null", "{\"a\":1}", MergeStrategy.MERGE, "{\"a\":1}");
        assertMerge("[1,2]", "{\"a\":1}", MergeStrategy.DEEP_MERGE, "{\"a\":1}");
        assertMerge("\"s\"", "{\"a\":1}", MergeStrategy.MERGE, "{\"a\":1}");
    }

    @Test
    void aMergeNeedsAnObject() {
        assertThrows(IllegalArgumentException.class, () -> JsonMerge.apply(json("{}"), json("[1]"), MergeStrategy.MERGE));
        assertThrows(IllegalArgumentException.class, () -> JsonMerge.apply(json("{}"), JsonValue.NULL, MergeStrategy.DEEP_MERGE));
    }

    @Test
    void bigNumbersAndEmptyContainersSurviveExactly() {
        assertMerge("{\"big\":12345678901234567890,\"e\":[]}", "{\"f\":{}}", MergeStrategy.MERGE,
            "{\"big\":12345678901234567890,\"e\":[],\"f\":{}}");
    }

    @Test
    void strategiesHaveMeshWireNames() {
        assertEquals(MergeStrategy.DEEP_MERGE, MergeStrategy.fromWireName("deepMerge").orElseThrow());
        assertEquals(MergeStrategy.MERGE, MergeStrategy.fromWireName("merge").orElseThrow());
        assertEquals(MergeStrategy.REPLACE, MergeStrategy.fromWireName("replace").orElseThrow());
        assertEquals(java.util.Optional.empty(), MergeStrategy.fromWireName("DEEP_MERGE"));
    }
}
