package dev.escalation.inmemory;

import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.DueItem;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Due keys without their strings: most items carry the key {@link DueItem#keyOf} derives from their escalation,
 * kind, step and due instant, so {@link InMemoryDueWork} keeps no key for them and compares and orders keys by
 * these parts, without building the string. Exact: {@link #matches} is true exactly when {@code key} equals
 * {@code DueItem.keyOf(...)} of the parts, {@link #compare} orders as {@code String.compareTo} of the two keys.
 */
final class DueKeys {

    /** The last second {@link DueItem#keyOf} writes in its own four-digit-year format (9999-12-31T23:59:59Z). */
    static final long LAST_FOUR_DIGIT_YEAR = 253_402_300_799L;

    private DueKeys() {}

    /** The parts a key is derived from. */
    interface Parts {
        EscalationId escalation();

        DueKind kind();

        String step();

        long seconds();

        int nanos();
    }

    /** Whether {@code key} is {@link DueItem#keyOf} of the parts (false where keyOf falls back to other formats). */
    static boolean matches(String key, String id, DueKind kind, String step, long seconds, int nanos) {
        if (seconds < 0 || seconds > LAST_FOUR_DIGIT_YEAR) {
            return false;
        }
        String k = String.valueOf(kind);
        int fraction = fractionLength(nanos);
        int prefix = id.length() + k.length() + step.length() + 3;
        if (key.length() != prefix + 20 + fraction) {
            return false;
        }
        // the parts first: keys of one escalation that differ, differ there (other steps and kinds) more often than
        // in the instant only, and comparing them is cheaper than writing the instant's digits
        int p = 0;
        if (!key.startsWith(id, p)) {
            return false;
        }
        p += id.length();
        if (key.charAt(p++) != '/' || !key.startsWith(k, p)) {
            return false;
        }
        p += k.length();
        if (key.charAt(p++) != '/' || !key.startsWith(step, p)) {
            return false;
        }
        return key.charAt(p + step.length()) == '/' && instantMatches(key, prefix, seconds, nanos, fraction);
    }

    /**
     * Whether the derived keys of two items are equal ({@code DueItem.keyOf} of {@code a}'s parts equals that of the
     * other parts, both within the four-digit-year range), without building or scanning a key: the instant closes a
     * derived key in a format whose length follows the fraction and whose separators sit where no other length has
     * them, so equal keys have equal instants, and then equal "id/kind/step/" prefixes (kinds hold no '/').
     */
    static boolean sameDerivedKey(Parts a, EscalationId id, DueKind kind, String step, long seconds, int nanos) {
        if (a.seconds() != seconds || a.nanos() != nanos) {
            return false;
        }
        String aid = a.escalation().value();
        if (aid.equals(id.value())) {
            // same id: the kinds' names start at the same place and hold no '/', so they must be equal, and so the
            // steps
            return (a.kind() == kind || String.valueOf(a.kind()).equals(String.valueOf(kind)))
                    && a.step().equals(step);
        }
        // another id (an item of another escalation): compare the whole prefixes (an id could hold a '/')
        return (aid + '/' + a.kind() + '/' + a.step()).equals(id.value() + '/' + kind + '/' + step);
    }

    /** As {@code keyOf(a).compareTo(keyOf(b))} for two derived keys of the same due instant; no string is built. */
    static int compareSameInstant(Parts a, Parts b) {
        String ia = a.escalation().value();
        String ib = b.escalation().value();
        if (ia == ib || ia.equals(ib)) {
            // one escalation (the usual case: its own items, or the index's heads of one escalation): the prefixes
            // differ after "id/", so compare "kind/step/" without building it, character by character
            int c = compareKindAndStep(a, b);
            if (c != Integer.MIN_VALUE) {
                return c;
            }
        }
        int la = prefixLength(a);
        int lb = prefixLength(b);
        int n = Math.min(la, lb);
        for (int i = 0; i < n; i++) {
            char x = prefixChar(a, i);
            char y = prefixChar(b, i);
            if (x != y) {
                return x - y;
            }
        }
        if (la == lb) {
            return 0; // same prefix, same instant: the same key
        }
        return key(a).compareTo(key(b)); // one prefix is a prefix of the other: rare, compare the whole keys
    }

    /**
     * As {@code (kind(a) + '/' + step(a) + '/').compareTo(kind(b) + '/' + step(b) + '/')} when neither of the two
     * compared parts (the kinds' names, then the steps) is a proper prefix of the other; {@link Integer#MIN_VALUE}
     * otherwise (the caller compares the long way).
     */
    private static int compareKindAndStep(Parts a, Parts b) {
        if (a.kind() != b.kind()) {
            // MIN_VALUE when one kind's name is a prefix of the other's
            return firstDifference(String.valueOf(a.kind()), String.valueOf(b.kind()));
        }
        String sa = a.step();
        String sb = b.step();
        if (sa == sb || sa.equals(sb)) {
            return 0; // same id, kind, step and instant: the same key
        }
        return firstDifference(sa, sb);
    }

    /** The difference of the first differing characters, or {@link Integer#MIN_VALUE} if none up to the shorter. */
    private static int firstDifference(String x, String y) {
        int n = Math.min(x.length(), y.length());
        for (int i = 0; i < n; i++) {
            char cx = x.charAt(i);
            char cy = y.charAt(i);
            if (cx != cy) {
                return cx - cy;
            }
        }
        return Integer.MIN_VALUE;
    }

    /** The key of derived parts. */
    static String key(Parts p) {
        return DueItem.keyOf(p.escalation(), p.kind(), p.step(), Instant.ofEpochSecond(p.seconds(), p.nanos()));
    }

    private static int prefixLength(Parts p) {
        return p.escalation().value().length()
                + String.valueOf(p.kind()).length()
                + p.step().length()
                + 3;
    }

    /** Character {@code i} of "id/kind/step/". */
    private static char prefixChar(Parts p, int i) {
        String id = p.escalation().value();
        if (i < id.length()) {
            return id.charAt(i);
        }
        i -= id.length();
        if (i == 0) {
            return '/';
        }
        i--;
        String k = String.valueOf(p.kind());
        if (i < k.length()) {
            return k.charAt(i);
        }
        i -= k.length();
        if (i == 0) {
            return '/';
        }
        i--;
        String s = p.step();
        return i < s.length() ? s.charAt(i) : '/';
    }

    private static int fractionLength(int nanos) {
        if (nanos == 0) {
            return 0;
        }
        return nanos % 1_000_000 == 0 ? 4 : nanos % 1000 == 0 ? 7 : 10;
    }

    /** Whether {@code key} holds, from {@code p}, the instant as keyOf writes it (yyyy-MM-ddTHH:mm:ss[.f]Z). */
    static boolean instantMatches(String key, int p, long seconds, int nanos, int fraction) {
        LocalDate date = LocalDate.ofEpochDay(seconds / 86_400);
        int secondOfDay = (int) (seconds % 86_400);
        if (!digits(key, p, date.getYear(), 4)
                || key.charAt(p + 4) != '-'
                || !digits(key, p + 5, date.getMonthValue(), 2)
                || key.charAt(p + 7) != '-'
                || !digits(key, p + 8, date.getDayOfMonth(), 2)
                || key.charAt(p + 10) != 'T'
                || !digits(key, p + 11, secondOfDay / 3600, 2)
                || key.charAt(p + 13) != ':'
                || !digits(key, p + 14, secondOfDay / 60 % 60, 2)
                || key.charAt(p + 16) != ':'
                || !digits(key, p + 17, secondOfDay % 60, 2)) {
            return false;
        }
        p += 19;
        if (fraction > 0) {
            int value = fraction == 4 ? nanos / 1_000_000 : fraction == 7 ? nanos / 1000 : nanos;
            if (key.charAt(p) != '.' || !digits(key, p + 1, value, fraction - 1)) {
                return false;
            }
            p += fraction;
        }
        return key.charAt(p) == 'Z';
    }

    private static boolean digits(String key, int p, int value, int width) {
        // the widths of the date and the time (four and two digits) by constant divisors, which the JIT turns into
        // multiplications; the fraction's (three, six or nine digits, rare in due instants) by the loop below
        if (width == 2) {
            return twoDigits(key, p, value);
        }
        if (width == 4) {
            return twoDigits(key, p, value / 100) && twoDigits(key, p + 2, value % 100);
        }
        int div = 1;
        for (int i = 1; i < width; i++) {
            div *= 10;
        }
        for (; div > 0; div /= 10, p++) {
            if (key.charAt(p) != (char) ('0' + value / div % 10)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code key} holds at {@code p} the two digits of {@code value} (0 to 99). */
    private static boolean twoDigits(String key, int p, int value) {
        return key.charAt(p) == (char) ('0' + value / 10) && key.charAt(p + 1) == (char) ('0' + value % 10);
    }
}
