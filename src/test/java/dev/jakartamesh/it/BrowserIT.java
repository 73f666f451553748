package dev.jakartamesh.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo page and {@code mesh-client.js} in a real browser: runs {@code src/test/browser/demo.test.mjs}
 * (headless Debian Chromium driven by playwright-core) against the real WAR, and checks its verdict.
 * The script's checks: two pages in one room see each other's name and color, live; a topic edit
 * reaches the other page; a connection the server drops comes back in its room with its metadata;
 * the client's errors, timeouts, queue, keepalive and close. A screenshot lands in {@code target/browser/}.
 *
 * <p>Needs {@code node} on the PATH, {@code src/test/browser/node_modules} ({@code npm ci}, which
 * {@code mvn verify} runs before the integration tests) and Chromium at {@code /usr/bin/chromium}
 * (or {@code -Dmesh.it.chromium=...}). When one is missing the test fails and says which.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserIT {

    private static final long RUN_LIMIT_SECONDS = 180;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.realWar().addClass(BrowserTestServlet.class);
    }

    @Test
    void theDemoAndTheClientWorkInHeadlessChromium() throws Exception {
        Path chromium = NodeScript.chromium();
        Path out = NodeScript.basedir().resolve("target/browser");
        Files.createDirectories(out);
        Path screenshot = out.resolve("demo.png");
        Files.deleteIfExists(screenshot);

        String base = ItConfig.wsUrl().replaceFirst("^ws", "http").replaceFirst("mesh$", "");
        NodeScript.Result result = NodeScript.run("demo.test.mjs", List.of("--base", base, "--out", out.toString(),
            "--chromium", chromium.toString(), "--timeout", String.valueOf((RUN_LIMIT_SECONDS - 20) * 1000)), RUN_LIMIT_SECONDS);
        boolean finished = result.finished();
        String log = result.log();
        Files.writeString(out.resolve("output.txt"), log);

        assertTrue(finished, "the browser tests did not finish within " + RUN_LIMIT_SECONDS + " s:\n" + log);
        assertEquals(0, result.exitCode(), "the browser tests failed:\n" + log);
        List<String> passed = new ArrayList<>(log.lines().filter(line -> line.startsWith("ok - ")).toList());
        for (String expected : List.of(
                "ok - two pages join one room and each sees the other's name and color",
                "ok - a topic edit on one page appears on the other",
                "ok - a connection the server drops comes back in its room with its metadata",
                "ok - a screenshot of the demo is saved",
                "ok - after a drop, queued commands run once the rooms and metadata are restored")) {
            assertTrue(passed.contains(expected), "missing: " + expected + "\n" + log);
        }
        assertTrue(log.lines().anyMatch("PASS"::equals), log);
        assertTrue(Files.size(screenshot) > 1000, "the screenshot is empty");
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(screenshot), PNG_SIGNATURE.length),
            "the screenshot is a PNG");
    }
}
