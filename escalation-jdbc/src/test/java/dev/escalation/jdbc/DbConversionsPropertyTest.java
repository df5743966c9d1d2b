package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link Db}'s instant conversions: the compact paths (one {@code BigDecimal} written, no division read) give exactly
 * what the general arithmetic gives, over the whole range of {@link Instant}.
 */
class DbConversionsPropertyTest {

    private static BigDecimal general(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
    }

    private static Instant general(BigDecimal decimal) {
        BigDecimal exact = decimal.setScale(9, RoundingMode.UNNECESSARY);
        BigDecimal seconds = exact.setScale(0, RoundingMode.FLOOR);
        int nanos = exact.subtract(seconds).movePointRight(9).intValueExact();
        return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
    }

    @Property(tries = 2000)
    void nearInstantsConvertAsTheGeneralArithmetic(
            @ForAll @LongRange(min = -20_000_000_000L, max = 20_000_000_000L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        check(Instant.ofEpochSecond(seconds, nanos));
    }

    @Property(tries = 1000)
    void anyInstantConvertsAsTheGeneralArithmetic(
            @ForAll @LongRange(min = -31_557_014_167_219_200L, max = 31_556_889_864_403_199L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        check(Instant.ofEpochSecond(seconds, nanos));
    }

    @Property(tries = 1000)
    void decimalsOfOtherScalesReadAsTheGeneralArithmetic(
            @ForAll @LongRange(min = -9_000_000_000L, max = 9_000_000_000L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = 0, max = 12) int scale) {
        BigDecimal exact = general(Instant.ofEpochSecond(seconds, nanos));
        BigDecimal rescaled = scale >= 9 ? exact.setScale(scale) : exact.stripTrailingZeros();
        if (rescaled.scale() > 9) {
            return;
        }
        assertThat(Db.toInstant(rescaled)).isEqualTo(general(rescaled));
    }

    private static void check(Instant instant) {
        BigDecimal decimal = Db.toDecimal(instant);
        BigDecimal expected = general(instant);
        assertThat(decimal).isEqualTo(expected); // equals: same value and same scale
        assertThat(decimal.toPlainString()).isEqualTo(expected.toPlainString());
        assertThat(Db.toInstant(decimal)).isEqualTo(instant).isEqualTo(general(expected));
    }
}
