package dev.escalation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} without {@code DateTimeFormatter} for the usual instant of the command path (whole
 * seconds, years 1970 to 9999): the same text, written into one array. Every other instant takes
 * {@link Instant#toString()}.
 */
final class Instants {
    /** 9999-12-31T23:59:59Z: the last instant with a four-digit year. */
    private static final long LAST_FOUR_DIGIT_YEAR = 253_402_300_799L;

    private Instants() {}

    /**
     * The instant as {@link Instant#toString()} writes it (ISO-8601, UTC).
     *
     * @param at the instant
     * @return {@code at.toString()}
     */
    static String iso(Instant at) {
        long seconds = at.getEpochSecond();
        if (at.getNano() != 0 || seconds < 0 || seconds > LAST_FOUR_DIGIT_YEAR) {
            return at.toString();
        }
        // the calendar fields as DueItem.keyOf and DueKeys.instantMatches take them
        LocalDate date = LocalDate.ofEpochDay(seconds / 86_400);
        int sod = (int) (seconds % 86_400);
        int year = date.getYear();
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        byte[] b = new byte[20];
        b[0] = digit(year / 1000);
        b[1] = digit(year / 100 % 10);
        b[2] = digit(year / 10 % 10);
        b[3] = digit(year % 10);
        b[4] = '-';
        two(b, 5, month);
        b[7] = '-';
        two(b, 8, day);
        b[10] = 'T';
        two(b, 11, sod / 3600);
        b[13] = ':';
        two(b, 14, sod / 60 % 60);
        b[16] = ':';
        two(b, 17, sod % 60);
        b[19] = 'Z';
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void two(byte[] b, int at, int value) {
        b[at] = digit(value / 10);
        b[at + 1] = digit(value % 10);
    }

    private static byte digit(int d) {
        return (byte) ('0' + d);
    }
}
