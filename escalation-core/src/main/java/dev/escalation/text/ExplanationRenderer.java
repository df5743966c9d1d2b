package dev.escalation.text;

import dev.escalation.calendar.Explanation;
import dev.escalation.calendar.Explanation.Step;
import dev.escalation.calendar.Explanation.StepKind;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Deadline explanations per reader: {@code explain.*} patterns, instants and days in the reader's zone (the steps
 * are the calendar's; a step is named by the reader's local days it spans).
 */
final class ExplanationRenderer {
    private final Catalog c;

    ExplanationRenderer(Catalog c) {
        this.c = c;
    }

    String render(Explanation e, String startLabel, Locale l, ZoneId zone) {
        boolean longForm = Duration.between(e.start(), e.end()).compareTo(Duration.ofDays(6)) >= 0;
        DateTimeFormatter f = longForm
                ? c.formatter("format.explain.long", "EEE d MMM yyyy HH:mm", l)
                : c.formatter("format.explain.short", "EEE HH:mm", l);
        String startKey = "explain.start." + startLabel.replace(' ', '_');
        String start = c.has(startKey, l) ? c.text(startKey, l) : startLabel;
        StringBuilder out = new StringBuilder(c.text(
                "explain.head",
                l,
                f.format(e.end().atZone(zone)),
                zone.getId(),
                start,
                f.format(e.start().atZone(zone))));
        List<Step> steps = e.steps();
        if (steps.isEmpty()) {
            return out.append("; ").append(c.text("explain.nothing", l)).toString();
        }
        int i = 0;
        while (i < steps.size()) {
            Step s = steps.get(i);
            out.append("; ");
            if (s.kind() == StepKind.COUNTED) {
                out.append(
                        c.text("explain.counted", l, c.shortDuration(s.businessTime(), l), days(s, l, zone, longForm)));
                i++;
            } else if (s.kind() == StepKind.PAUSE) {
                out.append(c.text(
                        "explain.paused",
                        l,
                        c.shortDuration(s.businessTime(), l),
                        days(s, l, zone, longForm),
                        s.reason()));
                i++;
            } else {
                int j = i;
                while (j < steps.size()
                        && steps.get(j).kind().isSkip()
                        && steps.get(j).kind() != StepKind.PAUSE) {
                    j++;
                }
                out.append(closed(steps.subList(i, j), l, zone, e.zone()));
                i = j;
            }
        }
        return out.toString();
    }

    /**
     * A run of closed steps: its weekends, days without hours and holidays, else a night or a break in the reader's
     * zone. A day without hours is the calendar's weekday ({@code calendarZone}), whatever day it is for the reader.
     */
    private String closed(List<Step> run, Locale l, ZoneId zone, ZoneId calendarZone) {
        Set<String> parts = new LinkedHashSet<>();
        for (Step s : run) {
            if (s.kind() == StepKind.WEEKEND) {
                DayOfWeek d = s.from().atZone(calendarZone).getDayOfWeek();
                parts.add(
                        s.reason().equals("weekend")
                                ? c.text("explain.weekend", l)
                                : c.text("explain.noHours", l, dayName(d, l)));
            } else if (s.kind() == StepKind.HOLIDAY) {
                parts.add(c.text("explain.holiday", l, holidayName(s, l)));
            }
        }
        if (!parts.isEmpty()) {
            return c.text("explain.skipped", l, c.list(new ArrayList<>(parts), l));
        }
        ZonedDateTime from = run.get(0).from().atZone(zone);
        ZonedDateTime to = run.get(run.size() - 1).to().atZone(zone);
        if (!from.toLocalDate().equals(to.minusNanos(1).toLocalDate())) {
            return c.text("explain.night", l);
        }
        DateTimeFormatter time = Catalog.formatter("HH:mm", c.formatLocale(l));
        return c.text("explain.closed", l, time.format(from), time.format(to));
    }

    private static String holidayName(Step s, Locale l) {
        return s.holiday().map(h -> h.name(l)).orElseGet(() -> s.reason().replaceFirst("^public holiday: ", ""));
    }

    private String days(Step s, Locale l, ZoneId zone, boolean longForm) {
        LocalDate first = s.from().atZone(zone).toLocalDate();
        LocalDate last = s.to().minusNanos(1).atZone(zone).toLocalDate();
        String a = day(first, l, longForm);
        return first.equals(last) ? a : c.text("explain.days", l, a, day(last, l, longForm));
    }

    private String day(LocalDate date, Locale l, boolean longForm) {
        String name = dayName(date.getDayOfWeek(), l);
        if (!longForm) {
            return name;
        }
        return name + " " + Catalog.formatter("d MMM yyyy", c.formatLocale(l)).format(date);
    }

    private String dayName(DayOfWeek d, Locale l) {
        return d.getDisplayName(TextStyle.FULL, c.formatLocale(l));
    }
}
