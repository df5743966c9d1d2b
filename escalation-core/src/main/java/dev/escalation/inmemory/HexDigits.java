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

    /** The lower-case hexadecimal digits by value. */
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    /**
     * Decodes the first 64 characters of {@code s}, lower-case hexadecimal digits, into 32 bytes of {@code into} at
     * {@code at}; false (those bytes undefined) if one is not such a digit. One check at the end, no branch per digit.
     */
    static boolean decode(String s, byte[] into, int at) {
        int bad = 0;
        for (int i = 0; i < 32; i++) {
            int hi = digit(s.charAt(2 * i));
            int lo = digit(s.charAt(2 * i + 1));
            bad |= hi | lo;
            into[at + i] = (byte) (hi << 4 | lo);
        }
        return bad >= 0;
    }

    /** Whether the 32 bytes of {@code data} at {@code at} are those of {@code hash} (64 lower-case hex digits). */
    static boolean equal(String hash, byte[] data, int at) {
        if (hash.length() != 64) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            int b = data[at + i] & 0xff;
            if (hash.charAt(2 * i) != DIGITS[b >>> 4] || hash.charAt(2 * i + 1) != DIGITS[b & 0xf]) {
                return false;
            }
        }
        return true;
    }

    /** The value of a lower-case hexadecimal digit, or -1. */
    static int digit(char c) {
        // no branch: the table's value of the low 7 bits, or -1 (all bits set) when c is 128 or above
        return VALUES[c & 0x7F] | (127 - c) >> 31;
    }
}
