package dev.jakartamesh.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartamesh.it.Deployments;
import dev.jakartamesh.it.ItConfig;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The load generator's scenarios in a quick smoke mode against the real WAR: counts, no errors,
 * nothing stale. Correctness only; timing is for BENCHMARKS.md, never asserted here.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BenchSmokeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        // The production keepalive (the test server pings every 400 ms, faster than a busy JDK
        // client always answers) and no rate limit, as bench/run.sh runs the server.
        return Deployments.withConfig("mesh-bench", String.join("\n", "mesh.limits.commands-per-second=1000000",
            "mesh.limits.command-burst=1000000", "mesh.ping.interval-ms=30000", "mesh.latency.interval-ms=5000", ""));
    }

    private static Map<String, Object> run(String scenario, String... options) throws Exception {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("url", ItConfig.wsUrl("mesh-bench"));
        all.put("redis", ItConfig.redisUrl());
        all.put("prefix", ItConfig.redisPrefix());
        for (int i = 0; i + 1 < options.length; i += 2) {
            all.put(options[i], options[i + 1]);
        }
        Map<String, Object> result = new LoadGenerator(all).run(scenario);
        java.util.logging.Logger.getLogger(BenchSmokeIT.class.getName()).info(LoadGenerator.json(result));
        return result;
    }

    @Test
    void rtt() throws Exception {
        Map<String, Object> result = run("rtt", "connections", "5", "seconds", "2");
        assertEquals(0L, result.get("errors"));
        assertTrue((Long) result.get("ops") > 0);
    }

    @Test
    void room() throws Exception {
        Map<String, Object> result = run("room", "connections", "50", "joins", "3");
        assertEquals(50, result.get("membersReturned"), "every member is returned");
    }

    @Test
    void churnLeavesNothing() throws Exception {
        Map<String, Object> result = run("churn", "seconds", "2", "threads", "2");
        assertTrue((Integer) result.get("connections") > 0);
        assertEquals(0L, result.get("errors"), String.valueOf(result.get("firstError")));
        assertEquals(0L, result.get("staleRedisEntries"));
        assertEquals(0, result.get("serverLocalConnections"), "nothing left in the server's registry");
    }

    @Test
    void idleAndList() throws Exception {
        assertEquals(20, run("idle", "connections", "20").get("connections"));
        assertEquals(10, run("list", "connections", "1000", "repeat", "2").get("matched"), "1 in 100 planted connections is an admin");
    }
}
