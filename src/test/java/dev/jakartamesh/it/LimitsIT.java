package dev.jakartamesh.it;

import static dev.jakartamesh.it.Jsons.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The per-connection limits, each with its own error code, and a client that stops reading. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LimitsIT {

    private static final String URL = ItConfig.wsUrl("mesh-limits");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig("mesh-limits", String.join("\n",
            "mesh.limits.commands-per-second=5",
            "mesh.limits.command-burst=5",
            "mesh.limits.rooms-per-connection=3",
            "mesh.limits.send-buffer-bytes=1048576",
            "mesh.limits.send-buffer-grace-ms=1000", "")).addClass(ClusterTestServlet.class);
    }

    private static JsonObject room(String name) {
        return Json.createObjectBuilder().add("roomName", name).build();
    }

    @Test
    void overTheCommandRateClientsGetERATELIMITAndStayConnected() throws Exception {
        try (MeshTestClient client = MeshTestClient.connect(URL)) {
            int answered = 0;
            int limited = 0;
            for (int i = 0; i < 20; i++) {
                JsonValue reply = client.request("mesh/noop", JsonValue.NULL);
                if (JsonValue.TRUE.equals(reply)) {
                    answered++;
                } else {
                    assertEquals("ERATELIMIT", reply.asJsonObject().getString("code"));
                    assertEquals("LimitError", reply.asJsonObject().getString("name"));
                    limited++;
                }
            }
            assertTrue(answered >= 5, "the burst is answered: " + answered);
            assertTrue(limited > 0, "the rest is limited");
            assertFalse(client.isClosed());
            assertTrue(RedisProbe.eventually(() -> {
                try {
                    return JsonValue.TRUE.equals(client.request("mesh/noop", JsonValue.NULL));
                } catch (Exception e) {
                    return false;
                }
            }), "after a pause, commands are answered again");
        }
    }

    @Test
    void aConnectionCanBeInAtMostTheConfiguredNumberOfRooms() throws Exception {
        String tag = UUID.randomUUID().toString();
        try (MeshTestClient client = MeshTestClient.connect(URL)) {
            for (int i = 0; i < 3; i++) {
                client.call("mesh/join-room", room("limit-" + i + "-" + tag));
            }
            JsonObject fourth = client.request("mesh/join-room", room("limit-3-" + tag)).asJsonObject();
            assertEquals("EROOMLIMIT", fourth.getString("code"));
            assertEquals("LimitError", fourth.getString("name"));
            Thread.sleep(1100);
            assertTrue(client.call("mesh/join-room", room("limit-0-" + tag)).asJsonObject().getBoolean("success"), "rejoining is fine");
            client.call("mesh/leave-room", room("limit-0-" + tag));
            assertTrue(client.call("mesh/join-room", room("limit-3-" + tag)).asJsonObject().getBoolean("success"));
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWithoutHoldingUpTheOthers() throws Exception {
        String roomName = "slow-" + UUID.randomUUID();
        MeshTestClient stalled = MeshTestClient.connect(URL);
        try (MeshTestClient healthy = MeshTestClient.connect(URL); RedisProbe redis = new RedisProbe()) {
            healthy.call("mesh/join-room", room(roomName));
            stalled.call("mesh/join-room", room(roomName));
            String stalledId = stalled.connectionId();
            stalled.stopReading();
            int batches = 0;
            long received = 0;
            while (redis.hexists("connections", stalledId) && batches < 60) {
                flood(roomName, 100, 10_000);
                batches++;
                long expected = 100L * batches;
                assertTrue(RedisProbe.eventually(() -> count(healthy) >= expected), "the healthy client keeps up");
                received = count(healthy);
            }
            assertFalse(redis.hexists("connections", stalledId), "the stalled connection was closed after " + batches + " MB");
            assertTrue(redis.leftNothingOf(stalledId, roomName));
            assertEquals(100L * batches, received, "the healthy client got every push, once");
            assertEquals(JsonValue.TRUE, healthy.call("mesh/noop", JsonValue.NULL));
        } finally {
            stalled.abort();
        }
    }

    private static long count(MeshTestClient client) {
        return client.receivedSoFar(f -> "test/big".equals(f.getString("command", null))).size();
    }

    private static void flood(String roomName, int times, int size) throws Exception {
        String url = URL.replace("ws://", "http://").replaceAll("/mesh$", "/cluster-test")
            + "?action=flood&command=test/big&room=" + roomName + "&times=" + times + "&size=" + size;
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
