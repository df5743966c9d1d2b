package dev.escalation.inmemory;

import java.util.Arrays;

/** Reads lower-case hexadecimal digits by a table look-up (the in-memory store's hashes and references). */
final class HexDigits {

    /** The value of each character below 128 as a lower-case hexadecimal digit, -1 for every other one. */
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String digits = "0123456789abcdef";
        for (int i = 0; i < 16; i++) {
            VALUES[digits.charAt(i)] = (byte) i;
        }
    }

    private HexDigits() {}

    /** The value of a lower-case hexadecimal digit, or -1. */
    static int digit(char c) {
        return c < 128 ? VALUES[c] : -1;
    }
}
