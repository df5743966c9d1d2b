package dev.escalation.calendar;

import static java.util.Objects.requireNonNull;

import dev.escalation.spi.internal.Copies;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How a business-time computation came about: the steps from its start to its end, each either counted or
 * skipped with a reason. Produced by {@link BusinessCalendar#explainPlus(Instant, Duration)} and its variant
 * with excluded intervals.
 *
 * <p>The steps partition {@code [start, end)} without gaps or overlaps, in time order; adjacent steps of the same
 * kind and reason are merged. Immutable and thread-safe.
 *
 * @param start     where the computation started
 * @param end       where it ended (for {@code explainPlus}: the result of {@code plus})
 * @param zone      the calendar's zone, used by {@link #render()}
 * @param counted   the business time counted, the sum of the {@link StepKind#COUNTED} steps
 * @param steps     the steps, in time order
 */
public record Explanation(Instant start, Instant end, ZoneId zone, Duration counted, List<Step> steps) {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    /**
     * Validates and copies the components.
     *
     * @param start see the record component
     * @param end see the record component
     * @param zone see the record component
     * @param counted see the record component
     * @param steps see the record component
     * @throws NullPointerException if a component is null
     */
    public Explanation {
        requireNonNull(start, "start");
        requireNonNull(end, "end");
        requireNonNull(zone, "zone");
        requireNonNull(counted, "counted");
        steps = Copies.list(steps, "steps");
    }

    /** What a step of an explanation is: counted business time, or one of the reasons time was skipped. */
    public enum StepKind {
        /** Open business time that counted. */
        COUNTED,
        /** A day of the week without opening hours (Saturday and Sunday in a Monday–Friday calendar). */
        WEEKEND,
        /** A holiday (all day, or from its {@link Holiday#closedFrom()} time on). */
        HOLIDAY,
        /** A working day outside its opening windows: nights, breaks between windows. */
        OUTSIDE_HOURS,
        /** Open business time excluded by the caller (an {@link Interval}, for example a paused SLA clock). */
        PAUSE;

        /**
         * Whether time of this kind was skipped rather than counted.
         *
         * @return {@code true} for every kind except {@link #COUNTED}
         */
        public boolean isSkip() {
            return this != COUNTED;
        }
    }

    /**
     * One step of an explanation: the half-open span {@code [from, to)}.
     *
     * @param kind         counted or why it was skipped
     * @param from         first instant of the step
     * @param to           first instant after the step
     * @param reason       the reason in words: {@code "counted"}, {@code "weekend"}, {@code "public holiday: Easter
     *                     Monday"}, {@code "outside business hours"}, or the caller's reason for a pause
     * @param businessTime the business time the step covers: its length for {@link StepKind#COUNTED} and
     *                     {@link StepKind#PAUSE} steps (a pause only ever claims time that would have counted),
     *                     zero for closed periods
     * @param holiday      the holiday of a {@link StepKind#HOLIDAY} step (its names per language), else empty
     */
    public record Step(
            StepKind kind, Instant from, Instant to, String reason, Duration businessTime, Optional<Holiday> holiday) {

        /**
         * Validates the components.
         *
         * @param kind see the record component
         * @param from see the record component
         * @param to see the record component
         * @param reason see the record component
         * @param businessTime see the record component
         * @param holiday see the record component
         * @throws NullPointerException if a component is null
         */
        public Step {
            requireNonNull(kind, "kind");
            requireNonNull(from, "from");
            requireNonNull(to, "to");
            requireNonNull(reason, "reason");
            requireNonNull(businessTime, "businessTime");
            requireNonNull(holiday, "holiday");
        }

        /**
         * A step that is not a holiday's.
         *
         * @param kind see the record component
         * @param from see the record component
         * @param to see the record component
         * @param reason see the record component
         * @param businessTime see the record component
         * @throws NullPointerException if a component is null
         */
        public Step(StepKind kind, Instant from, Instant to, String reason, Duration businessTime) {
            this(kind, from, to, reason, businessTime, Optional.empty());
        }

        /**
         * The wall-clock length of the step.
         *
         * @return {@code to - from}
         */
        public Duration length() {
            return Duration.between(from, to);
        }
    }

    /**
     * The business time skipped because of excluded intervals (pauses).
     *
     * @return the sum of the {@link StepKind#PAUSE} steps
     */
    public Duration paused() {
        Duration sum = Duration.ZERO;
        for (Step s : steps) {
            if (s.kind() == StepKind.PAUSE) {
                sum = sum.plus(s.businessTime());
            }
        }
        return sum;
    }

    /**
     * Renders the explanation for a person, starting with {@code "start"}, for example
     * {@code "due Mon 12:30 Europe/Berlin: start Fri 16:30; 30 min counted Friday; weekend skipped; 3 h 30 min
     * counted Monday"}.
     *
     * @return the text
     * @see #render(String)
     */
    public String render() {
        return render("start");
    }

    /**
     * Renders the explanation for a person: {@code "due <end> <zone>: <startLabel> <start>; <steps>"} where each
     * counted step reads {@code "30 min counted Friday"}, each pause {@code "paused 2 h on Monday (waiting for
     * customer)"} and each run of closed periods between them one phrase: {@code "weekend skipped"},
     * {@code "public holiday Easter Monday skipped"}, {@code "public holiday Good Friday, weekend and public holiday
     * Easter Monday skipped"} (in time order),
     * {@code "night skipped"} or {@code "closed 12:00–13:00 skipped"}. Times are local to {@link #zone()}, in
     * English; weekday names alone are used when the explanation spans less than six days, dates are added
     * otherwise.
     *
     * @param startLabel what the start was, such as {@code "escalated"}
     * @return the text
     */
    public String render(String startLabel) {
        requireNonNull(startLabel, "startLabel");
        boolean longForm = Duration.between(start, end).compareTo(Duration.ofDays(6)) >= 0;
        DateTimeFormatter f = longForm ? LONG : SHORT;
        StringBuilder out = new StringBuilder();
        out.append("due ")
                .append(f.format(end.atZone(zone)))
                .append(' ')
                .append(zone.getId())
                .append(": ")
                .append(startLabel)
                .append(' ')
                .append(f.format(start.atZone(zone)));
        if (steps.isEmpty()) {
            return out.append("; nothing to count").toString();
        }
        int i = 0;
        while (i < steps.size()) {
            Step s = steps.get(i);
            out.append("; ");
            if (s.kind() == StepKind.COUNTED) {
                out.append(formatDuration(s.businessTime())).append(" counted ").append(days(s, longForm));
                i++;
            } else if (s.kind() == StepKind.PAUSE) {
                out.append("paused ")
                        .append(formatDuration(s.businessTime()))
                        .append(" on ")
                        .append(days(s, longForm))
                        .append(" (")
                        .append(s.reason())
                        .append(')');
                i++;
            } else {
                int j = i;
                while (j < steps.size()
                        && steps.get(j).kind() != StepKind.COUNTED
                        && steps.get(j).kind() != StepKind.PAUSE) {
                    j++;
                }
                out.append(closedPhrase(steps.subList(i, j)));
                i = j;
            }
        }
        return out.toString();
    }

    private String closedPhrase(List<Step> run) {
        Set<String> parts = new LinkedHashSet<>();
        for (Step s : run) {
            if (s.kind() == StepKind.WEEKEND) {
                parts.add(s.reason());
            } else if (s.kind() == StepKind.HOLIDAY) {
                parts.add(s.reason().replaceFirst("^public holiday: ", "public holiday "));
            }
        }
        if (!parts.isEmpty()) {
            List<String> list = new ArrayList<>(parts);
            String last = list.remove(list.size() - 1);
            return (list.isEmpty() ? last : String.join(", ", list) + " and " + last) + " skipped";
        }
        ZonedDateTime from = run.get(0).from().atZone(zone);
        ZonedDateTime to = run.get(run.size() - 1).to().atZone(zone);
        if (!from.toLocalDate().equals(to.minusNanos(1).toLocalDate())) {
            return "night skipped";
        }
        return "closed " + TIME.format(from) + "–" + TIME.format(to) + " skipped";
    }

    private String days(Step s, boolean longForm) {
        LocalDate first = s.from().atZone(zone).toLocalDate();
        LocalDate last = s.to().minusNanos(1).atZone(zone).toLocalDate();
        String a = dayName(first, longForm);
        return first.equals(last) ? a : a + "–" + dayName(last, longForm);
    }

    private static String dayName(LocalDate date, boolean longForm) {
        String name = date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        return longForm ? name + " " + date : name;
    }

    /**
     * Formats a duration the way {@link #render()} does: {@code "3 h 30 min"}, {@code "30 min"}, {@code "2 h"},
     * {@code "45 s"}; hours are not folded into days.
     *
     * @param d a non-negative duration
     * @return the text
     */
    static String formatDuration(Duration d) {
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        List<String> parts = new ArrayList<>(3);
        if (h > 0) {
            parts.add(h + " h");
        }
        if (m > 0) {
            parts.add(m + " min");
        }
        if (s > 0 || (parts.isEmpty() && d.getNano() == 0)) {
            parts.add(s + (parts.isEmpty() && s == 0 ? " min" : " s"));
        }
        if (parts.isEmpty()) {
            parts.add(d.toNanos() + " ns");
        }
        return String.join(" ", parts);
    }
}
