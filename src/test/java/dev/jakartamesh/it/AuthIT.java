package dev.jakartamesh.it;

import static dev.jakartamesh.it.Jsons.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Handshake authentication and the metadata access policy, with an application's own authenticator
 * and policy (alternatives that replace the WAR's demo ones) and a configured server-owned key.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthIT {

    private static final String URL = ItConfig.wsUrl("mesh-auth");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig("mesh-auth", "mesh.metadata.server-owned-keys=tier, role\n")
            .addClasses(TestAuthenticator.class, TestPolicy.class);
    }

    private static Map<String, String> bearer(String user) {
        return Map.of("Authorization", "Bearer " + user);
    }

    private static JsonObject metadataOf(MeshTestClient client) throws Exception {
        return client.call("mesh/get-my-connection-metadata", JsonValue.NULL).asJsonObject().getJsonObject("metadata");
    }

    @Test
    void handshakesAreRejectedWithTheAuthenticatorsStatus() throws Exception {
        assertEquals(401, MeshTestClient.handshakeStatus(URL, Map.of()));
        assertEquals(403, MeshTestClient.handshakeStatus(URL, bearer("banned")));
        assertEquals(101, MeshTestClient.handshakeStatus(URL, bearer("alice")));
    }

    @Test
    void anAcceptedConnectionStartsWithTheAuthenticatorsMetadata() throws Exception {
        try (MeshTestClient alice = MeshTestClient.connect(URL, Map.of("Authorization", "Bearer alice", "Cookie", "via=cookie"))) {
            JsonObject metadata = metadataOf(alice);
            assertEquals("alice", metadata.getString("user"));
            assertEquals("cookie", metadata.getString("via"));
            assertTrue(metadata.getString("remote").contains("127.0.0.1") || metadata.getString("remote").contains(":"));
        }
    }

    @Test
    void concurrentHandshakesEachGetTheirOwnMetadata() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String user = "user" + i;
                results.add(pool.submit(() -> {
                    try (MeshTestClient client = MeshTestClient.connect(URL, bearer(user))) {
                        return user.equals(metadataOf(client).getString("user"));
                    }
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void serverOwnedKeysCannotBeWrittenByTheClient() throws Exception {
        try (MeshTestClient alice = MeshTestClient.connect(URL, bearer("alice"))) {
            for (String update : new String[] {
                "{\"metadata\":{\"user\":\"mallory\"},\"options\":{\"strategy\":\"merge\"}}",
                "{\"metadata\":{\"user\":\"mallory\"}}",
                "{\"metadata\":{\"tier\":\"gold\"},\"options\":{\"strategy\":\"deepMerge\"}}",
                "{\"metadata\":{\"role\":\"admin\"}}",
                "{\"metadata\":\"just text\"}",
                "{\"metadata\":null}"}) {
                JsonObject reply = alice.request("mesh/set-my-connection-metadata", obj(update)).asJsonObject();
                assertEquals("EFORBIDDEN", reply.getString("code"), update);
                assertEquals("ForbiddenError", reply.getString("name"));
            }
            alice.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"mood\":\"happy\"},\"options\":{\"strategy\":\"merge\"}}"));
            assertEquals("alice", metadataOf(alice).getString("user"));
            assertEquals("happy", metadataOf(alice).getString("mood"));
            alice.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"color\":\"red\"}}"));
            JsonObject replaced = metadataOf(alice);
            assertEquals("alice", replaced.getString("user"), "a replace keeps what the server owns");
            assertEquals("red", replaced.getString("color"));
            assertTrue(!replaced.containsKey("mood"), "and replaces the rest");
        }
    }

    @Test
    void thePolicyDeniesReadsAndWrites() throws Exception {
        try (MeshTestClient guest = MeshTestClient.connect(URL, bearer("guest"));
             MeshTestClient alice = MeshTestClient.connect(URL, bearer("alice"))) {
            JsonObject read = guest.request("mesh/get-connection-metadata",
                Json.createObjectBuilder().add("connectionId", alice.connectionId()).build()).asJsonObject();
            assertEquals("EFORBIDDEN", read.getString("code"));
            assertEquals("guest", metadataOf(guest).getString("user"), "its own metadata stays readable");
            JsonObject write = guest.request("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"x\":1},\"options\":{\"strategy\":\"merge\"}}")).asJsonObject();
            assertEquals("EFORBIDDEN", write.getString("code"));
            assertEquals("guest", alice.call("mesh/get-connection-metadata",
                Json.createObjectBuilder().add("connectionId", guest.connectionId()).build()).asJsonObject()
                .getJsonObject("metadata").getString("user"), "others may read");
        }
    }
}
