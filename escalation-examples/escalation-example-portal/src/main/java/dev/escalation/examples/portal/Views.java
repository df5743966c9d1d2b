package dev.escalation.examples.portal;

import dev.escalation.Action;
import dev.escalation.EscalationView;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.model.ActorRef;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ProgressEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
    private final Clock clock;

    Views(InMemoryCustomerDirectory customers, InMemoryStaffDirectory staff, Clock clock) {
        this.customers = customers;
        this.staff = staff;
        this.clock = clock;
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

    /** The escalation with its state path, facts, meetings, participants, lessons learned and timeline. */
    Map<String, Object> escalation(EscalationView v) {
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

        v.plan().ifPresent(p -> m.put("plan", plan(p, v)));
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

        List<Map<String, Object>> timeline = new ArrayList<>();
        for (ProgressEntry e : v.timeline()) {
            timeline.add(entry(e));
        }
        m.put("timeline", timeline);
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

    private Map<String, Object> plan(CommunicationPlan p, EscalationView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frequency", human(p.frequency()));
        m.put("channel", label(p.channel()));
        m.put("firstMeeting", TIME.format(p.firstMeetingAt()));
        m.put("agreedAt", TIME.format(p.agreedAt()));
        long held = v.timeline().stream()
                .filter(e -> e.kind() == ProgressKind.MEETING_HELD)
                .count();
        m.put("meetingsHeld", held);
        if (v.state() == EscalationState.ACTIVE) {
            Instant now = clock.instant();
            Instant next = p.firstMeetingAt();
            if (now.isAfter(next)) {
                long periods =
                        Duration.between(next, now).toMillis() / p.frequency().toMillis() + 1;
                next = next.plus(p.frequency().multipliedBy(periods));
            }
            m.put("nextMeeting", TIME.format(next));
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

    private Map<String, Object> entry(ProgressEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.kind().name());
        m.put("kindClass", "k-" + e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("kindLabel", kindLabel(e.kind()));
        m.put("at", TIME.format(e.at()));
        m.put("actor", actorName(e.actor()));
        m.put("text", text(e));
        m.put("internal", e.visibility() == Visibility.INTERNAL);
        List<Map<String, String>> details = new ArrayList<>();
        Optional.ofNullable(e.details().get("cause"))
                .flatMap(v -> parse(Cause.class, v))
                .ifPresent(c -> details.add(Map.of("key", "Cause", "value", label(c))));
        Optional.ofNullable(e.details().get("criticality"))
                .flatMap(v -> parse(Criticality.class, v))
                .ifPresent(c -> details.add(Map.of("key", "Criticality", "value", label(c))));
        Optional.ofNullable(e.details().get("hotlineAdvised"))
                .ifPresent(h -> details.add(Map.of("key", "Hotline advised", "value", h)));
        m.put("details", details);
        return m;
    }

    /**
     * The entry's text. For plan and session entries the engine writes English text with UTC instants; the portal
     * words them from the entry's details in Berlin time instead, and falls back to the engine's text.
     */
    private static String text(ProgressEntry e) {
        Map<String, String> d = e.details();
        try {
            if ((e.kind() == ProgressKind.PLAN_AGREED || e.kind() == ProgressKind.PLAN_AMENDED)
                    && d.containsKey("frequency")
                    && d.containsKey("channel")) {
                String first = d.getOrDefault("firstMeetingAt", d.get("nextMeetingAt"));
                return "Meetings every " + human(Duration.parse(d.get("frequency"))) + " by "
                        + label(Channel.valueOf(d.get("channel")))
                        + (first == null ? "" : "; first meeting " + TIME.format(Instant.parse(first)));
            }
            if (e.kind() == ProgressKind.LESSONS_LEARNED_SCHEDULED && d.containsKey("at")) {
                return "Session on " + TIME.format(Instant.parse(d.get("at")))
                        + (d.containsKey("duration") ? " (" + minutes(Duration.parse(d.get("duration"))) + ")" : "");
            }
        } catch (RuntimeException unreadable) {
            // details written by another engine version: show the engine's own text
        }
        return e.text();
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        try {
            return Optional.of(Enum.valueOf(type, value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Boolean> actions(EscalationView v) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (Action a : Action.values()) {
            m.put(a.name(), v.availableActions().contains(a));
        }
        return m;
    }

    static String minutes(Duration d) {
        return d.toMinutes() % 60 == 0
                ? d.toHours() + (d.toHours() == 1 ? " hour" : " hours")
                : d.toMinutes() + " minutes";
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
