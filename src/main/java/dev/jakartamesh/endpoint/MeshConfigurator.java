package dev.jakartamesh.endpoint;

import dev.jakartamesh.auth.HandshakeAuthentication;
import jakarta.json.JsonValue;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/** Carries the initial metadata that the handshake filter accepted into the new session's properties. */
public class MeshConfigurator extends ServerEndpointConfig.Configurator {

    static final String INITIAL_METADATA = "dev.jakartamesh.initialMetadata";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        JsonValue metadata = HandshakeAuthentication.acceptedMetadata();
        config.getUserProperties().put(INITIAL_METADATA, metadata == null ? JsonValue.NULL : metadata);
    }
}
