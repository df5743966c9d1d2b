package dev.escalation;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.NoOpeningException;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.PolicyRef;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.ProjectedStep;
import dev.escalation.sla.Projection;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.sla.WhatIf;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.StoredEscalation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** SLA reads and Support Management's SLA commands: deadlines, what-if, policy migration, calendar changes. */
final class WorkflowSla {
    private final Workflow w;
    private final WorkflowReads reads;
    private final HotlineAdvisor hotline;
    private final Optional<PolicyRef> policy;

    WorkflowSla(Workflow w, WorkflowReads reads, HotlineAdvisor hotline, Optional<PolicyRef> policy) {
        this.w = w;
        this.reads = reads;
        this.hotline = hotline;
        this.policy = policy;
    }

    private SlaClock sla() {
        return w.planner.sla();
    }

    /** The deadlines as the actor may see them: customer contacts only the policy's customer-facing kinds. */
    List<Deadline> deadlines(Actor actor, EscalationId id) {
        Principal p = w.resolve(actor);
        StoredEscalation r = reads.readable(p, id).orElseThrow(() -> Workflow.notFound(id));
        Supplier<Optional<CalendarSpec>> calendar =
                () -> Workflow.call(() -> w.customers.account(r.customer())).flatMap(CustomerAccount::contractCalendar);
        List<Deadline> all = // a calendar whose holiday source fails: UNAVAILABLE
                Ports.compute(() -> sla().deadlines(SlaSubject.of(r), w.clock.instant(), calendar));
        if (!p.isContact()) {
            return all;
        }
        Optional<SlaPolicy> policyOf = sla().policyOf(SlaSubject.of(r));
        return all.stream()
                .filter(d -> policyOf.map(x -> x.isCustomerVisible(d.kind())).orElse(d.kind() == DueKind.NEXT_MEETING))
                .toList();
    }

    /**
     * Refuses a what-if's customer calendar that this engine cannot build (an unknown zone or region), that is open
     * less than an hour a week ({@code Calendar}) or too little for the longest target measured in customers'
     * calendars ({@code OpenTime}), or that has no opening within {@link BusinessCalendar#MAX_CLOSED_DAYS} days of the
     * hypothetical raise (its hours never meet a day its holidays leave open), before anything is projected; a failing
     * holiday source is {@code UNAVAILABLE}, as everywhere. The calendar is built without the limits a directory's
     * calendar is refused by ({@code customerCalendar.OpenTime}), so these codes name the what-if's field.
     */
    private void checkCustomerCalendar(CalendarSpec spec, Instant raisedAt) {
        BusinessCalendar calendar;
        try {
            calendar = sla().buildUnchecked(spec);
        } catch (EscalationUnavailableException
                | IllegalStateException
                | IllegalArgumentException
                | java.time.DateTimeException e) {
            throw Inputs.invalid(
                    "whatIf.customerCalendar", "Calendar", "cannot be built by this engine" + Inputs.why(e));
        }
        String unmeasurable = SlaLimits.unmeasurable(calendar);
        if (unmeasurable != null) {
            throw Inputs.invalid(
                    "whatIf.customerCalendar",
                    "Calendar",
                    "cannot be built by this engine: the customer contract calendar " + unmeasurable);
        }
        String tooLittle = SlaLimits.tooLittle(calendar.weeklyOpenTime(), sla().longestCustomer());
        if (tooLittle != null) {
            throw Inputs.invalid("whatIf.customerCalendar", "OpenTime", tooLittle);
        }
        Ports.compute(
                () -> { // its holiday source failing is UNAVAILABLE, as everywhere
                    try {
                        return calendar.nextOpening(raisedAt);
                    } catch (NoOpeningException e) {
                        throw Inputs.invalid(
                                "whatIf.customerCalendar",
                                "Calendar",
                                "has no opening within " + BusinessCalendar.MAX_CLOSED_DAYS
                                        + " days after whatIf.raisedAt");
                    }
                });
    }

    /** Projects a hypothetical escalation ({@link SlaSubject#hypothetical}) through the same derivation and planner. */
    Projection whatIf(Actor actor, WhatIf whatIf) {
        Principal p = w.staff(actor, null, "what-if");
        Inputs.whatIf(whatIf);
        PolicyRef ref = whatIf.policy()
                .or(() -> policy)
                .orElseThrow(() -> Inputs.invalid(
                        "policy",
                        "Configured",
                        "no SLA policy is configured; register one with EscalationEngine.builder().slaPolicy(...)"));
        if (!sla().known().contains(ref)) {
            throw new UnknownPolicyException(Optional.empty(), ref, sla().known());
        }
        Optional<CalendarSpec> spec = whatIf.customerCalendar();
        if (spec.isPresent()) {
            checkCustomerCalendar(spec.get(), whatIf.raisedAt());
        }
        SlaSubject hypothetical =
                SlaSubject.hypothetical(whatIf.raisedAt(), whatIf.criticality(), ref, whatIf.pauses());
        return Ports.compute(
                () -> { // a calendar whose holiday source fails: UNAVAILABLE
                    List<Deadline> deadlines = sla().deadlines(hypothetical, whatIf.raisedAt(), () -> spec);
                    List<ProjectedStep> steps = w.planner.projected(hypothetical, spec).stream()
                            .map(s -> new ProjectedStep(
                                    s.kind(), s.step().name(), s.at(), w.planner.describe(hypothetical, s)))
                            .toList();
                    return new Projection(
                            ref, deadlines, steps, hotline.advise(whatIf.criticality(), whatIf.raisedAt()));
                });
    }

    /** Runs a command of a row outside the engine's own methods (the follow-through of improvement actions). */
    <C> EscalationView run(Action action, Actor actor, C command) {
        return w.run(action, actor, command);
    }

    /** Support Management moves a running escalation to another known policy version (row MIGRATE_POLICY). */
    EscalationView migratePolicy(Actor actor, EscalationId id, PolicyRef to, @Nullable Long expectedVersion) {
        return w.run(Action.MIGRATE_POLICY, actor, new SlaRows.MigratePolicy(id, to, expectedVersion));
    }

    /**
     * Records that calendar data changed in every escalation whose deadlines still run (REQUESTED, ACKNOWLEDGED,
     * ACTIVE) and re-plans its due work. Returns the escalations recorded; one changed concurrently is retried once,
     * then skipped (its next change re-plans it anyway).
     */
    List<EscalationId> recordCalendarChange(Actor actor, String reason) {
        Inputs.text(reason, "reason", 2000);
        w.lifecycle.checkVendorWide(w.resolve(actor), Action.RECORD_CALENDAR_CHANGE);
        Set<EscalationState> running = w.lifecycle.statesOf(Action.RECORD_CALENDAR_CHANGE);
        Set<EscalationId> ids = new LinkedHashSet<>();
        PageRequest page = PageRequest.first(100);
        while (true) {
            PageRequest current = page;
            Page<EscalationSummary> batch = Workflow.call(() -> w.store.listForVendor(running, current));
            boolean fresh = false;
            for (EscalationSummary s : batch.items()) {
                fresh |= ids.add(s.id());
            }
            // a page of nothing new ends the listing too: a store whose cursor does not move on would never end it
            if (batch.next().isEmpty() || !fresh) {
                break;
            }
            page = PageRequest.after(batch.next().get(), 100);
        }
        List<EscalationId> recorded = new ArrayList<>(ids.size());
        for (EscalationId id : ids) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                try {
                    w.run(Action.RECORD_CALENDAR_CHANGE, actor, new SlaRows.CalendarChange(id, reason));
                    recorded.add(id);
                    break;
                } catch (IllegalTransitionException | EscalationNotFoundException gone) {
                    break; // its deadlines stopped (or it was removed) since it was listed: nothing to re-plan
                } catch (EscalationConflictException e) {
                    if (attempt == 2) {
                        Workflow.withMdc(
                                id,
                                () -> Workflow.LOG.warn(
                                        "calendar change not recorded on escalation {}: concurrent " + "change", id));
                    }
                }
            }
        }
        return recorded;
    }
}
