package dev.jakartamesh.metadata;

import dev.jakartamesh.protocol.JsonP;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;

/** Combines a stored JSON value with a new one, following a {@link MergeStrategy}. Pure and thread-safe. */
public final class JsonMerge {

    private JsonMerge() {
    }

    /**
     * The value to store when {@code update} is written over {@code current}.
     *
     * @param current  the stored value, {@link JsonValue#NULL} when there is none
     * @param update   the value written; for the merge strategies it must be an object
     * @param strategy how they combine
     * @throws IllegalArgumentException when a merge strategy is given a non-object update
     */
    public static JsonValue apply(JsonValue current, JsonValue update, MergeStrategy strategy) {
        if (strategy == MergeStrategy.REPLACE) {
            return update;
        }
        if (update.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("a " + strategy.wireName() + " update must be a JSON object");
        }
        if (current.getValueType() != JsonValue.ValueType.OBJECT) {
            return update;
        }
        return merge(current.asJsonObject(), update.asJsonObject(), strategy == MergeStrategy.DEEP_MERGE);
    }

    /**
     * {@code result} with the {@code keys} of {@code stored} put back as they were (and removed
     * when {@code stored} had none). With no keys, or neither value an object, {@code result} as is;
     * a non-object result loses nothing only when {@code stored} holds none of the keys.
     */
    public static JsonValue keep(JsonValue stored, JsonValue result, java.util.Set<String> keys) {
        if (keys.isEmpty() || !(stored instanceof JsonObject storedObject)) {
            return result;
        }
        boolean holdsAny = keys.stream().anyMatch(storedObject::containsKey);
        if (!(result instanceof JsonObject) && !holdsAny) {
            return result;
        }
        JsonObject base = result instanceof JsonObject resultObject ? resultObject : JsonValue.EMPTY_JSON_OBJECT;
        JsonObjectBuilder kept = JsonP.createObjectBuilder(base);
        for (String key : keys) {
            if (storedObject.containsKey(key)) {
                kept.add(key, storedObject.get(key));
            } else {
                kept.remove(key);
            }
        }
        return kept.build();
    }

    private static JsonObject merge(JsonObject current, JsonObject update, boolean deep) {
        JsonObjectBuilder result = JsonP.createObjectBuilder(current);
        for (Map.Entry<String, JsonValue> field : update.entrySet()) {
            JsonValue existing = current.get(field.getKey());
            JsonValue incoming = field.getValue();
            if (deep && existing instanceof JsonObject existingObject && incoming instanceof JsonObject incomingObject) {
                result.add(field.getKey(), merge(existingObject, incomingObject, true));
            } else {
                result.add(field.getKey(), incoming);
            }
        }
        return result.build();
    }
}
