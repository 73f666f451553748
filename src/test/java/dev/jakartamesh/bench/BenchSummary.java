package dev.jakartamesh.bench;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the JSON lines of {@code bench/run.sh} into the min / median / max table of BENCHMARKS.md:
 * {@code BenchSummary target/bench/results.jsonl}. Rows are grouped by scenario and size (members,
 * connections, test; threads for churn); failed repetitions are listed apart.
 */
public final class BenchSummary {

    private static final List<String> SIZE_FIELDS = List.of("test", "members", "connections");
    private static final List<String> FIGURES = List.of("opsPerSecond", "p50Ms", "p99Ms", "connectionsPerSecond",
        "kbPerConnection", "kbPerConnectionAfterGc", "heapKbPerConnection", "membersReturned", "staleRedisEntries",
        "serverLocalConnections", "errors", "fillSeconds", "openSeconds", "matched", "connections");

    private BenchSummary() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Map<String, List<Double>>> rows = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args.length > 0 ? args[0] : "target/bench/results.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject result;
            try (JsonReader reader = Json.createReader(new StringReader(line))) {
                result = reader.readObject();
            }
            if (result.containsKey("failed")) {
                failed.add(result.getString("failed") + ": " + result.getString("error", ""));
                continue;
            }
            StringBuilder key = new StringBuilder(result.getString("scenario"));
            boolean churn = "churn".equals(result.getString("scenario"));
            for (String field : churn ? List.of("threads") : SIZE_FIELDS) {
                JsonValue value = result.get(field);
                if (value != null) {
                    key.append(' ').append(field).append('=').append(value instanceof jakarta.json.JsonString s ? s.getString() : value);
                }
            }
            Map<String, List<Double>> figures = rows.computeIfAbsent(key.toString(), k -> new LinkedHashMap<>());
            for (String figure : FIGURES) {
                if (result.get(figure) instanceof JsonNumber number && (churn || !SIZE_FIELDS.contains(figure))) {
                    figures.computeIfAbsent(figure, f -> new ArrayList<>()).add(number.doubleValue());
                }
            }
        }
        StringBuilder table = new StringBuilder("| scenario | figure | n | min / median / max |\n|---|---|---|---|\n");
        rows.forEach((key, figures) -> figures.forEach((figure, values) -> {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
            table.append(String.format(Locale.ROOT, "| %s | %s | %d | %s / %s / %s |%n", key, figure, sorted.size(),
                format(sorted.get(0)), format(median), format(sorted.get(sorted.size() - 1))));
        }));
        if (!failed.isEmpty()) {
            table.append("\nFailed repetitions:\n");
            failed.forEach(f -> table.append("- ").append(f).append('\n'));
        }
        System.out.print(table);
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : "%.2f", value);
    }
}
