package dev.jakartamesh.sample;

import dev.jakartamesh.auth.AuthDecision;
import dev.jakartamesh.auth.MeshAuthenticator;
import dev.jakartamesh.auth.UpgradeRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The demo's authenticator: {@code ws://host/mesh?name=Ada} connects as "Ada", and that name is
 * server-owned metadata the client cannot change. Without a name the connection is anonymous (no
 * metadata); a name that is blank, longer than 40 characters or holds control characters is
 * refused with 403. A real application would check a token or a session cookie here.
 */
@ApplicationScoped
public class DisplayNameAuthenticator implements MeshAuthenticator {

    private static final int MAX_NAME_LENGTH = 40;

    @Override
    public AuthDecision authenticate(UpgradeRequest request) {
        String name = request.queryParameter("name");
        if (name == null) {
            return AuthDecision.accept();
        }
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
            return AuthDecision.forbidden("a display name has 1 to " + MAX_NAME_LENGTH + " printable characters");
        }
        return AuthDecision.accept(Map.of("name", trimmed));
    }
}
