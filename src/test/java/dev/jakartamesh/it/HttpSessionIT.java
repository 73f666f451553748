package dev.jakartamesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A WebSocket connection leaves no HTTP session behind: the container's upgrade would otherwise
 * create one per handshake, alive for the session timeout after the socket closed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HttpSessionIT {

    private static final String URL = ItConfig.wsUrl("mesh-sessions");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.realWar("mesh-sessions").addClasses(HttpSessionCounter.class, HttpSessionCounter.CountServlet.class);
    }

    private static int sessionsCreated(String query) throws Exception {
        String url = URL.replace("ws://", "http://").replaceAll("/mesh$", "/session-count") + query;
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Integer.parseInt(response.body().trim());
    }

    @Test
    void handshakesCreateNoHttpSession() throws Exception {
        int before = sessionsCreated("");
        for (int i = 0; i < 20; i++) {
            try (MeshTestClient client = MeshTestClient.connect(URL)) {
                assertEquals(JsonValue.TRUE, client.call("mesh/noop", JsonValue.NULL));
            }
        }
        assertEquals(before, sessionsCreated(""), "20 WebSocket connections created HTTP sessions");
        assertEquals(before + 1, sessionsCreated("?action=create"), "the counter counts the sessions a servlet creates");
    }
}
