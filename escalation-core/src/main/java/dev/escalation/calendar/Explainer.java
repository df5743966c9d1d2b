package dev.escalation.calendar;

import static dev.escalation.calendar.Span.max;
import static dev.escalation.calendar.Span.min;

import dev.escalation.calendar.Explanation.Step;
import dev.escalation.calendar.Explanation.StepKind;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link Explanation} of a business-time computation on a calendar's {@link CalendarDays}: day by day,
 * counted spans (split by excluded intervals into pauses) and closed periods with their reasons.
 */
final class Explainer {

    private final CalendarDays days;

    Explainer(CalendarDays days) {
        this.days = days;
    }

    /** The steps of {@code [start, end)}; {@code ex} is normalised (sorted, non-overlapping). */
    Explanation explain(Instant start, Instant end, List<Interval> ex) {
        List<Step> steps = new ArrayList<>();
        Duration counted = Duration.ZERO;
        if (start.isBefore(end)) {
            Cursor cursor = new Cursor(days, start);
            Instant cur = start;
            Span s;
            while ((s = cursor.next(end)) != null) {
                Instant to = min(s.to(), end);
                if (cur.isBefore(s.from())) {
                    closedByDate(cur, s.from(), steps);
                }
                counted = counted.plus(openSteps(s.from(), to, ex, steps));
                cur = to;
            }
            if (cur.isBefore(end)) {
                closedByDate(cur, end, steps);
            }
        }
        return new Explanation(start, end, days.zone(), counted, steps);
    }

    /**
     * The closed steps of {@code [from, to)}, piece by piece of one local date each: cut at local midnights and at the
     * zone's switches (after a switch back across midnight, the local date goes back too).
     */
    private void closedByDate(Instant from, Instant to, List<Step> steps) {
        ZoneRules rules = days.zone().getRules();
        Instant x = from;
        while (x.isBefore(to)) {
            ZoneOffset offset = rules.getOffset(x);
            LocalDate date = LocalDateTime.ofInstant(x, offset).toLocalDate();
            Instant y = min(to, date.plusDays(1).atStartOfDay().toInstant(offset));
            ZoneOffsetTransition switched = rules.nextTransition(x);
            if (switched != null && switched.getInstant().isBefore(y)) {
                y = switched.getInstant();
            }
            closedSteps(date, x, y, steps);
            x = y;
        }
    }

    private static Duration openSteps(Instant from, Instant to, List<Interval> ex, List<Step> steps) {
        Duration counted = Duration.ZERO;
        Instant a = from;
        for (Interval e : ex) {
            if (!a.isBefore(to)) {
                break;
            }
            if (!e.to().isAfter(a) || !e.from().isBefore(to)) {
                continue;
            }
            if (a.isBefore(e.from())) {
                addStep(steps, StepKind.COUNTED, a, e.from(), "counted", true);
                counted = counted.plus(Duration.between(a, e.from()));
                a = e.from();
            }
            Instant b = min(e.to(), to);
            addStep(steps, StepKind.PAUSE, a, b, e.reason(), true);
            a = b;
        }
        if (a.isBefore(to)) {
            addStep(steps, StepKind.COUNTED, a, to, "counted", true);
            counted = counted.plus(Duration.between(a, to));
        }
        return counted;
    }

    private void closedSteps(LocalDate date, Instant from, Instant to, List<Step> steps) {
        Optional<Holiday> holiday = days.holidays().holidayOn(date);
        StepKind baseKind;
        String baseReason;
        if (days.windows(date.getDayOfWeek()).isEmpty()) {
            baseKind = StepKind.WEEKEND;
            DayOfWeek d = date.getDayOfWeek();
            baseReason = d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY
                    ? "weekend"
                    : "no business hours on " + CalendarDays.dayName(d);
        } else {
            baseKind = StepKind.OUTSIDE_HOURS;
            baseReason = "outside business hours";
        }
        if (holiday.isEmpty()) {
            addStep(steps, baseKind, from, to, baseReason, false);
            return;
        }
        Holiday h = holiday.get();
        if (h.closedFrom().isEmpty()) {
            addStep(steps, StepKind.HOLIDAY, from, to, CalendarDays.holidayReason(h), false, Optional.of(h));
            return;
        }
        Instant cur = from;
        for (Span s : days.restOfDay(date, h.closedFrom().get())) {
            Instant a = max(s.from(), cur);
            Instant b = min(s.to(), to);
            if (!a.isBefore(b)) {
                continue;
            }
            if (cur.isBefore(a)) {
                addStep(steps, baseKind, cur, a, baseReason, false);
            }
            addStep(steps, StepKind.HOLIDAY, a, b, CalendarDays.holidayReason(h), false, Optional.of(h));
            cur = b;
        }
        if (cur.isBefore(to)) {
            addStep(steps, baseKind, cur, to, baseReason, false);
        }
    }

    /** Appends a step, merging it into the last one when kind and reason match and they touch. */
    private static void addStep(
            List<Step> steps, StepKind kind, Instant from, Instant to, String reason, boolean business) {
        addStep(steps, kind, from, to, reason, business, Optional.empty());
    }

    private static void addStep(
            List<Step> steps,
            StepKind kind,
            Instant from,
            Instant to,
            String reason,
            boolean business,
            Optional<Holiday> holiday) {
        if (!steps.isEmpty()) {
            Step last = steps.get(steps.size() - 1);
            if (last.kind() == kind && last.reason().equals(reason) && last.to().equals(from)) {
                Instant start = last.from();
                steps.set(
                        steps.size() - 1,
                        new Step(
                                kind,
                                start,
                                to,
                                reason,
                                business ? Duration.between(start, to) : Duration.ZERO,
                                last.holiday()));
                return;
            }
        }
        steps.add(new Step(kind, from, to, reason, business ? Duration.between(from, to) : Duration.ZERO, holiday));
    }
}
