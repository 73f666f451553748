package dev.jakartamesh.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Path basedir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path scripts = basedir.resolve("src/test/browser");
        Path out = basedir.resolve("target/browser");
        Path chromium = Path.of(System.getProperty("mesh.it.chromium", "/usr/bin/chromium"));
        String node = System.getProperty("mesh.it.node", "node");

        if (!Files.isExecutable(chromium)) {
            fail("Chromium is missing: no executable at " + chromium + ". Install it (apt-get install -y chromium, "
                + "as .ci/run does) or point -Dmesh.it.chromium at one.");
        }
        if (!Files.isRegularFile(scripts.resolve("node_modules/playwright-core/package.json"))) {
            fail("playwright-core is missing from " + scripts.resolve("node_modules")
                + ". Run `npm ci` in src/test/browser (mvn verify does it in pre-integration-test; it needs node and npm).");
        }
        try {
            Process version = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            if (!version.waitFor(30, TimeUnit.SECONDS) || version.exitValue() != 0) {
                fail("`" + node + " --version` did not succeed; the browser tests need Node.js 20 or later.");
            }
        } catch (IOException e) {
            fail("Node.js is missing: cannot run `" + node + "` (" + e.getMessage() + "). Install Node.js 20 or later, "
                + "or point -Dmesh.it.node at it.");
        }
        Files.createDirectories(out);
        Path screenshot = out.resolve("demo.png");
        Files.deleteIfExists(screenshot);

        String base = ItConfig.wsUrl().replaceFirst("^ws", "http").replaceFirst("mesh$", "");
        List<String> command = List.of(node, "demo.test.mjs", "--base", base, "--out", out.toString(),
            "--chromium", chromium.toString(), "--timeout", String.valueOf((RUN_LIMIT_SECONDS - 20) * 1000));
        Process run = new ProcessBuilder(command).directory(scripts.toFile()).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                synchronized (output) {
                    output.append("(reading the output failed: ").append(e.getMessage()).append(")\n");
                }
            }
        }, "browser-test-output");
        reader.start();
        boolean finished = run.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            run.destroy();
            if (!run.waitFor(10, TimeUnit.SECONDS)) {
                run.destroyForcibly();
            }
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        String log;
        synchronized (output) {
            log = output.toString();
        }
        Files.writeString(out.resolve("output.txt"), log);
        System.out.println("browser tests (" + String.join(" ", command) + "):\n" + log);

        assertTrue(finished, "the browser tests did not finish within " + RUN_LIMIT_SECONDS + " s:\n" + log);
        assertEquals(0, run.exitValue(), "the browser tests failed:\n" + log);
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
