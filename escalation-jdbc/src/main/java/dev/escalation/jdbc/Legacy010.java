package dev.escalation.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.model.ActorRef;
import dev.escalation.model.CaseId;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.StoredEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What 0.1.0 wrote, read as 0.2.0: escalation bodies, progress entries, notifications, and the facts of an escalation
 * derived once from its 0.1.0 log. Used by the upgrade ({@link Upgrade010}, migration V3) and by the readers of
 * format-1 documents. Pure functions of their input.
 */
final class Legacy010 {

    /** The parameter holding a legacy entry's 0.1.0 kind ({@link EntryParam.Code}). */
    static final String KIND = "kind";

    /** The prefix of the parameters holding a legacy entry's 0.1.0 details ({@link EntryParam.Text}). */
    static final String DETAIL = "detail.";

    /** The parameter of a legacy notification holding its rendered subject ({@link EntryParam.Text}). */
    static final String SUBJECT = "subject";

    /** The prefix of the parameters holding a legacy notification's 0.1.0 data ({@link EntryParam.Text}). */
    static final String DATA = "data.";

    /**
     * The parameter that marks a notification queued by 0.1.0: {@link EntryParam.Code} {@code "0.1.0"}. Its subject is
     * parameter {@link #SUBJECT} and its body the notification's text, both rendered when it was queued.
     */
    static final String LEGACY = "legacy";

    private Legacy010() {}

    // ------------------------------------------------------------------------------------------ bodies

    /**
     * A format-1 escalation body with the defaults of what 0.2.0 added: a plan gets no customer or vendor side and
     * the agreement {@code RECORDED}; an improvement action gets no due date and the status {@code OPEN}.
     */
    static JsonNode body(JsonNode body) {
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        JsonNode plan = copy.get("plan");
        if (plan instanceof ObjectNode p) {
            putIfAbsent(p, "customerSide");
            putIfAbsent(p, "vendorSide");
            if (!p.has("agreement")) {
                p.put("agreement", CommunicationPlan.Agreement.RECORDED.name());
            }
        }
        JsonNode lessons = copy.get("lessonsLearned");
        if (lessons instanceof ObjectNode l && l.get("actions") instanceof ArrayNode actions) {
            for (JsonNode action : actions) {
                if (action instanceof ObjectNode a) {
                    putIfAbsent(a, "due");
                    if (!a.has("status")) {
                        a.put("status", ImprovementAction.Status.OPEN.name());
                    }
                }
            }
        }
        return copy;
    }

    private static void putIfAbsent(ObjectNode node, String field) {
        if (!node.has(field)) {
            node.putNull(field);
        }
    }

    // ------------------------------------------------------------------------------------------ entries

    /**
     * A 0.1.0 progress entry as a {@code LEGACY_TEXT} entry: its sentence as text (absent if it was empty), its kind
     * as parameter {@link #KIND} and each detail as {@code detail.<name>}.
     */
    static StoredEntry entry(JsonNode entry) {
        Map<String, EntryParam> params = new LinkedHashMap<>();
        params.put(KIND, new EntryParam.Code(text(entry, "kind")));
        JsonNode details = entry.get("details");
        if (details != null && details.isObject()) {
            for (Map.Entry<String, JsonNode> d : details.properties()) {
                params.put(DETAIL + d.getKey(), new EntryParam.Text(d.getValue().asText()));
            }
        }
        JsonNode actor = entry.get("actor");
        String sentence = entry.hasNonNull("text") ? entry.get("text").asText() : "";
        return new StoredEntry(
                entry.get("sequence").asLong(),
                Instant.parse(text(entry, "at")),
                ProgressKind.LEGACY_TEXT,
                new ActorRef(ActorRef.Kind.valueOf(text(actor, "kind")), text(actor, "id")),
                Visibility.valueOf(text(entry, "visibility")),
                sentence.isEmpty() ? Optional.empty() : Optional.of(sentence),
                params,
                Optional.empty());
    }

    /** The 0.1.0 kind of a legacy entry, or its own kind for an entry written by 0.2.0. */
    static String kindOf(StoredEntry entry) {
        if (entry.kind() == ProgressKind.LEGACY_TEXT && entry.params().get(KIND) instanceof EntryParam.Code c) {
            return c.value();
        }
        return entry.kind().name();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("stored 0.1.0 document has no " + field);
        }
        if (value.isObject() && value.has("value")) {
            return value.get("value").asText(); // a typed id, written by Jackson as {"value": ...}
        }
        return value.asText();
    }

    // ------------------------------------------------------------------------------------------ notifications

    /**
     * A 0.1.0 notification (subject and body rendered when it was queued) as a request that still delivers them: the
     * fixed channel it was queued for, parameter {@link #LEGACY} ({@code "0.1.0"}), the subject as parameter
     * {@link #SUBJECT}, each data item as {@code data.<name>}, and the body as text.
     */
    static NotificationRequest notification(JsonNode n) {
        Map<String, EntryParam> params = new LinkedHashMap<>();
        params.put(LEGACY, new EntryParam.Code("0.1.0"));
        params.put(SUBJECT, new EntryParam.Text(text(n, "subject")));
        JsonNode data = n.get("data");
        if (data != null && data.isObject()) {
            for (Map.Entry<String, JsonNode> d : data.properties()) {
                params.put(DATA + d.getKey(), new EntryParam.Text(d.getValue().asText()));
            }
        }
        JsonNode invite = n.get("invite");
        return new NotificationRequest(
                text(n, "idempotencyKey"),
                EscalationId.of(text(n, "escalation")),
                CaseId.of(text(n, "caseId")),
                NotificationKind.valueOf(text(n, "kind")),
                Optional.of(DeliveryChannel.valueOf(text(n, "channel"))),
                party(n.get("recipient")),
                params,
                Optional.of(text(n, "body")),
                invite == null || invite.isNull() ? Optional.empty() : Optional.of(invite(invite)));
    }

    private static Party party(JsonNode p) {
        return new Party(Party.Kind.valueOf(text(p, "kind")), text(p, "id"), text(p, "displayName"), text(p, "email"));
    }

    private static MeetingInvite invite(JsonNode i) {
        List<Party> attendees = new ArrayList<>();
        JsonNode list = i.get("attendees");
        if (list != null) {
            list.forEach(a -> attendees.add(party(a)));
        }
        return new MeetingInvite(
                text(i, "uid"),
                text(i, "title"),
                Instant.parse(text(i, "start")),
                Duration.parse(text(i, "duration")),
                party(i.get("organizer")),
                attendees,
                i.get("sequence").asInt());
    }

    // ------------------------------------------------------------------------------------------ facts

    /** A pending due item of a 0.1.0 escalation: its deadline and when the deadline falls due. */
    record PendingDue(DueKind kind, Instant dueAt, Map<String, String> data) {
        /** The deadline the item stands for: its {@code dueAt} data (SLA steps, customer reminders) or its instant. */
        Instant deadline() {
            String at = data.get("dueAt");
            return at == null ? dueAt : Instant.parse(at);
        }
    }

    /**
     * The facts of an escalation derived from its 0.1.0 log, with the rules the engine applies to new entries:
     * acknowledged at the first {@code ACKNOWLEDGED}; resolved at the last {@code RESOLVED} not followed by a
     * {@code REOPENED}; pauses from {@code CLOCK_PAUSED} to {@code CLOCK_RESUMED} or {@code RESOLVED}, and the time it
     * stood resolved until {@code REOPENED}, as excluded spans (a pause still running is {@code pausedSince}); the last
     * {@code MEETING_HELD} since the plan was agreed and, while {@code ACTIVE}, the next meeting one period later (or
     * the plan's first meeting); invitations = {@code LESSONS_LEARNED_SCHEDULED} entries; open improvement actions; the
     * next deadline from the earliest pending due item (0.1.0 planned one per unmet deadline while the clock ran).
     */
    static EscalationFacts facts(
            List<StoredEntry> log,
            EscalationState state,
            Optional<CommunicationPlan> plan,
            Optional<LessonsLearned> lessons,
            List<PendingDue> pending) {
        long count = 0;
        Instant acknowledged = null;
        Instant resolved = null;
        Instant lastHeld = null;
        int invitations = 0;
        List<ExcludedSpan> excluded = new ArrayList<>();
        @Nullable StoredEntry start = null; // a running pause or a standing resolution, as SlaClock reads the log
        for (StoredEntry e : log) {
            count = Math.max(count, e.sequence());
            String kind = kindOf(e);
            switch (kind) {
                case "ACKNOWLEDGED" -> {
                    if (acknowledged == null) {
                        acknowledged = e.at();
                    }
                }
                case "CLOCK_PAUSED" -> {
                    if (start == null) {
                        start = e;
                    }
                }
                case "CLOCK_RESUMED" -> {
                    if (start != null && kindOf(start).equals("CLOCK_PAUSED")) {
                        excluded.add(span(start, e.at(), ExcludedSpan.Kind.PAUSED));
                        start = null;
                    }
                }
                case "RESOLVED" -> {
                    if (start != null && kindOf(start).equals("CLOCK_PAUSED")) {
                        excluded.add(span(start, e.at(), ExcludedSpan.Kind.PAUSED));
                    }
                    start = e;
                    resolved = e.at();
                }
                case "REOPENED" -> {
                    if (start != null && kindOf(start).equals("RESOLVED")) {
                        excluded.add(span(start, e.at(), ExcludedSpan.Kind.RESOLVED_UNTIL_REOPENED));
                        start = null;
                    }
                    resolved = null;
                }
                case "MEETING_HELD" -> {
                    if (plan.isPresent() && !e.at().isBefore(plan.get().agreedAt())) {
                        lastHeld = e.at();
                    }
                }
                case "LESSONS_LEARNED_SCHEDULED" -> invitations++;
                default -> {}
            }
        }
        boolean paused = start != null && kindOf(start).equals("CLOCK_PAUSED");
        Optional<Instant> nextMeeting = Optional.empty();
        if (state == EscalationState.ACTIVE && plan.isPresent()) {
            nextMeeting = Optional.of(
                    lastHeld == null
                            ? plan.get().firstMeetingAt()
                            : lastHeld.plus(plan.get().frequency()));
        }
        DeadlineMark next = null;
        if (state.isOpen()) {
            for (PendingDue d : pending) {
                Instant at = d.deadline();
                if (next == null || at.isBefore(next.at())) {
                    next = new DeadlineMark(d.kind(), at);
                }
            }
        }
        int openActions = lessons.map(l -> (int) l.actions().stream()
                        .filter(a -> a.status() == ImprovementAction.Status.OPEN)
                        .count())
                .orElse(0);
        return new EscalationFacts(
                count,
                Optional.ofNullable(acknowledged),
                Optional.ofNullable(resolved),
                paused ? Optional.of(start.at()) : Optional.empty(),
                paused ? reason(start) : Optional.empty(),
                excluded,
                Optional.ofNullable(lastHeld),
                nextMeeting,
                Optional.ofNullable(next),
                openActions,
                invitations,
                true);
    }

    private static ExcludedSpan span(StoredEntry start, Instant end, ExcludedSpan.Kind kind) {
        Instant to = end.isBefore(start.at()) ? start.at() : end;
        return new ExcludedSpan(
                start.at(), to, kind, kind == ExcludedSpan.Kind.PAUSED ? reason(start) : Optional.empty());
    }

    private static Optional<String> reason(StoredEntry pause) {
        return pause.text().filter(t -> !t.isBlank());
    }
}
