package dev.jakartamesh.metadata;

import dev.jakartamesh.config.MeshConfig;
import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.JsonP;
import dev.jakartamesh.protocol.MeshException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns metadata between the forms the managers accept and return (JSON-P values, JSON-B-mappable
 * objects) and the JSON text stored in Redis, and enforces the metadata size limit.
 */
@ApplicationScoped
public class MetadataCodec {

    private static final Logger LOG = Logger.getLogger(MetadataCodec.class.getName());

    @Inject
    MeshConfig config;

    private Jsonb jsonb;

    @jakarta.annotation.PostConstruct
    void open() {
        jsonb = JsonbBuilder.create();
    }

    /** Any value as JSON-P: {@code null} becomes {@link JsonValue#NULL}, other objects go through JSON-B. */
    public JsonValue toJsonValue(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        try {
            return parse(jsonb.toJson(value));
        } catch (JsonbException e) {
            throw new MeshException(ErrorCode.EPAYLOAD, "metadata cannot be mapped to JSON: " + value.getClass().getName(), e);
        }
    }

    /** The JSON text to store, checked against the metadata size limit. */
    public String toStoredText(JsonValue value) {
        String text = value.toString();
        int limit = config.maxMetadataBytes();
        if (text.length() > limit / 3 && text.getBytes(StandardCharsets.UTF_8).length > limit) {
            throw new MeshException(ErrorCode.EMETADATASIZE, "metadata is larger than " + limit + " bytes");
        }
        return text;
    }

    /** A stored JSON text as JSON-P; {@code null} (nothing stored) becomes {@link JsonValue#NULL}. */
    public JsonValue parse(String text) {
        if (text == null) {
            return JsonValue.NULL;
        }
        try (JsonReader reader = JsonP.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** A stored JSON text bound to {@code type} with JSON-B; {@code null} stays {@code null}. */
    public <T> T bind(String text, Type type) {
        if (text == null) {
            return null;
        }
        try {
            return jsonb.fromJson(text, type);
        } catch (JsonbException e) {
            throw new MeshException(ErrorCode.EPAYLOAD, "metadata does not bind to " + type.getTypeName(), e);
        }
    }

    @PreDestroy
    void close() {
        if (jsonb != null) {
            try {
                jsonb.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing JSON-B", e);
            }
        }
    }
}
