package dev.jakartamesh.it;

import static dev.jakartamesh.it.Jsons.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same WAR, as built, on Payara Micro 6 against the same Redis: the protocol built-ins, rooms,
 * an application command and cleanup. Anything Liberty-specific in the application fails it.
 */
class PayaraSmokeIT {

    private static final String PREFIX = "mesh-payara:";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final Path LOG = Path.of("target/payara/payara.log");
    private static Process payara;
    private static String url;

    @BeforeAll
    static void startPayara() throws Exception {
        String port = ItConfig.get("payara.port");
        url = "ws://127.0.0.1:" + port + "/mesh";
        Files.createDirectories(LOG.getParent());
        Files.deleteIfExists(LOG);
        payara = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dmesh.redis.url=" + ItConfig.redisUrl(), "-Dmesh.redis.prefix=" + PREFIX,
            "-jar", ItConfig.get("payara.jar"),
            "--deploy", ItConfig.get("war"), "--contextroot", "/", "--port", port, "--nocluster", "--nohostaware")
            .redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!payara.isAlive()) {
                throw new IllegalStateException("Payara Micro exited at start; see " + LOG.toAbsolutePath());
            }
            try (MeshTestClient probe = MeshTestClient.connect(url)) {
                return;
            } catch (Exception | AssertionError notYet) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the WAR did not come up on Payara Micro within " + START_TIMEOUT + "; see " + LOG.toAbsolutePath());
    }

    @AfterAll
    static void stopPayara() throws Exception {
        if (payara != null) {
            payara.destroy();
            if (!payara.waitFor(30, TimeUnit.SECONDS)) {
                payara.destroyForcibly();
            }
        }
    }

    @Test
    void theBuiltInsWork() throws Exception {
        try (MeshTestClient a = MeshTestClient.connect(url); MeshTestClient b = MeshTestClient.connect(url)) {
            assertEquals(JsonValue.TRUE, a.call("mesh/noop", JsonValue.NULL));
            a.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"name\":\"on payara\"}}"));
            a.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"color\":\"red\"},\"options\":{\"strategy\":\"merge\"}}"));
            assertEquals(obj("{\"metadata\":{\"name\":\"on payara\",\"color\":\"red\"}}"), a.call("mesh/get-my-connection-metadata", JsonValue.NULL));
            assertEquals(obj("{\"metadata\":{\"name\":\"on payara\",\"color\":\"red\"}}"), b.call("mesh/get-connection-metadata",
                Json.createObjectBuilder().add("connectionId", a.connectionId()).build()));
            assertEquals("ENOTFOUND", b.request("no/such").asJsonObject().getString("code"));
            assertEquals("General", b.call("mesh/get-room-metadata", obj("{\"roomName\":\"lobby\"}")).asJsonObject()
                .getJsonObject("metadata").getString("topic"), "the startup EJB ran");
        }
    }

    @Test
    void roomsAnApplicationCommandAndCleanup() throws Exception {
        String room = "payara-" + UUID.randomUUID();
        JsonObject join = Json.createObjectBuilder().add("roomName", room).build();
        try (RedisProbe redis = new RedisProbe(PREFIX); MeshTestClient stays = MeshTestClient.connect(url)) {
            MeshTestClient goes = MeshTestClient.connect(url);
            goes.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"n\":1}}"));
            goes.call("mesh/join-room", join);
            JsonValue present = stays.call("mesh/join-room", join);
            Map<String, JsonValue> members = present.asJsonObject().getJsonArray("present").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(m -> m.getString("id"), m -> m.get("metadata")));
            assertEquals(Map.of(goes.connectionId(), obj("{\"n\":1}"), stays.connectionId(), JsonValue.NULL), members);

            assertEquals(obj("{\"delivered\":2}"), stays.call("chat/send",
                Json.createObjectBuilder().add("roomName", room).add("text", "hi").build()));
            goes.awaitFrame(f -> "chat/message".equals(f.getString("command", null)));

            String id = goes.connectionId();
            assertTrue(redis.hexists("connections", id));
            goes.close();
            assertTrue(RedisProbe.eventually(() -> redis.leftNothingOf(id, room)), "cleanup on close");
            assertEquals(java.util.Set.of(stays.connectionId()), redis.smembers("room:" + room + ":members"));
            assertEquals(obj("{\"success\":true}"), stays.call("mesh/leave-room", join));
        }
        String log = Files.readString(LOG);
        List<String> severe = log.lines().filter(line -> line.contains("SEVERE")).toList();
        assertEquals(List.of(), severe, "no SEVERE lines in Payara's log");
        assertTrue(new File(ItConfig.get("war")).isFile());
    }
}
