package dev.escalation.examples.smtp;

import java.util.List;
import java.util.stream.Collectors;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.validate.ValidationEntry;

/** Reads ical4j's validation of a received calendar. */
final class Invitations {
    private Invitations() {}

    /**
     * ical4j's validation errors of a calendar, except those about {@code VALARM}: ical4j 4.2.0 reports one for the
     * iTIP methods even when the calendar has no alarm (the calendars checked here have none; {@link #alarms} tells).
     */
    static List<String> errors(Calendar calendar) {
        if (alarms(calendar) > 0) {
            throw new AssertionError("an invitation carries no VALARM");
        }
        return calendar.validate().getEntries().stream()
                .filter(e -> e.getSeverity() == ValidationEntry.Severity.ERROR && !"VALARM".equals(e.getContext()))
                .map(e -> e.getContext() + ": " + e.getMessage())
                .collect(Collectors.toList());
    }

    /** The number of VALARM components in the calendar's events. */
    static long alarms(Calendar calendar) {
        return calendar.getComponents("VEVENT").stream()
                .mapToLong(event -> ((net.fortuna.ical4j.model.component.VEvent) event)
                        .getAlarms()
                        .size())
                .sum();
    }
}
