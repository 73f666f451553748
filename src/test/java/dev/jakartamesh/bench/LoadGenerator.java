package dev.jakartamesh.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

/**
 * The load generator: speaks only the wire protocol over real WebSockets (plus Redis and the admin
 * API for its checks), loopback only, bounded in count and time. Prints one JSON line a scenario.
 *
 * <pre>
 * java ... dev.jakartamesh.bench.LoadGenerator --scenario rtt --url ws://127.0.0.1:9080/mesh [--connections 50] [--seconds 10]
 *   scenarios: rtt, room, churn, idle, list
 *   --redis redis://127.0.0.1:6379 --prefix mesh:   where to count stale entries (churn) and plant listings (list)
 *   --server-pid P                                   the server JVM, for RSS (idle)
 *   --admin admin:admin                              credentials of the admin API (churn, list)
 * </pre>
 */
public final class LoadGenerator {

    private final Map<String, String> options;
    private final String url;

    LoadGenerator(Map<String, String> options) {
        this.options = options;
        this.url = options.getOrDefault("url", "ws://127.0.0.1:9080/mesh");
        if (!URI.create(url).getHost().matches("127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1\\]")) {
            throw new IllegalArgumentException("loopback only: " + url);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        LoadGenerator generator = new LoadGenerator(options);
        String scenario = options.getOrDefault("scenario", "rtt");
        Map<String, Object> result = generator.run(scenario);
        System.out.println(json(result));
        System.exit(0);
    }

    Map<String, Object> run(String scenario) throws Exception {
        return switch (scenario) {
            case "rtt" -> rtt(intOption("connections", 50), intOption("seconds", 10));
            case "room" -> room(intOption("connections", 1000), intOption("joins", 20));
            case "churn" -> churn(intOption("seconds", 10), intOption("threads", 8));
            case "idle" -> idle(intOption("connections", 1000));
            case "list" -> list(intOption("connections", 10_000), intOption("repeat", 20));
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
    }

    // ---- rtt: set then get own metadata, in a loop per connection ----

    Map<String, Object> rtt(int connections, int seconds) throws Exception {
        List<BenchClient> clients = openAll(connections);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        long[][] samples = new long[connections][];
        int[] counts = new int[connections];
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            samples[c] = new long[1 << 20];
            loops.add(loop(clients.get(c), running, samples[c], counts, c, errors));
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long ops = Arrays.stream(counts).asLongStream().sum();
        long[] all = new long[(int) Math.min(ops, Integer.MAX_VALUE - 8)];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            int n = Math.min(counts[c], samples[c].length);
            System.arraycopy(samples[c], 0, all, at, n);
            at += n;
        }
        closeAll(clients);
        Map<String, Object> result = result("rtt");
        result.put("connections", connections);
        result.put("seconds", seconds);
        result.put("ops", ops);
        result.put("opsPerSecond", round(ops / elapsed));
        result.put("p50Ms", percentileMs(Arrays.copyOf(all, at), 50));
        result.put("p99Ms", percentileMs(Arrays.copyOf(all, at), 99));
        result.put("errors", errors.get());
        return result;
    }

    private static CompletableFuture<Void> loop(BenchClient client, AtomicBoolean running, long[] samples, int[] counts,
                                                int index, AtomicLong errors) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable[] step = new Runnable[1];
        long[] n = {0};
        step[0] = () -> {
            if (!running.get()) {
                done.complete(null);
                return;
            }
            long started = System.nanoTime();
            boolean set = (n[0]++ & 1) == 0;
            CompletableFuture<String> reply = set
                ? client.request("mesh/set-my-connection-metadata", "{\"metadata\":{\"n\":" + n[0] + ",\"user\":\"bench\"}}")
                : client.request("mesh/get-my-connection-metadata", "{}");
            reply.whenComplete((frame, failure) -> {
                if (failure != null || BenchClient.isError(frame)) {
                    errors.incrementAndGet();
                }
                int i = counts[index]++;
                if (i < samples.length) {
                    samples[i] = System.nanoTime() - started;
                }
                step[0].run();
            });
        };
        step[0].run();
        return done;
    }

    // ---- room: N members with metadata, then one more joins repeatedly ----

    Map<String, Object> room(int members, int joins) throws Exception {
        String room = "bench-room-" + UUID.randomUUID();
        long opening = System.nanoTime();
        List<BenchClient> clients = openAll(members);
        double openSeconds = (System.nanoTime() - opening) / 1e9;
        // The fill: members join with "present": false (no members list in the reply), so filling
        // costs O(N); with --fill-present true every join answers all the members present, O(N^2)
        // bytes in all (5 GB for 10,000), and the replies' bodies are skipped unread. A window of
        // requests stays in flight. Only the measured joiner below asks for the members list.
        boolean fillPresent = Boolean.parseBoolean(options.getOrDefault("fill-present", "false"));
        String fillJoin = "{\"roomName\":\"" + room + "\",\"present\":" + fillPresent + "}";
        long filling = System.nanoTime();
        long fillDeadline = filling + TimeUnit.SECONDS.toNanos(intOption("fill-timeout", 600));
        int window = intOption("fill-window", 200);
        Semaphore slots = new Semaphore(window);
        AtomicLong fillBytes = new AtomicLong();
        AtomicLong fillErrors = new AtomicLong();
        AtomicLong joined = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstFillError = new java.util.concurrent.atomic.AtomicReference<>("");
        long nextProgress = filling + TimeUnit.SECONDS.toNanos(30);
        for (int i = 0; i < clients.size(); i++) {
            if (System.nanoTime() - nextProgress > 0) {
                nextProgress += TimeUnit.SECONDS.toNanos(30);
                System.err.printf("room fill: %d of %d joined after %.0f s, %d MB of replies%n", joined.get(), members,
                    (System.nanoTime() - filling) / 1e9, fillBytes.get() >> 20);
            }
            if (!slots.tryAcquire(Math.max(0, fillDeadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("room fill: " + joined.get() + " of " + members + " joined within the fill timeout");
            }
            BenchClient client = clients.get(i);
            String metadata = "{\"metadata\":{\"userId\":\"u" + i + "\",\"role\":\"member\",\"n\":" + i + "}}";
            client.request("mesh/set-my-connection-metadata", metadata)
                .thenCompose(r -> {
                    if (BenchClient.isError(r)) {
                        fillErrors.incrementAndGet();
                        firstFillError.compareAndSet("", r);
                    }
                    return client.requestDiscardingBody("mesh/join-room", fillJoin);
                })
                .whenComplete((reply, failure) -> {
                    if (failure != null || reply.isError()) {
                        fillErrors.incrementAndGet();
                        firstFillError.compareAndSet("", failure != null ? String.valueOf(failure) : reply.head());
                    } else {
                        fillBytes.addAndGet(reply.length());
                    }
                    joined.incrementAndGet();
                    slots.release();
                });
        }
        if (!slots.tryAcquire(window, Math.max(0, fillDeadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("room fill: " + joined.get() + " of " + members + " joined within the fill timeout");
        }
        double fillSeconds = (System.nanoTime() - filling) / 1e9;
        if (fillErrors.get() > 0) {
            System.err.println("room fill: " + fillErrors.get() + " errors, first: " + firstFillError.get());
        }
        BenchClient joiner = BenchClient.open(url).get(10, TimeUnit.SECONDS);
        long[] latencies = new long[joins];
        int present = -1;
        for (int i = 0; i < joins; i++) {
            long started = System.nanoTime();
            String reply = joiner.request("mesh/join-room", "{\"roomName\":\"" + room + "\"}").get(30, TimeUnit.SECONDS);
            latencies[i] = System.nanoTime() - started;
            present = BenchClient.parse(reply).getJsonObject("payload").getJsonArray("present").size();
            joiner.request("mesh/leave-room", "{\"roomName\":\"" + room + "\"}").get(30, TimeUnit.SECONDS);
        }
        joiner.close();
        closeAll(clients);
        Map<String, Object> result = result("room");
        result.put("members", members);
        result.put("joins", joins);
        result.put("membersReturned", present - 1);
        result.put("p50Ms", percentileMs(latencies, 50));
        result.put("p99Ms", percentileMs(latencies, 99));
        result.put("openSeconds", round(openSeconds));
        result.put("fillSeconds", round(fillSeconds));
        result.put("fillReplyBytes", fillBytes.get());
        result.put("fillErrors", fillErrors.get());
        return result;
    }

    // ---- churn: open, id, set, join, close, from several threads ----

    Map<String, Object> churn(int seconds, int threads) throws Exception {
        String room = "bench-churn-" + UUID.randomUUID();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        AtomicLong errors = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>("");
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    BenchClient client = null;
                    try {
                        client = BenchClient.open(url).get(30, TimeUnit.SECONDS);
                        ids.add(client.id());
                        client.request("mesh/set-my-connection-metadata", "{\"metadata\":{\"churn\":true}}").get(30, TimeUnit.SECONDS);
                        client.request("mesh/join-room", "{\"roomName\":\"" + room + "\"}").get(30, TimeUnit.SECONDS);
                        client.close();
                        if (!client.awaitClosed(30)) {
                            errors.incrementAndGet();
                            firstError.compareAndSet("", "the server did not close within 30 s");
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet("", String.valueOf(e).replace('"', '\''));
                        if (client != null) {
                            client.abort();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(seconds + 150L, TimeUnit.SECONDS);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Thread.sleep(2000);
        long stale;
        try (RedisClient redis = redis()) {
            String prefix = options.getOrDefault("prefix", "mesh:");
            List<Response<Boolean>> checks = new ArrayList<>();
            try (Pipeline pipeline = redis.pipelined()) {
                for (String id : ids) {
                    checks.add(pipeline.hexists(prefix + "connections", id));
                    checks.add(pipeline.hexists(prefix + "connection-metadata", id));
                    checks.add(pipeline.exists(prefix + "connection:" + id + ":rooms"));
                }
                checks.add(pipeline.exists(prefix + "room:" + room + ":members"));
                pipeline.sync();
            }
            stale = checks.stream().filter(Response::get).count();
        }
        Map<String, Object> result = result("churn");
        result.put("seconds", seconds);
        result.put("threads", threads);
        result.put("connections", ids.size());
        result.put("connectionsPerSecond", round(ids.size() / elapsed));
        result.put("errors", errors.get());
        result.put("firstError", firstError.get());
        result.put("staleRedisEntries", stale);
        result.put("serverLocalConnections", adminStats().getInt("localConnections"));
        return result;
    }

    // ---- idle: memory per open connection ----

    Map<String, Object> idle(int connections) throws Exception {
        long pid = Long.parseLong(options.getOrDefault("server-pid", "0"));
        // Warm-up: the same number of connections once, so the server's heap has grown to its
        // working size before the baseline is taken (a JVM's RSS grows with its heap, not back).
        closeAll(openAll(connections));
        Thread.sleep(3000);
        long before = rssKb(pid);
        // After a full GC too: a JVM's RSS also holds garbage not yet collected and heap it has not
        // given back, so the figure after a collection is the retained cost of a connection.
        fullGc(pid);
        long beforeGc = rssKb(pid);
        long heapBefore = heapUsedKb(pid);
        long opening = System.nanoTime();
        List<BenchClient> clients = openAll(connections);
        double openSeconds = (System.nanoTime() - opening) / 1e9;
        List<CompletableFuture<String>> sets = new ArrayList<>();
        for (BenchClient client : clients) {
            sets.add(client.request("mesh/set-my-connection-metadata", "{\"metadata\":{\"name\":\"idle\",\"color\":\"#336699\"}}"));
        }
        CompletableFuture.allOf(sets.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        Thread.sleep(5000);
        long after = rssKb(pid);
        fullGc(pid);
        long afterGc = rssKb(pid);
        long heapAfter = heapUsedKb(pid);
        closeAll(clients);
        Map<String, Object> result = result("idle");
        result.put("connections", connections);
        result.put("rssBeforeKb", before);
        result.put("rssAfterKb", after);
        result.put("kbPerConnection", round((after - before) / (double) connections));
        result.put("rssBeforeAfterGcKb", beforeGc);
        result.put("rssAfterAfterGcKb", afterGc);
        result.put("kbPerConnectionAfterGc", round((afterGc - beforeGc) / (double) connections));
        result.put("heapKbPerConnection", round((heapAfter - heapBefore) / (double) connections));
        result.put("openSeconds", round(openSeconds));
        return result;
    }

    // ---- list: a server-side filtered listing over many connections' metadata ----

    Map<String, Object> list(int connections, int repeat) throws Exception {
        String prefix = options.getOrDefault("prefix", "mesh:");
        String instance = "bench-planted-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        try (RedisClient redis = redis()) {
            redis.set(prefix + "instance:" + instance + ":heartbeat", "bench", SetParams.setParams().px(600_000));
            redis.sadd(prefix + "instances", instance);
            try (Pipeline pipeline = redis.pipelined()) {
                for (int i = 0; i < connections; i++) {
                    String id = instance + "-" + i;
                    ids.add(id);
                    pipeline.hset(prefix + "connections", id, instance);
                    pipeline.hset(prefix + "connection-metadata", id, "{\"userId\":" + i + ",\"role\":\"" + (i % 100 == 0 ? "admin" : "user") + "\"}");
                    pipeline.sadd(prefix + "instance:" + instance + ":connections", id);
                }
                pipeline.sync();
            }
            long[] latencies = new long[repeat];
            int matched = -1;
            try {
                for (int i = 0; i < repeat; i++) {
                    long started = System.nanoTime();
                    JsonObject page = admin("connections?field=role&value=admin&limit=1000");
                    latencies[i] = System.nanoTime() - started;
                    matched = page.getJsonArray("items").size();
                }
            } finally {
                try (Pipeline pipeline = redis.pipelined()) {
                    for (String id : ids) {
                        pipeline.hdel(prefix + "connections", id);
                        pipeline.hdel(prefix + "connection-metadata", id);
                    }
                    pipeline.del(prefix + "instance:" + instance + ":connections");
                    pipeline.del(prefix + "instance:" + instance + ":heartbeat");
                    pipeline.srem(prefix + "instances", instance);
                    pipeline.sync();
                }
            }
            Map<String, Object> result = result("list");
            result.put("connections", connections);
            result.put("matched", matched);
            result.put("p50Ms", percentileMs(latencies, 50));
            result.put("p99Ms", percentileMs(latencies, 99));
            return result;
        }
    }

    // ---- helpers ----

    /**
     * Opens {@code count} connections, {@code --open-window} handshakes in flight at a time
     * (default 500); fails naming how many handshakes failed and why, closing those that opened.
     */
    private List<BenchClient> openAll(int count) throws Exception {
        int window = intOption("open-window", 500);
        Semaphore slots = new Semaphore(window);
        List<CompletableFuture<BenchClient>> opening = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (!slots.tryAcquire(60, TimeUnit.SECONDS)) {
                break; // reported below: the ones never started count as failed
            }
            CompletableFuture<BenchClient> client = BenchClient.open(url);
            client.whenComplete((c, failure) -> slots.release());
            opening.add(client);
        }
        List<BenchClient> clients = new ArrayList<>(count);
        List<CompletableFuture<BenchClient>> late = new ArrayList<>();
        Map<String, Integer> failures = new LinkedHashMap<>();
        for (CompletableFuture<BenchClient> client : opening) {
            try {
                clients.add(client.get(60, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                failures.merge(String.valueOf(e.getCause().getMessage()), 1, Integer::sum);
            } catch (TimeoutException e) {
                failures.merge("no mesh/assign-id within 60 s", 1, Integer::sum);
                late.add(client);
            }
        }
        if (opening.size() < count) {
            failures.merge("not started: no handshake slot freed within 60 s", count - opening.size(), Integer::sum);
        }
        if (!failures.isEmpty()) {
            int failed = count - clients.size();
            System.err.println("openAll: " + failed + " of " + count + " connections failed to open: " + failures);
            late.forEach(client -> client.thenAccept(BenchClient::abort));
            closeAll(clients);
            throw new IOException(failed + " of " + count + " connections failed to open; by cause: " + failures);
        }
        return clients;
    }

    private static void closeAll(List<BenchClient> clients) {
        clients.forEach(BenchClient::close);
        clients.forEach(client -> {
            if (!client.awaitClosed(10)) {
                client.abort();
            }
        });
    }

    private RedisClient redis() {
        return RedisClient.create(URI.create(options.getOrDefault("redis", "redis://127.0.0.1:6379")));
    }

    private JsonObject adminStats() throws IOException, InterruptedException {
        return admin("stats");
    }

    private JsonObject admin(String path) throws IOException, InterruptedException {
        String base = url.replaceFirst("^ws", "http").replaceFirst("mesh$", "admin/api/");
        String credentials = options.getOrDefault("admin", "admin:admin");
        HttpResponse<String> response = BenchClient.HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("admin API " + path + ": " + response.statusCode() + " " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** A full collection in the server JVM (jcmd GC.run), then a pause for the heap to shrink. */
    private static void fullGc(long pid) throws IOException, InterruptedException {
        if (pid > 0) {
            jcmd(pid, "GC.run");
            Thread.sleep(2000);
        }
    }

    /** The server's used heap in KB, from jcmd GC.heap_info ("... used 123456K ..."), or -1. */
    private static long heapUsedKb(long pid) throws IOException, InterruptedException {
        if (pid <= 0) {
            return -1;
        }
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) : -1;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IOException("jcmd " + command + " failed: " + output);
        }
        return output;
    }

    private static long rssKb(long pid) throws IOException {
        if (pid <= 0) {
            return -1;
        }
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private int intOption(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
    }

    private Map<String, Object> result(String scenario) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", scenario);
        return result;
    }

    static double percentileMs(long[] nanos, int percentile) {
        if (nanos.length == 0) {
            return -1;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return round(sorted[Math.max(0, index)] / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static String json(Map<String, Object> result) {
        return result.entrySet().stream()
            .map(e -> "\"" + e.getKey() + "\":" + (e.getValue() instanceof String s ? "\"" + s + "\"" : String.valueOf(e.getValue()).toLowerCase(Locale.ROOT)))
            .collect(Collectors.joining(",", "{", "}"));
    }
}
