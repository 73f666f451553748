package dev.jakartamesh.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a browser test script of src/test/browser with node, bounded in time, and returns its output. */
final class NodeScript {

    /** What a run printed, and how it ended. */
    record Result(boolean finished, int exitCode, String log) {
    }

    private NodeScript() {
    }

    static Path basedir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    static Path chromium() {
        Path chromium = Path.of(System.getProperty("mesh.it.chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            fail("Chromium is missing: no executable at " + chromium + ". Install it (apt-get install -y chromium, "
                + "as .ci/run does) or point -Dmesh.it.chromium at one.");
        }
        if (!Files.isRegularFile(basedir().resolve("src/test/browser/node_modules/playwright-core/package.json"))) {
            fail("playwright-core is missing. Run `npm ci` in src/test/browser (mvn verify does it; it needs node and npm).");
        }
        return chromium;
    }

    static Result run(String script, List<String> arguments, long limitSeconds) throws Exception {
        List<String> command = new ArrayList<>(List.of(System.getProperty("mesh.it.node", "node"), script));
        command.addAll(arguments);
        Process run;
        try {
            run = new ProcessBuilder(command).directory(basedir().resolve("src/test/browser").toFile())
                .redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("Node.js is missing: cannot run `" + command.get(0) + "` (" + e.getMessage()
                + "). Install Node.js 20 or later, or point -Dmesh.it.node at it.");
            throw e;
        }
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
        });
        reader.start();
        boolean finished = run.waitFor(limitSeconds, TimeUnit.SECONDS);
        if (!finished) {
            run.destroyForcibly();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        synchronized (output) {
            return new Result(finished, finished ? run.exitValue() : -1, output.toString());
        }
    }
}
