package dev.jakartamesh.connection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsABurstThenTheSustainedRate() {
        TokenBucket bucket = new TokenBucket(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertTrue(bucket.tryTake(0), "burst " + i);
        }
        assertFalse(bucket.tryTake(0), "empty");
        assertFalse(bucket.tryTake(SECOND / 20), "half a token refilled");
        assertTrue(bucket.tryTake(SECOND / 10), "one token after 100 ms at 10/s");
        assertFalse(bucket.tryTake(SECOND / 10));
    }

    @Test
    void refillsNoMoreThanTheCapacity() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        for (int i = 0; i < 3; i++) {
            bucket.tryTake(0);
        }
        long later = 60 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertTrue(bucket.tryTake(later));
        }
        assertFalse(bucket.tryTake(later), "an idle minute still gives only the burst");
    }

    @Test
    void aClockThatGoesBackDoesNotAddTokens() {
        TokenBucket bucket = new TokenBucket(10, 1, SECOND);
        assertTrue(bucket.tryTake(SECOND));
        assertFalse(bucket.tryTake(0));
    }
}
