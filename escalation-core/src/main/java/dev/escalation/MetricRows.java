package dev.escalation;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Interval;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationState;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.MetricRow;
import dev.escalation.spi.MetricRow.Transition;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link MetricRow}s of one write, derived from the version before, the next version and the entries appended: a
 * row per lifecycle transition (escalated, first acknowledged, resolved, reopened, closed, withdrawn) and a row per SLA
 * target settled by the write — first contact when first acknowledged, resolution when first resolved (met if not
 * after its deadline), and every unsettled target whose deadline has passed when the escalation is withdrawn
 * (breached). Durations run from the raise; business time excludes the SLA pauses. Reads no port.
 */
final class MetricRows {
    private MetricRows() {}

    static List<MetricRow> of(
            SlaClock sla,
            StoredEscalation before,
            StoredEscalation next,
            List<StoredEntry> entries,
            Instant now,
            Supplier<Optional<CalendarSpec>> customer) {
        List<Transition> transitions = null; // made at the first transition: most writes have none
        for (StoredEntry e : entries) {
            Transition t = switch (e.kind()) {
                case ESCALATED -> Transition.ESCALATED;
                case ACKNOWLEDGED -> before.facts().acknowledgedAt().isEmpty() ? Transition.ACKNOWLEDGED : null;
                case RESOLVED -> Transition.RESOLVED;
                case REOPENED -> Transition.REOPENED;
                case CLOSED -> Transition.CLOSED;
                case WITHDRAWN -> Transition.WITHDRAWN;
                default -> null;
            };
            if (t != null) {
                if (transitions == null) {
                    transitions = new ArrayList<>(2);
                }
                transitions.add(t);
            }
        }
        if (transitions == null) {
            return List.of();
        }
        Instant raised = next.raisedAt();
        long wall = Math.max(0, Duration.between(raised, now).getSeconds());
        SlaSubject after = SlaSubject.of(next);
        List<Interval> pauses = SlaClock.pauses(after, now);
        List<MetricRow> rows = new ArrayList<>(transitions.size() + 2);
        for (Transition t : transitions) {
            long business = t == Transition.ESCALATED ? 0 : seconds(sla.vendor(), raised, now, pauses);
            rows.add(row(next, t, now, t == Transition.ESCALATED ? 0 : wall, business, Optional.empty()));
        }
        boolean acknowledged = before.facts().acknowledgedAt().isEmpty()
                && next.facts().acknowledgedAt().isPresent();
        boolean resolved = before.facts().resolvedAt().isEmpty() && next.state() == EscalationState.RESOLVED;
        boolean withdrawn =
                next.state() == EscalationState.WITHDRAWN && before.state().isOpen();
        if (!acknowledged && !resolved && !withdrawn) {
            return rows;
        }
        // a withdrawn escalation has no deadlines of its own: judge its targets as they stood before, up to now
        SlaSubject subject = withdrawn ? SlaSubject.of(before) : after;
        Optional<SlaPolicy> policy = sla.policyOf(subject);
        if (policy.isEmpty()) {
            return rows;
        }
        List<Interval> judged = SlaClock.pauses(subject, now);
        for (SlaClock.Computed c : sla.compute(subject, judged, false, customer)) {
            boolean settles = (c.kind() == DueKind.FIRST_CONTACT && acknowledged)
                    || (c.kind() == DueKind.RESOLUTION && resolved)
                    || (withdrawn
                            && c.kind() != DueKind.NEXT_MEETING
                            && c.metAt().isEmpty()
                            && !c.due().isAfter(now));
            if (!settles) {
                continue;
            }
            Instant at = c.metAt().orElse(now);
            boolean met = c.metAt().isPresent() && !at.isAfter(c.due());
            BusinessCalendar cal = policy.get().calendar(c.kind()) == SlaCalendar.CUSTOMER_CONTRACT
                    ? customer.get().map(sla::build).orElse(sla.vendor())
                    : sla.vendor();
            rows.add(row(
                    next,
                    met ? Transition.TARGET_MET : Transition.TARGET_BREACHED,
                    at,
                    Math.max(0, Duration.between(raised, at).getSeconds()),
                    seconds(cal, raised, at, judged),
                    Optional.of(c.kind())));
        }
        return rows;
    }

    private static long seconds(BusinessCalendar cal, Instant from, Instant to, List<Interval> pauses) {
        return to.isAfter(from) ? cal.between(from, to, pauses).getSeconds() : 0;
    }

    private static MetricRow row(
            StoredEscalation r, Transition t, Instant at, long wall, long business, Optional<DueKind> target) {
        return new MetricRow(r.id(), r.customer(), r.criticality(), t, at, wall, business, target);
    }
}
