package dev.jakartamesh.command;

import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.MeshException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reads the fields of command payloads, with a clear {@code EPAYLOAD} error for each wrong type. */
final class Payloads {

    private Payloads() {
    }

    static JsonObject object(CommandContext context) {
        if (context.payload() instanceof JsonObject object) {
            return object;
        }
        throw new MeshException(ErrorCode.EPAYLOAD, context.command() + " takes an object payload");
    }

    static String string(CommandContext context, String field) {
        JsonValue value = object(context).get(field);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new MeshException(ErrorCode.EPAYLOAD, context.command() + " needs the string field '" + field + "'");
    }

    /** An optional boolean field: {@code fallback} when absent or null. */
    static boolean flag(CommandContext context, String field, boolean fallback) {
        JsonValue value = object(context).get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw new MeshException(ErrorCode.EPAYLOAD, context.command() + ": '" + field + "' must be a boolean");
    }

    static JsonValue required(CommandContext context, String field) {
        JsonValue value = object(context).get(field);
        if (value == null) {
            throw new MeshException(ErrorCode.EPAYLOAD, context.command() + " needs the field '" + field + "'");
        }
        return value;
    }
}
