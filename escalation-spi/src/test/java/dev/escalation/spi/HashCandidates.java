package dev.escalation.spi;

import static org.assertj.core.api.Assertions.fail;

import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * Candidates for the hash rule (exactly 64 lower-case hexadecimal digits): a valid hash with every character that
 * could fool a table check put at every kind of position, each with whether the rule accepts it. Shared by the tests
 * of every type that checks a hash.
 */
final class HashCandidates {
    /** A valid hash. */
    static final String A = "0123456789abcdef".repeat(4);

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HASH_CHAR = Pattern.compile("[0-9a-f]");

    private HashCandidates() {}

    /** Fails the test on the first candidate {@code judgedRight} answers {@code false} for. */
    static void forEach(BiPredicate<String, Boolean> judgedRight) {
        for (int position : new int[] {0, 1, 31, 62, 63}) {
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                if (c >= 0x180
                        && !HASH_CHAR.matcher(String.valueOf((char) (c & 0x7F))).matches()) {
                    continue; // beyond Latin-1, only the characters whose low 7 bits are a digit could fool the table
                }
                char[] chars = A.toCharArray();
                chars[position] = (char) c;
                String candidate = new String(chars);
                boolean valid = HASH.matcher(candidate).matches();
                if (!judgedRight.test(candidate, valid)) {
                    fail("judged %04x at %d wrongly (valid: %s)", c, position, valid);
                }
            }
        }
    }
}
