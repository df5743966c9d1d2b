package dev.escalation.examples.portal;

import dev.escalation.Action;
import dev.escalation.EscalationView;
import dev.escalation.TimelineEntry;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.model.ActorRef;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Intake;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.PlanProposal;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.DeadlineState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns engine results into the plain maps the templates read, in the reader's language and zone. Every
 * user-entered text goes into a map value and is escaped by Mustache when rendered.
 */
@Component
class Views {
    private static final List<EscalationState> PATH = List.of(
            EscalationState.REQUESTED,
            EscalationState.ACKNOWLEDGED,
            EscalationState.ACTIVE,
            EscalationState.RESOLVED,
            EscalationState.LESSONS_LEARNED,
            EscalationState.CLOSED);

    private final InMemoryCustomerDirectory customers;
    private final InMemoryStaffDirectory staff;

    Views(InMemoryCustomerDirectory customers, InMemoryStaffDirectory staff) {
        this.customers = customers;
        this.staff = staff;
    }

    static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String staffName(StaffId id) {
        return staff.member(id).map(m -> m.displayName()).orElse(id.value());
    }

    String contactName(ContactId id) {
        return customers.touchpoint(id).map(t -> t.displayName()).orElse(id.value());
    }

    private String actorName(ActorRef ref, Ui ui) {
        return switch (ref.kind()) {
            case CONTACT -> contactName(ContactId.of(ref.id()));
            case STAFF -> staffName(StaffId.of(ref.id()));
            case SYSTEM -> ui.t("actor.system");
        };
    }

    Map<String, Object> summary(EscalationSummary s, String base, Ui ui) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id().value());
        m.put("href", base + path(s.id().value()));
        m.put(
                "customer",
                customers
                        .account(s.customer())
                        .map(a -> a.name())
                        .orElse(s.customer().value()));
        m.put("caseId", s.caseId().value());
        m.put("caseTitle", customers.supportCase(s.caseId()).map(c -> c.title()).orElse(""));
        m.put("state", s.state().name());
        m.put("stateLabel", ui.label(s.state()));
        m.put("criticality", s.criticality().name());
        m.put("criticalityLabel", ui.label(s.criticality()));
        m.put("cause", ui.label(s.cause()));
        m.put("raisedAt", ui.at(s.raisedAt()));
        m.put("raisedBy", contactName(s.raisedBy()));
        m.put("manager", s.manager().map(this::staffName).orElse(ui.t("manager_none")));
        s.nextDeadline().ifPresent(d -> m.put("nextDeadline", ui.label(d.kind()) + ": " + ui.at(d.at())));
        s.nextMeetingAt().ifPresent(d -> m.put("nextMeeting", ui.at(d)));
        m.put("paused", s.pausedSince().isPresent());
        return m;
    }

    /**
     * The escalation with its state path, facts, deadlines, plan and proposal, participants, lessons learned and
     * timeline.
     */
    Map<String, Object> escalation(EscalationView v, List<TimelineEntry> timeline, List<Deadline> deadlines, Ui ui) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id().value());
        m.put("idPath", path(v.id().value()));
        // the version every action form sends back: a form sent twice, or after someone else's change, is refused
        m.put("version", Long.toString(v.version()));
        m.put(
                "customer",
                customers
                        .account(v.customer())
                        .map(a -> a.name())
                        .orElse(v.customer().value()));
        m.put("caseId", v.caseId().value());
        m.put("caseTitle", customers.supportCase(v.caseId()).map(c -> c.title()).orElse(""));
        m.put("state", v.state().name());
        m.put("stateLabel", ui.label(v.state()));
        m.put("criticality", v.criticality().name());
        m.put("criticalityLabel", ui.label(v.criticality()));
        m.put("cause", ui.label(v.cause()));
        m.put("message", v.message());
        m.put("raisedBy", contactName(v.raisedBy()));
        m.put("raisedAt", ui.at(v.raisedAt()));
        if (v.intake().channel() == Intake.Channel.HOTLINE_CALL) {
            m.put(
                    "intake",
                    ui.t("escalation.hotlineIntake", actorName(v.intake().recordedBy(), ui)));
        }
        m.put("manager", v.manager().map(this::staffName).orElse(""));
        m.put("hasManager", v.manager().isPresent());
        m.put("clockPaused", v.clockPaused());
        m.put("steps", steps(v.state(), ui));
        m.put("withdrawn", v.state() == EscalationState.WITHDRAWN);
        v.ticketReference().ifPresent(t -> m.put("ticket", t));

        List<Map<String, Object>> participants = new ArrayList<>();
        v.participants().forEach(p -> participants.add(Map.of("name", p.displayName(), "kind", ui.label(p.kind()))));
        m.put("participants", participants);
        m.put("hasParticipants", !participants.isEmpty());

        v.plan().ifPresent(p -> m.put("plan", plan(p, ui)));
        v.proposal().ifPresent(p -> m.put("proposal", proposal(p, ui)));
        v.nextMeetingAt().ifPresent(next -> m.put("nextMeeting", ui.at(next)));
        v.resolution()
                .ifPresent(r -> m.put(
                        "resolution",
                        Map.of("summary", r.summary(), "at", ui.at(r.resolvedAt()), "by", staffName(r.resolvedBy()))));
        v.lessonsLearned().ifPresent(l -> m.put("lessons", lessons(l, ui)));
        m.put("hasOutcome", v.resolution().isPresent() || v.lessonsLearned().isPresent());
        v.hotline().ifPresent(h -> m.put("hotline", ui.texts().hotline(h, ui.locale(), ui.zone())));

        List<Map<String, Object>> dl = new ArrayList<>();
        for (Deadline d : deadlines) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("kind", d.kind().name());
            dm.put("kindLabel", ui.label(d.kind()));
            dm.put("dueAt", ui.at(d.dueAt()));
            dm.put("state", d.state().name());
            dm.put("stateLabel", ui.label(d.state()));
            dm.put("breached", d.state() == DeadlineState.BREACHED);
            dm.put("paused", d.paused());
            d.metAt().ifPresent(x -> dm.put("metAt", ui.at(x)));
            dm.put("explanation", d.render(ui.texts(), ui.locale(), ui.zone()));
            dl.add(dm);
        }
        m.put("deadlines", dl);
        m.put("hasDeadlines", !dl.isEmpty());

        List<Map<String, Object>> entries = new ArrayList<>();
        for (TimelineEntry e : timeline) {
            entries.add(entry(e, ui));
        }
        m.put("timeline", entries);
        m.put("actions", actions(v));
        return m;
    }

    private List<Map<String, Object>> steps(EscalationState state, Ui ui) {
        int current = PATH.indexOf(state);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int i = 0; i < PATH.size(); i++) {
            String status = current < 0 ? "todo" : i < current ? "done" : i == current ? "current" : "todo";
            if (state == EscalationState.CLOSED && i == current) {
                status = "done final";
            }
            steps.add(Map.of("label", ui.label(PATH.get(i)), "status", status));
        }
        return steps;
    }

    private Map<String, Object> plan(CommunicationPlan p, Ui ui) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frequency", ui.texts().duration(p.frequency(), ui.locale()));
        m.put("channel", ui.label(p.channel()));
        m.put("firstMeeting", ui.at(p.firstMeetingAt()));
        m.put("agreedAt", ui.at(p.agreedAt()));
        m.put("agreement", ui.label(p.agreement()));
        // the zone the series repeats in: the customer side's, recorded with the plan; for a plan without one the
        // vendor's (the demo's coverage is in Berlin)
        m.put("zone", p.seriesZone(DemoData.BERLIN).getId());
        p.customerSide().ifPresent(c -> m.put("customerSide", contactName(c)));
        p.vendorSide().ifPresent(s -> m.put("vendorSide", staffName(s)));
        return m;
    }

    private Map<String, Object> proposal(PlanProposal p, Ui ui) {
        Map<String, Object> m = plan(p.plan(), ui);
        m.put("proposedBy", actorName(p.proposedBy(), ui));
        m.put("proposedAt", ui.at(p.proposedAt()));
        return m;
    }

    private Map<String, Object> lessons(LessonsLearned l, Ui ui) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", ui.label(l.status()));
        m.put("scheduledAt", l.scheduledAt().map(ui::at).orElse(""));
        m.put("findings", l.findings());
        m.put("hasFindings", !l.findings().isEmpty());
        m.put(
                "actions",
                l.actions().stream()
                        .map(a -> Map.of("description", a.description(), "owner", a.owner()))
                        .toList());
        return m;
    }

    private Map<String, Object> entry(TimelineEntry e, Ui ui) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.kind().name());
        m.put("kindClass", "k-" + e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("kindLabel", ui.label(e.kind()));
        m.put("at", ui.at(e.at()));
        m.put("actor", actorName(e.actor(), ui));
        // the engine's rendering of the structured entry, in the reader's language and zone
        m.put("text", e.render(ui.locale(), ui.zone()));
        m.put("internal", e.visibility() == Visibility.INTERNAL);
        return m;
    }

    private static Map<String, Boolean> actions(EscalationView v) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (Action a : Action.values()) {
            m.put(a.name(), v.availableActions().contains(a));
        }
        return m;
    }
}
