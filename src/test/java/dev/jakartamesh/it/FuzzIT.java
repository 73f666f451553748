package dev.jakartamesh.it;

import static dev.jakartamesh.it.Jsons.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * More than 10,000 random and mutated frames from several connections, while a separate connection
 * keeps checking that well-formed commands are answered correctly. Afterwards the server log shows
 * no unexpected exception and Redis holds exactly what the well-behaved connection stored.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FuzzIT {

    private static final String URL = ItConfig.wsUrl("mesh-fuzz");
    private static final Path LOG = Path.of(ItConfig.wlpDir(), "usr/servers/meshIT/logs/messages.log");
    private static final int CONNECTIONS = 8;
    private static final int FRAMES_PER_CONNECTION = 1300;
    private static final String[] COMMANDS = {"mesh/noop", "mesh/get-connection-metadata", "mesh/get-my-connection-metadata",
        "mesh/set-my-connection-metadata", "mesh/join-room", "mesh/leave-room", "mesh/get-room-metadata", "pong",
        "latency:response", "no/such", "", "chat/send"};
    private static final String[] VALUES = {"null", "true", "false", "0", "-1", "1.5", "1e400", "-1e400",
        "123456789012345678901234567890", "\"\"", "\"fuzz-a\"", "\"x\"", "[]", "[1,2]", "{}", "{\"a\":{\"b\":[null]}}",
        "\"\\u0000\"", "\"\\ud800\"", "\"" + "long".repeat(100) + "\""};
    private static final String[] FIELDS = {"connectionId", "metadata", "options", "strategy", "roomName", "text", "id"};

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig("mesh-fuzz", "mesh.limits.commands-per-second=100000\nmesh.limits.command-burst=100000\n");
    }

    @Test
    void tenThousandBadFramesBreakNothing() throws Exception {
        long logStart = Files.size(LOG);
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean fuzzing = new AtomicBoolean(true);
        List<String> fuzzIds = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS + 1);
        try (MeshTestClient probe = MeshTestClient.connect(URL); RedisProbe redis = new RedisProbe()) {
            Future<Integer> checks = pool.submit(() -> probeWhile(probe, fuzzing));
            List<Future<?>> fuzzers = new ArrayList<>();
            List<MeshTestClient> clients = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                MeshTestClient client = MeshTestClient.connect(URL);
                clients.add(client);
                fuzzIds.add(client.connectionId());
                long seed = 1000L + c;
                fuzzers.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < FRAMES_PER_CONNECTION; i++) {
                        if (random.nextInt(100) == 0) {
                            client.sendBinary(new byte[] {(byte) random.nextInt(), 0, 1});
                        } else {
                            client.sendRaw(frame(random));
                        }
                        sent.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> fuzzer : fuzzers) {
                fuzzer.get();
            }
            sent.addAndGet(invalidUtf8AndNullFirstFrames());
            for (MeshTestClient client : clients) {
                assertFalse(client.isClosed(), "a fuzzed connection stays open");
                assertEquals(JsonValue.TRUE, client.call("mesh/noop", JsonValue.NULL));
            }
            fuzzing.set(false);
            int probes = checks.get();
            assertTrue(probes > 0);
            assertTrue(sent.get() >= 10_000, "sent " + sent.get());

            for (MeshTestClient client : clients) {
                client.close();
            }
            for (String id : fuzzIds) {
                assertTrue(RedisProbe.eventually(() -> redis.leftNothingOf(id, "fuzz-a", "x")), id);
            }
            assertEquals(obj("{\"probe\":\"final\"}"), probe.call("mesh/get-my-connection-metadata", JsonValue.NULL)
                .asJsonObject().get("metadata"));
            assertEquals(Set.of("probe-room"), redis.smembers("connection:" + probe.connectionId() + ":rooms"));
        } finally {
            fuzzing.set(false);
            pool.shutdownNow();
        }
        String log = new String(Files.readAllBytes(LOG), StandardCharsets.UTF_8).substring((int) Math.min(logStart, Files.size(LOG)));
        // Liberty records each invalid UTF-8 frame it refuses as an FFDC incident of its own: expected here.
        List<String> unexpected = log.lines()
            .filter(line -> line.contains(" E ") || line.contains("FFDC") || (line.contains("dev.jakartamesh") && line.contains(" W ")))
            .filter(line -> !line.contains("MalformedInputException"))
            .collect(Collectors.toList());
        assertEquals(List.of(), unexpected, "no unexpected errors in the server log");
    }

    /** Well-formed commands on their own connection, checked one by one while the fuzzers run. */
    private static int probeWhile(MeshTestClient probe, AtomicBoolean fuzzing) throws Exception {
        int round = 0;
        probe.call("mesh/join-room", obj("{\"roomName\":\"probe-room\"}"));
        while (fuzzing.get() || round < 5) {
            JsonObject metadata = Json.createObjectBuilder().add("probe", round).build();
            assertEquals(obj("{\"success\":true}"), probe.call("mesh/set-my-connection-metadata",
                Json.createObjectBuilder().add("metadata", metadata).build()));
            assertEquals(metadata, probe.call("mesh/get-my-connection-metadata", JsonValue.NULL).asJsonObject().get("metadata"));
            assertEquals(JsonValue.TRUE, probe.call("mesh/noop", JsonValue.NULL));
            round++;
        }
        probe.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"probe\":\"final\"}}"));
        return round;
    }

    /** Invalid UTF-8 and null as the first frame, on bare sockets: each is closed or answered, never more. */
    private static int invalidUtf8AndNullFirstFrames() throws Exception {
        byte[][] payloads = {{(byte) 0xc3, 0x28}, {(byte) 0xff, (byte) 0xfe}, {'{', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'}};
        for (byte[] payload : payloads) {
            try (RawWebSocket raw = new RawWebSocket(URL)) {
                raw.sendText(payload);
                int code = raw.awaitClose();
                assertTrue(code == 1007 || code == -1 || code == 1002, "invalid UTF-8 closes that connection: " + code);
            }
        }
        try (RawWebSocket raw = new RawWebSocket(URL)) {
            raw.sendText("null".getBytes(StandardCharsets.UTF_8));
            boolean answered = false;
            for (int i = 0; i < 5 && !answered; i++) {
                answered = raw.read().text().contains("EBADFRAME");
            }
            assertTrue(answered, "a null first frame gets an error reply");
        }
        return payloads.length + 1;
    }

    private static String frame(Random random) {
        switch (random.nextInt(8)) {
            case 0:
                return truncated(wellFormed(random), random);
            case 1:
                return "[".repeat(30 + random.nextInt(2000)) + "]".repeat(random.nextInt(3));
            case 2:
                return VALUES[random.nextInt(VALUES.length)];
            case 3:
                return randomText(random);
            case 4:
                return "{\"id\":" + VALUES[random.nextInt(VALUES.length)] + ",\"command\":\"" + pick(COMMANDS, random) + "\",\"payload\":{}}";
            default:
                return wellFormed(random);
        }
    }

    /**
     * A frame of the right shape whose fields hold any JSON type. Its id is negative, so that no
     * truncated copy (whose id the server still reads and answers) matches the positive ids the
     * test's own requests use.
     */
    private static String wellFormed(Random random) {
        StringBuilder payload = new StringBuilder("{");
        int fields = random.nextInt(4);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                payload.append(',');
            }
            payload.append('"').append(pick(FIELDS, random)).append("\":");
            payload.append(random.nextInt(3) == 0 ? "{\"strategy\":" + VALUES[random.nextInt(VALUES.length)] + "}" : VALUES[random.nextInt(VALUES.length)]);
        }
        payload.append('}');
        String body = random.nextInt(5) == 0 ? VALUES[random.nextInt(VALUES.length)] : payload.toString();
        return "{\"id\":" + -(10_000_000 + random.nextInt(1_000_000)) + ",\"command\":\"" + pick(COMMANDS, random) + "\",\"payload\":" + body + "}";
    }

    private static String truncated(String frame, Random random) {
        return frame.substring(0, random.nextInt(frame.length()));
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0xd7ff)));
        }
        return text.toString();
    }

    private static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }
}
