package dev.jakartamesh.store;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Listings of large hashes and sets, a page (one round trip) at a time, never blocking Redis for long. */
final class Scans {

    private static final ScanParams PAGE = new ScanParams().count(1000);

    private Scans() {
    }

    static void forEachHashEntry(RedisProvider redis, String key, BiConsumer<String, String> action) {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            String from = cursor;
            ScanResult<Map.Entry<String, String>> page = RedisCalls.call(() -> redis.client().hscan(key, from, PAGE));
            for (Map.Entry<String, String> entry : page.getResult()) {
                action.accept(entry.getKey(), entry.getValue());
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }

    static Set<String> setMembers(RedisProvider redis, String key) {
        Set<String> all = new TreeSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            String from = cursor;
            ScanResult<String> page = RedisCalls.call(() -> redis.client().sscan(key, from, PAGE));
            all.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return all;
    }
}
