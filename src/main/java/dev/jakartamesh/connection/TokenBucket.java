package dev.jakartamesh.connection;

/** A token bucket: {@code capacity} tokens, refilled at {@code perSecond}; one take per command. Thread-safe. */
public final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    /**
     * @param perSecond the sustained rate
     * @param capacity  the burst: how many takes succeed at once from full
     * @param nowNanos  the current {@link System#nanoTime()}
     */
    public TokenBucket(int perSecond, int capacity, long nowNanos) {
        this.capacity = Math.max(1, capacity);
        this.perNano = Math.max(0, perSecond) / 1e9;
        this.tokens = this.capacity;
        this.last = nowNanos;
    }

    /** Takes one token if there is one. */
    public synchronized boolean tryTake(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - last);
        last = nowNanos;
        tokens = Math.min(capacity, tokens + elapsed * perNano);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
