package dev.jakartamesh.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;

/** JSON literals for tests. */
public final class Jsons {

    private Jsons() {
    }

    /** Parses a JSON object literal. */
    public static JsonObject obj(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
