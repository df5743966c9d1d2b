package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

/**
 * The audit-chain link of a progress entry: its hash and its predecessor's, each as lower-case hexadecimal SHA-256.
 * Computed by the engine over a canonical encoding (specified in {@code docs/audit.md}); stores
 * persist both strings unchanged and never compute them.
 *
 * @param hash     this entry's hash
 * @param previous the previous entry's hash (64 zeros for the first entry)
 */
public record ChainLink(String hash, String previous) {
    /** 1 for the characters a hash may hold ({@code 0-9a-f}), indexed by the character's low 7 bits. */
    private static final byte[] HEX = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            HEX[c] = 1;
        }
        for (char c = 'a'; c <= 'f'; c++) {
            HEX[c] = 1;
        }
    }

    /**
     * Validates the components.
     *
     * @param hash this entry's hash
     * @param previous the previous entry's hash (64 zeros for the first entry)
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a component is not 64 lower-case hexadecimal digits
     */
    public ChainLink {
        check(hash, "hash");
        if (previous != hash) { // the same string (a head checked as a link to itself) is checked once
            check(previous, "previous");
        }
    }

    private static void check(String value, String name) {
        requireNonNull(value, name);
        if (!isHash(value)) {
            throw new IllegalArgumentException(name + " must be 64 lower-case hexadecimal digits");
        }
    }

    /**
     * Whether {@code value} is 64 lower-case hexadecimal digits (the rule of both components, and of
     * {@link EscalationFacts#chainHead()}).
     */
    static boolean isHash(String value) {
        String[] known = KNOWN.get();
        if (known == null) {
            known = new String[2];
            KNOWN.set(known);
        }
        if (value == known[0] || value == known[1]) {
            return true; // the same string was found a hash on this thread: strings do not change
        }
        if (value.length() == 64 && isHex(value)) {
            known[1] = known[0];
            known[0] = value;
            return true;
        }
        return false;
    }

    /**
     * Per thread, the last two strings found to be hashes (compared by identity): a link's hash is checked again as
     * the next link's previous hash and as the escalation's chain head, ~60 ns a check. Holds only JDK types (no
     * reference to this class's loader); two hashes per thread, no personal data.
     */
    private static final ThreadLocal<String[]> KNOWN = new ThreadLocal<>();

    /**
     * Whether all 64 characters are lower-case hexadecimal digits, without a branch per character: the digits of a
     * hash are random, so a comparison per character was mispredicted half of the time (~6 ns a character).
     */
    private static boolean isHex(String value) {
        int bad = 0;
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            bad |= (c >>> 7) | (HEX[c & 0x7F] ^ 1);
        }
        return bad == 0;
    }
}
