package dev.escalation.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Shared wording of failure messages, so every contract says which rule broke and what to check. */
final class Rules {

    /** System property that fixes the seed of the stateful properties, to replay a failure. */
    static final String SEED_PROPERTY = "escalation.tck.seed";

    private Rules() {}

    /**
     * The description of a broken rule.
     *
     * @param rule  the rule number, such as {@code "S4"}
     * @param what  what went wrong
     * @param check what the implementer should check
     * @return "Rule S4 broken: … If this fails, check …"
     */
    static String broken(String rule, String what, String check) {
        return "Rule " + rule + " broken: " + what + ". If this fails, check " + check;
    }

    /** Runs {@code call} and returns what it threw, or null. */
    static Throwable thrown(Callable<?> call) {
        try {
            call.call();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** A claim of the outbox or the due work, with the lease and limit under test. */
    interface Claim {
        Object claim(Duration lease, int limit);
    }

    /**
     * Checks that {@code claim} refuses a limit below 1 (with {@code lease}) and a lease that is not positive with
     * {@link IllegalArgumentException} (rules O13 and D9); the caller checks afterwards that nothing was leased.
     */
    static void refusesBadLimitsAndLeases(String rule, Claim claim, Duration lease, String check) {
        for (int limit : new int[] {0, -1, Integer.MIN_VALUE}) {
            assertThat(thrown(() -> claim.claim(lease, limit)))
                    .as(broken(
                            rule,
                            "claim with limit " + limit + " was not refused with IllegalArgumentException",
                            check))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (Duration bad : List.of(Duration.ZERO, Duration.ofNanos(-1), lease.negated())) {
            assertThat(thrown(() -> claim.claim(bad, 10)))
                    .as(broken(
                            rule, "claim with lease " + bad + " was not refused with IllegalArgumentException", check))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** The seed of a stateful property: the system property if set, else the given default. */
    static long seed(long fallback) {
        return Optional.ofNullable(System.getProperty(SEED_PROPERTY))
                .map(Long::parseLong)
                .orElse(fallback);
    }
}
