package dev.jakartamesh.it;

import static dev.jakartamesh.it.Jsons.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code mesh.redis.pipelining=false} every command goes to Redis on a pooled connection of
 * its own instead of the shared pipeline: the built-ins behave the same, from many clients at once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UnpipelinedIT {

    private static final String URL = ItConfig.wsUrl("mesh-unpipelined");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig("mesh-unpipelined", "mesh.redis.pipelining=false\n");
    }

    private static JsonObject room(String name) {
        return Json.createObjectBuilder().add("roomName", name).build();
    }

    @Test
    void theBuiltInsWorkFromManyClientsAndLeaveNothingBehind() throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        Concurrently.run(8, thread -> {
            try (MeshTestClient client = MeshTestClient.connect(URL)) {
                ids.add(client.connectionId());
                for (int i = 0; i < 20; i++) {
                    client.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"t\":" + thread + ",\"i\":" + i + "}}"));
                    client.call("mesh/set-my-connection-metadata",
                        obj("{\"metadata\":{\"seen\":true},\"options\":{\"strategy\":\"merge\"}}"));
                    assertEquals(obj("{\"metadata\":{\"t\":" + thread + ",\"i\":" + i + ",\"seen\":true}}"),
                        client.call("mesh/get-my-connection-metadata", JsonValue.NULL));
                }
                JsonObject joined = client.call("mesh/join-room", room("unpipelined-room")).asJsonObject();
                assertTrue(joined.getJsonArray("present").stream()
                    .anyMatch(member -> member.asJsonObject().getString("id").equals(client.connectionId())));
                assertEquals(obj("{\"success\":true}"), client.call("mesh/leave-room", room("unpipelined-room")));
            }
        });
        try (RedisProbe redis = new RedisProbe()) {
            for (String id : ids) {
                assertTrue(RedisProbe.eventually(() -> redis.leftNothingOf(id, "unpipelined-room")), "nothing left of " + id);
            }
        }
        assertEquals(8, ids.size());
    }
}
