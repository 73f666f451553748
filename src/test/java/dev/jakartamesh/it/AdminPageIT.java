package dev.jakartamesh.it;

import static dev.jakartamesh.it.Jsons.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin page in headless Chromium: 401 without credentials, then list, filter, edit, disconnect, delete. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.realWar();
    }

    @Test
    void anAdministratorManagesConnectionsAndRoomsFromThePage() throws Exception {
        Path chromium = NodeScript.chromium();
        String room = "admin-page-" + UUID.randomUUID();
        Path out = NodeScript.basedir().resolve("target/browser");
        try (MeshTestClient client = MeshTestClient.connect(); RedisProbe redis = new RedisProbe()) {
            client.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"role\":\"admin-page-test\"}}"));
            client.call("mesh/join-room", obj("{\"roomName\":\"" + room + "\"}"));
            String base = ItConfig.wsUrl().replaceFirst("^ws", "http").replaceFirst("mesh$", "");
            NodeScript.Result result = NodeScript.run("admin.test.mjs", List.of("--base", base, "--connection", client.connectionId(),
                "--room", room, "--out", out.toString(), "--chromium", chromium.toString(), "--timeout", "100000"), 120);
            Files.createDirectories(out);
            Files.writeString(out.resolve("admin-output.txt"), result.log());
            assertTrue(result.finished(), result.log());
            assertEquals(0, result.exitCode(), result.log());
            for (String check : List.of("without credentials the page is refused with 401",
                "an administrator sees instances, the connection with its metadata, and the room",
                "editing the room metadata from the page", "disconnecting the connection from the page",
                "deleting the room from the page", "no errors in the page")) {
                assertTrue(result.log().contains("ok - " + check), check + "\n" + result.log());
            }
            assertEquals(4000, client.awaitClose(), "the page disconnected it");
            assertTrue(RedisProbe.eventually(() -> !redis.exists("room:" + room + ":members") && !redis.hexists("room-metadata", room)));
            assertTrue(Files.size(out.resolve("admin.png")) > 1000);
        }
    }
}
