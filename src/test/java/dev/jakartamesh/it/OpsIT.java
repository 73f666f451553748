package dev.jakartamesh.it;

import static dev.jakartamesh.it.Jsons.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health, metrics, the admin REST API behind role mesh-admin, and MBeans of two deployments side by side. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpsIT {

    private static final String BASE = ItConfig.wsUrl().replace("ws://", "http://").replaceAll("/mesh-it/mesh$", "");
    private static final String ADMIN = BASE + "/mesh-it/admin/";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ArquillianResource
    Deployer deployer;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.realWar().addClass(ClusterTestServlet.class);
    }

    @Deployment(name = "second", managed = false, testable = false)
    static WebArchive second() {
        return Deployments.realWar("mesh-second");
    }

    private static HttpResponse<String> send(String method, String url, String credentials, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonValue admin(String method, String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(method, ADMIN + "api/" + path, "admin:admin", body);
        assertEquals(expectedStatus, response.statusCode(), method + " " + path + ": " + response.body());
        return Json.createReader(new StringReader(response.body())).readValue();
    }

    @Test
    void healthReportsRedisAndTheHeartbeat() throws Exception {
        HttpResponse<String> ready = send("GET", BASE + "/health/ready", null, null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("mesh-redis"), ready.body());
        HttpResponse<String> live = send("GET", BASE + "/health/live", null, null);
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("mesh-heartbeat") && live.body().contains("lastHeartbeat"), live.body());
    }

    @Test
    void metricsCountCommandsErrorsConnectionsAndRooms() throws Exception {
        try (MeshTestClient client = MeshTestClient.connect()) {
            client.call("mesh/noop", JsonValue.NULL);
            client.request("no/such-command");
            HttpResponse<String> metrics = send("GET", BASE + "/metrics?scope=application", null, null);
            assertEquals(200, metrics.statusCode());
            String text = metrics.body();
            for (String expected : new String[] {"mesh_connections", "mesh_rooms", "mesh_commands_total", "command=\"mesh/noop\"",
                "mesh_command_duration", "mesh_errors_total", "code=\"ENOTFOUND\""}) {
                assertTrue(text.contains(expected), expected + " in\n" + text);
            }
            assertFalse(text.contains("no/such-command"), "unknown command names are not metric tags");
        }
    }

    @Test
    void theAdminApiNeedsTheAdminRole() throws Exception {
        assertEquals(401, send("GET", ADMIN + "api/stats", null, null).statusCode());
        assertEquals(401, send("GET", ADMIN + "api/stats", "admin:wrong", null).statusCode());
        assertEquals(401, send("GET", ADMIN, null, null).statusCode(), "the page too");
        HttpResponse<String> page = send("GET", ADMIN, "admin:admin", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Jakarta Mesh"));
    }

    @Test
    void theAdminApiListsAndActs() throws Exception {
        String room = "admin-" + UUID.randomUUID();
        try (MeshTestClient boss = MeshTestClient.connect(); MeshTestClient worker = MeshTestClient.connect()) {
            boss.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"role\":\"boss\",\"tag\":\"" + room + "\"}}"));
            worker.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"role\":\"worker\",\"tag\":\"" + room + "\"}}"));
            boss.call("mesh/join-room", obj("{\"roomName\":\"" + room + "\"}"));
            worker.call("mesh/join-room", obj("{\"roomName\":\"" + room + "\"}"));

            JsonObject stats = admin("GET", "stats", null, 200).asJsonObject();
            assertTrue(stats.getInt("liveInstances") >= 1);
            JsonArray instances = admin("GET", "instances", null, 200).asJsonArray();
            assertTrue(instances.stream().anyMatch(i -> i.asJsonObject().getBoolean("self") && i.asJsonObject().getBoolean("alive")));

            JsonArray bosses = admin("GET", "connections?field=role&value=boss&limit=1000", null, 200).asJsonObject().getJsonArray("items");
            assertTrue(bosses.stream().anyMatch(c -> c.asJsonObject().getString("id").equals(boss.connectionId())));
            assertFalse(bosses.stream().anyMatch(c -> c.asJsonObject().getString("id").equals(worker.connectionId())));
            JsonArray firstPage = admin("GET", "connections?limit=1", null, 200).asJsonObject().getJsonArray("items");
            assertEquals(1, firstPage.size(), "paged");

            JsonObject listed = admin("GET", "rooms", null, 200).asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(r -> r.getString("name").equals(room)).findFirst().orElseThrow();
            assertEquals(2, listed.getJsonArray("members").size());

            admin("PUT", "rooms/" + room + "/metadata", "{\"topic\":\"from admin\"}", 200);
            assertEquals(obj("{\"metadata\":{\"topic\":\"from admin\"}}"), boss.call("mesh/get-room-metadata", obj("{\"roomName\":\"" + room + "\"}")));
            assertEquals(obj("{\"topic\":\"from admin\",\"open\":true}"), admin("PATCH", "rooms/" + room + "/metadata", "{\"open\":true}", 200));
            assertEquals(obj("{\"removed\":2}"), admin("POST", "rooms/" + room + "/clear", null, 200));
            assertEquals(obj("{\"existed\":false}"), admin("DELETE", "rooms/" + room, null, 200));

            assertEquals("not valid JSON", admin("PUT", "rooms/" + room + "/metadata", "{oops", 400).asJsonObject().getString("error")
                .substring(0, 14));
            assertTrue(admin("POST", "connections/nope/disconnect", null, 400).asJsonObject().getString("error").contains("no connection"));
            admin("POST", "connections/" + worker.connectionId() + "/disconnect", null, 200);
            assertEquals(4000, worker.awaitClose());
        }
    }

    @Test
    void twoDeploymentsHaveTheirOwnMBeansAndUndeployRemovesOne() throws Exception {
        String mbeans = servlet("mbeans");
        assertTrue(mbeans.contains("app=\"mesh-it\""), mbeans);
        deployer.deploy("second");
        try {
            String both = servlet("mbeans");
            assertTrue(both.contains("app=\"mesh-it\"") && both.contains("app=\"mesh-second\""), both);
        } finally {
            deployer.undeploy("second");
        }
        String after = servlet("mbeans");
        assertTrue(after.contains("app=\"mesh-it\"") && !after.contains("app=\"mesh-second\""), after);
    }

    private static String servlet(String action) throws Exception {
        return send("GET", BASE + "/mesh-it/cluster-test?action=" + action, null, null).body();
    }
}
