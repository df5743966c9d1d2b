package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue #17, outbox memory: the delivery order's rings follow what they hold; once every key was taken they are back
 * to their first size, and while keys are held they are sized within a small factor of them.
 */
class DeliveryOrderTest {
    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");

    @Test
    void ringsShrinkBackOnceTheKeysAreTaken() {
        DeliveryOrder order = new DeliveryOrder();
        int empty = order.capacity();
        int records = 20_000;
        for (int r = 0; r < records; r++) {
            order.add(new String[] {"a" + r, "b" + r, "c" + r}, 3, T0.plusMillis(r));
        }
        assertThat(order.size()).isEqualTo(3 * records);
        assertThat(order.capacity()).isLessThanOrEqualTo(4 * (3 * records + records));
        String[] keys = new String[DeliveryOrder.BATCH];
        int[] hashes = new int[DeliveryOrder.BATCH];
        Instant[] ats = new Instant[DeliveryOrder.BATCH];
        int taken = 0;
        int n;
        while ((n = order.takeBefore(T0.plusMillis(records / 2), DeliveryOrder.BATCH, keys, hashes, ats)) > 0) {
            for (int i = 0; i < n; i++) {
                int index = taken + i;
                String expected = "abc".charAt(index % 3) + String.valueOf(index / 3);
                assertThat(keys[i]).isEqualTo(expected);
                assertThat(hashes[i]).isEqualTo(expected.hashCode());
                assertThat(ats[i]).isEqualTo(T0.plusMillis(index / 3));
            }
            taken += n;
        }
        assertThat(taken).isEqualTo(3 * (records / 2));
        while (order.takeBefore(Instant.MAX, DeliveryOrder.BATCH, keys, hashes, ats) > 0) {
            // the rest
        }
        assertThat(order.size()).isZero();
        assertThat(order.capacity()).isEqualTo(empty);
    }
}
