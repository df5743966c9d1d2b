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
        check(previous, "previous");
    }

    private static void check(String value, String name) {
        requireNonNull(value, name);
        if (value.length() != 64) {
            throw new IllegalArgumentException(name + " must be 64 lower-case hexadecimal digits");
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                throw new IllegalArgumentException(name + " must be 64 lower-case hexadecimal digits");
            }
        }
    }
}
