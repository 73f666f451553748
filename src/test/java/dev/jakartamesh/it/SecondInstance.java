package dev.jakartamesh.it;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The second Liberty server (meshB), started, stopped and killed by the cluster tests. */
final class SecondInstance implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private Process process;

    void start() throws Exception {
        File log = new File("target/meshB-run.log");
        process = new ProcessBuilder(ItConfig.wlpDir() + "/bin/server", "run", ItConfig.secondServerName())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("meshB exited at start; see " + log);
            }
            try (MeshTestClient probe = MeshTestClient.connect(ItConfig.secondInstanceWsUrl())) {
                return;
            } catch (Exception | AssertionError notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("meshB did not start within " + START_TIMEOUT + "; see " + log);
    }

    /** A normal stop, as an operator would do it. */
    void stopGracefully() throws Exception {
        stop("stop", ItConfig.secondServerName());
    }

    /** {@code server stop --force}: no quiesce, the applications stop before the sockets close. */
    void stopForced() throws Exception {
        stop("stop", ItConfig.secondServerName(), "--force");
    }

    private void stop(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(ItConfig.wlpDir() + "/bin/server"));
        command.addAll(List.of(arguments));
        Process stop = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/meshB-run.log")))
            .start();
        stop.waitFor(60, TimeUnit.SECONDS);
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** SIGKILL to the server JVM and its launcher: nothing runs at shutdown. */
    void kill() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
