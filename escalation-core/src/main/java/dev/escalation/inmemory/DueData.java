package dev.escalation.inmemory;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data of a pending due item as {@link InMemoryDueWork} keeps it: most deadline steps carry exactly {@code dueAt}
 * (an instant in whole seconds, as {@link java.time.Instant#toString()} writes it) and {@code policy}; such data is
 * kept as one small {@link Packed} object (the instant as seconds, the policy text shared through the store's
 * {@link Interner}, the order of the two keys) instead of a map, its array and two strings. Any other data is kept as
 * the map given. Exact: {@link #map} gives a map equal to the one compacted, in its iteration order.
 */
final class DueData {

    private static final String DUE_AT = "dueAt";
    private static final String POLICY = "policy";
    /** Length of "yyyy-MM-ddTHH:mm:ssZ". */
    private static final int WHOLE_SECONDS = 20;

    private DueData() {}

    /** {@code {dueAt, policy}} (or the reverse order when {@code dueAtFirst} is false), the instant in seconds. */
    private record Packed(long seconds, String policy, boolean dueAtFirst) {
        // written out: a record's generated equals and hashCode run through method handles the JIT does not always
        // inline (seen in the escalate profile); the same components compared, the same way

        @Override
        public boolean equals(Object o) {
            return o instanceof Packed p
                    && seconds == p.seconds
                    && dueAtFirst == p.dueAtFirst
                    && policy.equals(p.policy);
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(seconds) * 31 + policy.hashCode()) * 31 + Boolean.hashCode(dueAtFirst);
        }
    }

    /** The compact form of {@code data}: a {@link Packed} where it fits exactly, else {@code data} itself. */
    static Object compact(Map<String, String> data, Interner interner) {
        if (data.size() != 2) {
            return data;
        }
        String dueAt = data.get(DUE_AT);
        String policy = data.get(POLICY);
        if (dueAt == null || policy == null) {
            return data;
        }
        long seconds = seconds(dueAt);
        if (seconds == Long.MIN_VALUE) {
            return data;
        }
        Iterator<String> keys = data.keySet().iterator();
        return new Packed(seconds, interner.intern(policy), keys.next().equals(DUE_AT));
    }

    /** The data {@code compact} stands for (a map equal to the one compacted, in its order). */
    @SuppressWarnings("unchecked")
    static Map<String, String> map(Object compact) {
        if (!(compact instanceof Packed p)) {
            return (Map<String, String>) compact;
        }
        String dueAt = java.time.Instant.ofEpochSecond(p.seconds()).toString();
        Map<String, String> map = new LinkedHashMap<>(4);
        if (p.dueAtFirst()) {
            map.put(DUE_AT, dueAt);
            map.put(POLICY, p.policy());
        } else {
            map.put(POLICY, p.policy());
            map.put(DUE_AT, dueAt);
        }
        return map;
    }

    /**
     * The epoch second of {@code text} when it is exactly what {@code Instant.toString()} writes for a whole second
     * from 1970 to 9999 ({@code yyyy-MM-ddTHH:mm:ssZ}), else {@link Long#MIN_VALUE}.
     */
    static long seconds(String text) {
        if (text.length() != WHOLE_SECONDS) {
            return Long.MIN_VALUE;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if (year < 1970
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return Long.MIN_VALUE;
        }
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        int days = month == 2 ? (leap ? 29 : 28) : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        if (day > days) {
            return Long.MIN_VALUE;
        }
        // every field was read from exactly its digits, in range: with the separators where Instant.toString writes
        // them, the text is what it writes for this second (no sign, no fraction, four-digit year)
        if (text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(19) != 'Z') {
            return Long.MIN_VALUE;
        }
        return LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second;
    }

    /** The decimal number of {@code width} digits at {@code p}, or -1 if a character is not a digit. */
    private static int number(String text, int p, int width) {
        int value = 0;
        for (int i = p; i < p + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Whether two compact forms stand for equal data in the same order (so one may be shared for both). */
    static boolean same(Object a, Object b) {
        if (a instanceof Packed || b instanceof Packed) {
            return a.equals(b);
        }
        return a.equals(b) && sameOrder((Map<?, ?>) a, (Map<?, ?>) b);
    }

    private static boolean sameOrder(Map<?, ?> a, Map<?, ?> b) {
        Iterator<?> k = b.keySet().iterator();
        for (Object key : a.keySet()) {
            if (!key.equals(k.next())) {
                return false;
            }
        }
        return true;
    }
}
