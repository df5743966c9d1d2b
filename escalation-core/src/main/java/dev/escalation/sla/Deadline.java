package dev.escalation.sla;

import static java.util.Objects.requireNonNull;

import dev.escalation.calendar.Explanation;
import dev.escalation.model.DueKind;
import dev.escalation.model.PolicyRef;
import java.time.Instant;
import java.util.Optional;

/**
 * One deadline of an escalation, derived from its recorded history, its policy version, calendar data and the
 * engine's clock (the same inputs always give the same deadline). Immutable.
 *
 * @param kind        which deadline
 * @param dueAt       when it is due
 * @param state       where it stands at the instant it was read
 * @param policy      the policy version it comes from (empty for the meeting cadence of an escalation without
 *                    a policy)
 * @param calendar    the calendar its business time is measured in; empty for {@link DueKind#NEXT_MEETING}
 *                    (wall-clock time)
 * @param warningAt   when the pre-breach warning is (or was) due, if the policy warns
 * @param metAt       when it was met (acknowledged, resolved, meeting held), if it was
 * @param paused      whether the SLA clock is paused at the instant it was read: {@link #dueAt()} then assumes the
 *                    pause ends at that instant and moves later while the pause lasts
 * @param explanation how {@link #dueAt()} was computed
 * @param startLabel  what the explanation's start instant is, such as {@code "escalated"}
 */
public record Deadline(
        DueKind kind,
        Instant dueAt,
        DeadlineState state,
        Optional<PolicyRef> policy,
        Optional<SlaCalendar> calendar,
        Optional<Instant> warningAt,
        Optional<Instant> metAt,
        boolean paused,
        Explanation explanation,
        String startLabel) {

    /**
     * Validates the components.
     *
     * @param kind see the record component
     * @param dueAt see the record component
     * @param state see the record component
     * @param policy see the record component
     * @param calendar see the record component
     * @param warningAt see the record component
     * @param metAt see the record component
     * @param paused see the record component
     * @param explanation see the record component
     * @param startLabel see the record component
     * @throws NullPointerException if a component is null
     */
    public Deadline {
        requireNonNull(kind, "kind");
        requireNonNull(dueAt, "dueAt");
        requireNonNull(state, "state");
        requireNonNull(policy, "policy");
        requireNonNull(calendar, "calendar");
        requireNonNull(warningAt, "warningAt");
        requireNonNull(metAt, "metAt");
        requireNonNull(explanation, "explanation");
        requireNonNull(startLabel, "startLabel");
    }

    /**
     * How the due instant was computed: counted spans, skipped closed periods with their reasons and pauses.
     *
     * @return the explanation, whose {@link Explanation#end()} is {@link #dueAt()}
     */
    public Explanation explain() {
        return explanation;
    }

    /**
     * The explanation as one line a person can read, such as {@code "due Mon 09:30 Europe/Berlin: escalated Fri
     * 16:30; 30 min counted Friday; weekend skipped; 30 min counted Monday"}.
     *
     * @return the rendering
     */
    public String render() {
        return explanation.render(startLabel);
    }

    /**
     * The explanation in the reader's language (shipped English and German texts;
     * {@link #render(dev.escalation.text.Texts, java.util.Locale, java.time.ZoneId)} with {@code engine.texts()} adds
     * the host's), with times and days in the reader's zone, such as
     * {@code "fällig Do. 14:00 Europe/Berlin: eskaliert Di. 10:00; 4 Std. gezählt Dienstag; …"}.
     *
     * @param locale the reader's language
     * @param zone   the reader's zone
     * @return the rendering
     */
    public String render(java.util.Locale locale, java.time.ZoneId zone) {
        return render(dev.escalation.text.Texts.shipped(), locale, zone);
    }

    /**
     * The explanation with a host's texts first ({@code engine.texts()}), in the reader's language and zone.
     *
     * @param texts  the texts, such as {@code engine.texts()}
     * @param locale the reader's language
     * @param zone   the reader's zone
     * @return the rendering
     */
    public String render(dev.escalation.text.Texts texts, java.util.Locale locale, java.time.ZoneId zone) {
        return texts.explanation(explanation, startLabel, locale, zone);
    }
}
