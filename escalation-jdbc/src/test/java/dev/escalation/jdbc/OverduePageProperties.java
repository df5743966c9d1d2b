package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * The overdue page on PostgreSQL sorts the rows it read by (overdue_since, id) itself: ids in the order of
 * {@code COLLATE "C"} (UTF-8 bytes, that is code points), and the stored instants read without {@link Db#toInstant}'s
 * arithmetic; both must agree with what they replace.
 */
class OverduePageProperties {

    @Property(tries = 2000)
    void idsSortAsTheirUtf8Bytes(@ForAll String a, @ForAll String b) {
        int bytes = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

        assertThat(Integer.signum(OverduePage.byCodePoint(a, b))).isEqualTo(Integer.signum(bytes));
    }

    @Property(tries = 2000)
    void storedInstantsReadAsDbReadsThem(
            @ForAll @LongRange(min = -100_000_000_000L, max = 100_000_000_000L) long seconds,
            @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
        BigDecimal stored = Db.toDecimal(Instant.ofEpochSecond(seconds, nanos)).setScale(9);

        assertThat(OverduePage.instant(stored)).isEqualTo(Db.toInstant(stored));
        assertThat(OverduePage.instant(stored.setScale(3, java.math.RoundingMode.DOWN)))
                .isEqualTo(Db.toInstant(stored.setScale(3, java.math.RoundingMode.DOWN)));
    }
}
