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
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns engine results into the plain maps the templates read. Every user-entered text goes into a map value and is
 * escaped by Mustache when rendered.
 */
final class Views {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH).withZone(Portal.BERLIN);
    static final DateTimeFormatter INPUT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(Portal.BERLIN);

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

    static String label(Enum<?> e) {
        String s = e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    String staffName(StaffId id) {
        return staff.member(id).map(m -> m.displayName()).orElse(id.value());
    }

    String contactName(ContactId id) {
        return customers.touchpoint(id).map(t -> t.displayName()).orElse(id.value());
    }

    private String actorName(ActorRef ref) {
        return switch (ref.kind()) {
            case CONTACT -> contactName(ContactId.of(ref.id()));
            case STAFF -> staffName(StaffId.of(ref.id()));
            case SYSTEM -> "System";
        };
    }

    Map<String, Object> summary(EscalationSummary s, String base) {
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
        m.put("stateLabel", label(s.state()));
        m.put("criticality", s.criticality().name());
        m.put("criticalityLabel", label(s.criticality()));
        m.put("cause", label(s.cause()));
        m.put("raisedAt", TIME.format(s.raisedAt()));
        m.put("raisedBy", contactName(s.raisedBy()));
        m.put("manager", s.manager().map(this::staffName).orElse("not yet appointed"));
        return m;
    }

    /**
     * The escalation with its state path, facts, meetings, participants, lessons learned and timeline.
     *
     * @param v        the escalation as the reader sees it
     * @param timeline its timeline as the reader may read it, oldest first
     */
    Map<String, Object> escalation(EscalationView v, List<TimelineEntry> timeline) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id().value());
        m.put("idPath", path(v.id().value()));
        m.put(
                "customer",
                customers
                        .account(v.customer())
                        .map(a -> a.name())
                        .orElse(v.customer().value()));
        m.put("caseId", v.caseId().value());
        m.put("caseTitle", customers.supportCase(v.caseId()).map(c -> c.title()).orElse(""));
        m.put("state", v.state().name());
        m.put("stateLabel", label(v.state()));
        m.put("criticality", v.criticality().name());
        m.put("criticalityLabel", label(v.criticality()));
        m.put("cause", label(v.cause()));
        m.put("causeCategory", label(v.cause().category()));
        m.put("message", v.message());
        m.put("raisedBy", contactName(v.raisedBy()));
        m.put("raisedAt", TIME.format(v.raisedAt()));
        m.put("manager", v.manager().map(this::staffName).orElse(""));
        m.put("hasManager", v.manager().isPresent());
        m.put("clockPaused", v.clockPaused());
        m.put("steps", steps(v.state()));
        m.put("withdrawn", v.state() == EscalationState.WITHDRAWN);

        List<Map<String, Object>> participants = new ArrayList<>();
        v.participants().forEach(p -> participants.add(Map.of("name", p.displayName(), "kind", label(p.kind()))));
        m.put("participants", participants);
        m.put("hasParticipants", !participants.isEmpty());

        v.plan().ifPresent(p -> m.put("plan", plan(p, v, timeline)));
        v.resolution()
                .ifPresent(r -> m.put(
                        "resolution",
                        Map.of(
                                "summary",
                                r.summary(),
                                "at",
                                TIME.format(r.resolvedAt()),
                                "by",
                                staffName(r.resolvedBy()))));
        v.lessonsLearned().ifPresent(l -> m.put("lessons", lessons(l)));

        List<Map<String, Object>> entries = new ArrayList<>();
        for (TimelineEntry e : timeline) {
            entries.add(entry(e));
        }
        m.put("timeline", entries);
        m.put("actions", actions(v));
        return m;
    }

    private List<Map<String, Object>> steps(EscalationState state) {
        int current = PATH.indexOf(state);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int i = 0; i < PATH.size(); i++) {
            String status = current < 0 ? "todo" : i < current ? "done" : i == current ? "current" : "todo";
            if (state == EscalationState.CLOSED && i == current) {
                status = "done final";
            }
            steps.add(Map.of("label", label(PATH.get(i)), "status", status));
        }
        return steps;
    }

    private Map<String, Object> plan(CommunicationPlan p, EscalationView v, List<TimelineEntry> timeline) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frequency", human(p.frequency()));
        m.put("channel", label(p.channel()));
        m.put("firstMeeting", TIME.format(p.firstMeetingAt()));
        m.put("agreedAt", TIME.format(p.agreedAt()));
        long held = timeline.stream()
                .filter(e -> e.kind() == ProgressKind.MEETING_HELD)
                .count();
        m.put("meetingsHeld", held);
        // the engine keeps the next meeting of the plan (it moves on as meetings are held)
        if (v.state() == EscalationState.ACTIVE) {
            v.nextMeetingAt().ifPresent(next -> m.put("nextMeeting", TIME.format(next)));
        }
        return m;
    }

    private Map<String, Object> lessons(LessonsLearned l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", label(l.status()));
        m.put("scheduledAt", l.scheduledAt().map(TIME::format).orElse(""));
        m.put("attendees", l.attendees().stream().map(a -> a.displayName()).toList());
        m.put("findings", l.findings());
        m.put("hasFindings", !l.findings().isEmpty());
        m.put(
                "actions",
                l.actions().stream()
                        .map(a -> Map.of("description", a.description(), "owner", a.owner()))
                        .toList());
        m.put("note", l.note());
        return m;
    }

    private Map<String, Object> entry(TimelineEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.kind().name());
        m.put("kindClass", "k-" + e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("kindLabel", kindLabel(e.kind()));
        m.put("at", TIME.format(e.at()));
        m.put("actor", actorName(e.actor()));
        // the engine's rendering of the structured entry, with instants in the vendor's zone
        m.put("text", e.render(Portal.BERLIN));
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

    static String human(Duration d) {
        if (d.toDays() >= 1 && d.toHoursPart() == 0 && d.toMinutesPart() == 0) {
            return d.toDays() == 1 ? "day" : d.toDays() == 7 ? "week" : d.toDays() + " days";
        }
        if (d.toHours() >= 1 && d.toMinutesPart() == 0) {
            return d.toHours() == 1 ? "hour" : d.toHours() + " hours";
        }
        return d.toMinutes() + " minutes";
    }

    static String kindLabel(ProgressKind k) {
        return switch (k) {
            case ESCALATED -> "Case escalated";
            case ACKNOWLEDGED -> "Escalation Manager appointed";
            case MANAGER_REASSIGNED -> "Escalation Manager changed";
            case PLAN_AGREED -> "Communication plan agreed";
            case PLAN_AMENDED -> "Communication plan changed";
            case STATUS_UPDATE -> "Status update";
            case MEETING_HELD -> "Meeting held";
            case DECISION -> "Decision";
            case COMMUNICATION -> "Communication";
            case NOTE -> "Note";
            case PARTICIPANT_ADDED -> "Participant added";
            case PARTICIPANT_REMOVED -> "Participant removed";
            case CRITICALITY_CHANGED -> "Criticality changed";
            case CLOCK_PAUSED -> "SLA clock paused";
            case CLOCK_RESUMED -> "SLA clock resumed";
            case CALENDAR_CHANGED -> "Calendar changed";
            case RESOLVED -> "Resolved";
            case REOPENED -> "Reopened";
            case LESSONS_LEARNED_SCHEDULED -> "Lessons-learned session scheduled";
            case LESSONS_LEARNED_HELD -> "Lessons learned recorded";
            case LESSONS_LEARNED_DECLINED -> "Lessons-learned session declined";
            case CLOSED -> "Closed";
            case WITHDRAWN -> "Withdrawn";
            default -> label(k); // kinds added in later minor releases
        };
    }
}
