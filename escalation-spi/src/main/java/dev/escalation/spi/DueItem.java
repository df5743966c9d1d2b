package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A piece of work that becomes due at an instant: a reminder, a warning before a deadline, a breach.
 *
 * <p>The {@link #key()} is unique and stable (escalation, kind, step, due instant): queueing an item whose key is
 * already pending or already completed queues nothing.
 *
 * @param key        unique key
 * @param escalation the escalation
 * @param customer   its tenant
 * @param kind       which deadline
 * @param step       which step of it, such as {@code "warning"} or {@code "breach"}
 * @param dueAt      when it becomes due (engine clock)
 * @param data       structured facts for processing
 */
public record DueItem(
        String key,
        EscalationId escalation,
        CustomerId customer,
        DueKind kind,
        String step,
        Instant dueAt,
        Map<String, String> data) {

    /**
     * Validates and copies the components.
     *
     * @param key unique key
     * @param escalation the escalation
     * @param customer its tenant
     * @param kind which deadline
     * @param step which step of it, such as {@code "warning"} or {@code "breach"}
     * @param dueAt when it becomes due (engine clock)
     * @param data structured facts for processing
     * @throws NullPointerException if a component is null
     */
    public DueItem {
        requireNonNull(key, "key");
        requireNonNull(escalation, "escalation");
        requireNonNull(customer, "customer");
        requireNonNull(kind, "kind");
        requireNonNull(step, "step");
        requireNonNull(dueAt, "dueAt");
        data = Maps.copyOrdered(data, "data");
    }

    /**
     * The conventional key of a due item.
     *
     * @param escalation the escalation
     * @param kind       the deadline
     * @param step       the step
     * @param dueAt      the due instant
     * @return {@code escalation/kind/step/dueAt}
     */
    public static String keyOf(EscalationId escalation, DueKind kind, String step, Instant dueAt) {
        String id = escalation.value();
        if (dueAt == null || dueAt.getEpochSecond() < 0 || dueAt.getEpochSecond() > LAST_FOUR_DIGIT_YEAR) {
            return id + "/" + kind + "/" + step + "/" + dueAt;
        }
        long seconds = dueAt.getEpochSecond();
        String k = String.valueOf(kind);
        String s = String.valueOf(step);
        if (dueAt.getNano() == 0) {
            // Whole seconds (the usual due instant): one concatenation sized exactly (one array and the String, no
            // builder); the year is four digits here (1970..9999), the other fields two digits written as chars.
            LocalDate date = LocalDate.ofEpochDay(seconds / 86_400);
            int sod = (int) (seconds % 86_400);
            int month = date.getMonthValue();
            int day = date.getDayOfMonth();
            int hour = sod / 3600;
            int minute = sod / 60 % 60;
            int second = sod % 60;
            return id
                    + '/'
                    + k
                    + '/'
                    + s
                    + '/'
                    + date.getYear()
                    + '-'
                    + tens(month)
                    + ones(month)
                    + '-'
                    + tens(day)
                    + ones(day)
                    + 'T'
                    + tens(hour)
                    + ones(hour)
                    + ':'
                    + tens(minute)
                    + ones(minute)
                    + ':'
                    + tens(second)
                    + ones(second)
                    + 'Z';
        }
        StringBuilder b = new StringBuilder(id.length() + k.length() + s.length() + 34);
        b.append(id).append('/').append(k).append('/').append(s).append('/');
        appendInstant(b, seconds, dueAt.getNano());
        return b.toString();
    }

    /** 9999-12-31T23:59:59Z: up to here (from 1970) {@link Instant#toString()} has four-digit years. */
    private static final long LAST_FOUR_DIGIT_YEAR = 253_402_300_799L;

    /**
     * Appends what {@link Instant#toString()} gives ({@code DateTimeFormatter.ISO_INSTANT}) for an instant from 1970 to
     * 9999: {@code yyyy-MM-ddTHH:mm:ss}, then the fraction in groups of three digits as needed, then {@code Z}.
     */
    private static void appendInstant(StringBuilder b, long seconds, int nanos) {
        LocalDate date = LocalDate.ofEpochDay(seconds / 86_400);
        int secondOfDay = (int) (seconds % 86_400);
        digits(b, date.getYear(), 4).append('-');
        digits(b, date.getMonthValue(), 2).append('-');
        digits(b, date.getDayOfMonth(), 2).append('T');
        digits(b, secondOfDay / 3600, 2).append(':');
        digits(b, secondOfDay / 60 % 60, 2).append(':');
        digits(b, secondOfDay % 60, 2);
        if (nanos != 0) {
            b.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(b, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                digits(b, nanos / 1000, 6);
            } else {
                digits(b, nanos, 9);
            }
        }
        b.append('Z');
    }

    private static char tens(int twoDigits) {
        return (char) ('0' + twoDigits / 10);
    }

    private static char ones(int twoDigits) {
        return (char) ('0' + twoDigits % 10);
    }

    /** Appends a non-negative number zero-padded to {@code width} digits (it has at most that many). */
    private static StringBuilder digits(StringBuilder b, int value, int width) {
        for (int div = pow10(width - 1); div > 0; div /= 10) {
            b.append((char) ('0' + value / div % 10));
        }
        return b;
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
