package dev.escalation.examples.smtp;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;

/**
 * A {@code VTIMEZONE} built from java.time's rules, for a zone java.time knows and ical4j's bundled database does not
 * (the {@code SystemV/*} ids): the zone's transitions from a year before the series starts, one observance each, then
 * its yearly rules as {@code RRULE}s. Each {@code RRULE} is checked against java.time (its changes for 50 years) before
 * it is used; a zone whose rules an {@code RRULE} cannot name is not written.
 */
final class ZoneDefinitions {
    /** How far past the start the definition is checked. */
    private static final int CHECKED_YEARS = 50;

    private ZoneDefinitions() {}

    /** The zone as ical4j's {@link TimeZone}, or empty if it cannot be written faithfully. */
    static Optional<TimeZone> of(ZoneId zone, Instant start) {
        ZoneRules rules = zone.getRules();
        Instant from = start.atZone(ZoneOffset.UTC).minusYears(1).toInstant();
        List<Observance> observances = new ArrayList<>();
        ZoneOffsetTransition before = rules.previousTransition(from);
        ZoneOffsetTransition last = before;
        if (before != null) {
            observances.add(observance(before, rules));
        } else {
            // no change before: the offset it has then, from the earliest date ical4j accepts
            ZoneOffset offset = rules.getOffset(from);
            Standard fixed = new Standard();
            fixed.add(new DtStart<>(LocalDateTime.of(1601, 1, 1, 0, 0)));
            fixed.add(new TzOffsetFrom(offset));
            fixed.add(new TzOffsetTo(offset));
            observances.add(fixed);
        }
        for (ZoneOffsetTransition t : rules.getTransitions()) {
            if (t.getInstant().isAfter(from)) {
                observances.add(observance(t, rules)); // as java.time has them: right by construction
                last = t;
            }
        }
        for (ZoneOffsetTransitionRule rule : rules.getTransitionRules()) {
            int year = last == null
                    ? start.atZone(ZoneOffset.UTC).getYear() - 1
                    : last.getDateTimeBefore().getYear();
            ZoneOffsetTransition first = rule.createTransition(year);
            while (last != null && !first.getInstant().isAfter(last.getInstant())) {
                first = rule.createTransition(++year);
            }
            Recur<LocalDateTime> recur = new Recur<>(yearly(rule));
            if (!faithful(recur, rule, year)) {
                return Optional.empty();
            }
            Observance yearly = observance(first, rules);
            yearly.add(new RRule<>(recur));
            observances.add(yearly);
        }
        VTimeZone definition = new VTimeZone(new ComponentList<>(observances));
        definition.add(new TzId(zone.getId()));
        return Optional.of(new TimeZone(definition));
    }

    /**
     * Whether the {@code RRULE} names the local times java.time's rule changes the offset at (its wall-clock time
     * before the change), every year for 50 years: a rule whose change falls on another date than its day (a change
     * at the end of the day, or defined in UTC across midnight) would not.
     */
    private static boolean faithful(Recur<LocalDateTime> recur, ZoneOffsetTransitionRule rule, int firstYear) {
        List<LocalDateTime> expected = new ArrayList<>();
        for (int y = firstYear; y < firstYear + CHECKED_YEARS; y++) {
            expected.add(rule.createTransition(y).getDateTimeBefore());
        }
        LocalDateTime seed = expected.get(0);
        List<LocalDateTime> written = recur.getDates(seed, seed, expected.get(CHECKED_YEARS - 1));
        return written.equals(expected);
    }

    private static Observance observance(ZoneOffsetTransition t, ZoneRules rules) {
        boolean daylight = !t.getOffsetAfter().equals(rules.getStandardOffset(t.getInstant()));
        Observance o = daylight ? new Daylight() : new Standard();
        o.add(new DtStart<>(t.getDateTimeBefore()));
        o.add(new TzOffsetFrom(t.getOffsetBefore()));
        o.add(new TzOffsetTo(t.getOffsetAfter()));
        return o;
    }

    /** {@code FREQ=YEARLY} with the rule's month and day: a weekday on or after a day, on or before one, or a date. */
    private static String yearly(ZoneOffsetTransitionRule rule) {
        int day = rule.getDayOfMonthIndicator();
        String rrule = "FREQ=YEARLY;BYMONTH=" + rule.getMonth().getValue();
        if (rule.getDayOfWeek() == null) {
            return rrule + ";BYMONTHDAY=" + day;
        }
        StringJoiner days = new StringJoiner(",");
        for (int i = 0; i < 7; i++) {
            days.add(Integer.toString(day > 0 ? day + i : day - i));
        }
        return rrule + ";BYDAY=" + rule.getDayOfWeek().name().substring(0, 2) + ";BYMONTHDAY=" + days;
    }
}
