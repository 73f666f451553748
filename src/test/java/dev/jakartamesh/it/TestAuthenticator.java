package dev.jakartamesh.it;

import dev.jakartamesh.auth.AuthDecision;
import dev.jakartamesh.auth.MeshAuthenticator;
import dev.jakartamesh.auth.UpgradeRequest;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import java.util.Map;

/** Bearer tokens: none is 401, "banned" is 403, any other name connects as that user. */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 10)
public class TestAuthenticator implements MeshAuthenticator {

    @Override
    public AuthDecision authenticate(UpgradeRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return AuthDecision.unauthorized("a bearer token is required");
        }
        String user = authorization.substring("Bearer ".length());
        if (user.equals("banned")) {
            return AuthDecision.forbidden("banned");
        }
        return AuthDecision.accept(Map.of("user", user, "via", request.cookie("via") == null ? "header" : request.cookie("via"),
            "remote", request.remoteAddress()));
    }
}
