package dev.escalation.test;

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

    /** The seed of a stateful property: the system property if set, else the given default. */
    static long seed(long fallback) {
        return Optional.ofNullable(System.getProperty(SEED_PROPERTY))
                .map(Long::parseLong)
                .orElse(fallback);
    }
}
