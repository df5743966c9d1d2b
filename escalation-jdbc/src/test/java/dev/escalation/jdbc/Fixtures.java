package dev.escalation.jdbc;

import dev.escalation.model.ActorRef;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.MessageId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Resolution;
import dev.escalation.model.StaffId;
import dev.escalation.model.TicketStatus;
import dev.escalation.model.Visibility;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.Notification;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.ProgressEntry;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.TicketCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.time.api.DateTimes;

/** Records, messages and due items for the JDBC tests; arbitraries for the randomised round trips. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2027-01-15T09:00:00Z");

    private Fixtures() {}

    static Party contact(String id) {
        return new Party(Party.Kind.CONTACT, id, "Contact " + id, id + "@customer.example");
    }

    static Party staff(String id) {
        return new Party(Party.Kind.STAFF, id, "Staff " + id, id + "@vendor.example");
    }

    static ProgressEntry entry(long sequence, Instant at, ProgressKind kind, String text) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("z-first", "1");
        details.put("a-second", "2");
        return new ProgressEntry(
                sequence, at, kind, ActorRef.contact(ContactId.of("ina")), Visibility.CUSTOMER, text, details);
    }

    /** A freshly raised escalation (version 1, REQUESTED, one ESCALATED entry). */
    static EscalationRecord raised(String customer, String id, String caseId, Instant at) {
        return new EscalationRecord(
                EscalationId.of(id),
                1,
                CustomerId.of(customer),
                CaseId.of(caseId),
                EscalationState.REQUESTED,
                ContactId.of("ina"),
                "Our database is down",
                Cause.DATABASE_OUTAGE,
                Criticality.CRITICAL,
                Optional.of("sub-" + id),
                at,
                at,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(entry(1, at, ProgressKind.ESCALATED, "escalated")));
    }

    /** An escalation with every optional component present, nanosecond instants and non-ASCII text. */
    static EscalationRecord full(String customer, String id, String caseId) {
        Instant at = Instant.parse("2027-01-16T10:00:00.123456789Z");
        List<ProgressEntry> log = List.of(
                entry(1, at, ProgressKind.ESCALATED, "Größe ✓ \"quoted\" \n newline"),
                entry(2, at.plusNanos(1), ProgressKind.ACKNOWLEDGED, ""),
                entry(3, at.plusSeconds(60), ProgressKind.RESOLVED, "fixed"));
        return new EscalationRecord(
                EscalationId.of(id),
                1,
                CustomerId.of(customer),
                CaseId.of(caseId),
                EscalationState.LESSONS_LEARNED,
                ContactId.of("ina"),
                "Ünïcode message ☃ with\ttab",
                Cause.SECURITY_INCIDENT,
                Criticality.HIGH,
                Optional.of("submission-" + id),
                at,
                at.plusSeconds(3600),
                Optional.of(StaffId.of("em-7")),
                Optional.of(new CommunicationPlan(
                        Duration.ofHours(4).plusNanos(7),
                        Channel.VIDEO_CALL,
                        at.plusSeconds(7200),
                        at.plusSeconds(10))),
                List.of(
                        staff("em-7"),
                        contact("ina"),
                        new Party(Party.Kind.EXTERNAL, "ext@x.example", "Ext", "ext@x.example")),
                Optional.of(new Resolution("patched", at.plusSeconds(3000), StaffId.of("em-7"))),
                Optional.of(new LessonsLearned(
                        LessonsLearned.Status.HELD,
                        Optional.of(at.plusSeconds(86_400)),
                        List.of(contact("ina"), staff("em-7")),
                        "findings",
                        List.of(new ImprovementAction("monitoring", "ops"), new ImprovementAction("runbook", "em-7")),
                        "note")),
                Optional.of(new PolicyRef("default-sla", 3)),
                log);
    }

    /** The next version of {@code r} in {@code state}, with one more progress entry. */
    static EscalationRecord next(EscalationRecord r, EscalationState state, String text) {
        long seq = r.progress().size() + 1;
        Instant at = r.updatedAt().plusSeconds(1);
        List<ProgressEntry> log = new ArrayList<>(r.progress());
        log.add(entry(seq, at, ProgressKind.NOTE, text));
        return new EscalationRecord(
                r.id(),
                r.version() + 1,
                r.customer(),
                r.caseId(),
                state,
                r.raisedBy(),
                r.message(),
                r.cause(),
                r.criticality(),
                r.submissionKey(),
                r.raisedAt(),
                at,
                r.manager(),
                r.plan(),
                r.participants(),
                r.resolution(),
                r.lessonsLearned(),
                r.policy(),
                log);
    }

    static Notification notification(EscalationId escalation, String key) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("state", "REQUESTED");
        data.put("hotline", "+49 000");
        return new Notification(
                key,
                escalation,
                CaseId.of("C-" + escalation.value()),
                NotificationKind.ESCALATION_RECEIVED,
                DeliveryChannel.EMAIL,
                staff("sm"),
                "Subject",
                "Body with personal data",
                data,
                Optional.empty());
    }

    static Notification notificationWithInvite(EscalationId escalation, String key) {
        MeetingInvite invite = new MeetingInvite(
                "uid-" + key,
                "Lessons learned",
                T0.plusNanos(5),
                Duration.ofMinutes(45),
                staff("em-7"),
                List.of(contact("ina"), staff("em-7")),
                3);
        return new Notification(
                key,
                escalation,
                CaseId.of("C-1"),
                NotificationKind.LESSONS_LEARNED_INVITATION,
                DeliveryChannel.EMAIL,
                contact("ina"),
                "Invitation",
                "Body",
                Map.of(),
                Optional.of(invite));
    }

    /** One side effect of every type. */
    static List<SideEffect> everyEffect(EscalationId e, String prefix) {
        return List.of(
                notification(e, prefix + "-n"),
                notificationWithInvite(e, prefix + "-i"),
                new TicketCommand.Open(
                        prefix + "-o",
                        e,
                        CustomerId.of("acme"),
                        CaseId.of("C-1"),
                        "subject",
                        "description",
                        Criticality.CRITICAL),
                new TicketCommand.AddParticipant(prefix + "-a", e, staff("em-7")),
                new TicketCommand.RemoveParticipant(prefix + "-r", e, contact("ina")),
                new TicketCommand.PostUpdate(prefix + "-p", e, "update text", Visibility.INTERNAL),
                new TicketCommand.ChangeStatus(prefix + "-s", e, TicketStatus.RESOLVED, ""));
    }

    static OutboxMessage message(String customer, SideEffect effect, Instant at) {
        return OutboxMessage.pending(MessageId.of("m-" + effect.idempotencyKey()), CustomerId.of(customer), effect, at);
    }

    static DueItem due(EscalationRecord r, DueKind kind, String step, Instant at) {
        return new DueItem(
                DueItem.keyOf(r.id(), kind, step, at), r.id(), r.customer(), kind, step, at, Map.of("step", step));
    }

    // ------------------------------------------------------------------------------------------ arbitraries

    static Arbitrary<Instant> instants() {
        return Arbitraries.oneOf(
                DateTimes.instants()
                        .between(Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2200-01-01T00:00:00Z")),
                Arbitraries.of(Instant.EPOCH, T0, Instant.parse("1969-12-31T23:59:59.999999999Z")));
    }

    static Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMaxLength(40);
    }

    static Arbitrary<String> idText() {
        return Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars("-_.:")
                .ofMinLength(1)
                .ofMaxLength(30);
    }

    static Arbitrary<Party> parties() {
        return Combinators.combine(Arbitraries.of(Party.Kind.class), idText(), texts(), texts())
                .as(Party::new);
    }

    static Arbitrary<Map<String, String>> maps() {
        return Arbitraries.maps(idText(), texts()).ofMaxSize(4);
    }

    static Arbitrary<ProgressEntry> entryWithoutSequence() {
        return Combinators.combine(
                        instants(),
                        Arbitraries.of(ProgressKind.class),
                        Combinators.combine(Arbitraries.of(ActorRef.Kind.class), idText())
                                .as(ActorRef::new),
                        Arbitraries.of(Visibility.class),
                        texts(),
                        maps())
                .as((at, kind, actor, visibility, text, details) ->
                        new ProgressEntry(1, at, kind, actor, visibility, text, details));
    }

    static Arbitrary<List<ProgressEntry>> logs() {
        return entryWithoutSequence().list().ofMaxSize(5).map(list -> {
            List<ProgressEntry> numbered = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                ProgressEntry e = list.get(i);
                numbered.add(
                        new ProgressEntry(i + 1, e.at(), e.kind(), e.actor(), e.visibility(), e.text(), e.details()));
            }
            return numbered;
        });
    }

    static Arbitrary<Optional<CommunicationPlan>> plans() {
        return Combinators.combine(
                        Arbitraries.longs().between(1, 10_000_000_000_000L).map(Duration::ofNanos),
                        Arbitraries.of(Channel.class),
                        instants(),
                        instants())
                .as(CommunicationPlan::new)
                .optional();
    }

    static Arbitrary<Optional<LessonsLearned>> lessons() {
        return Combinators.combine(
                        Arbitraries.of(LessonsLearned.Status.class),
                        instants().optional(),
                        parties().list().ofMaxSize(3),
                        texts(),
                        Combinators.combine(texts(), texts())
                                .as(ImprovementAction::new)
                                .list()
                                .ofMaxSize(3),
                        texts())
                .as(LessonsLearned::new)
                .optional();
    }

    /** Any escalation at version 1 with the given tenant, id and case. */
    static Arbitrary<EscalationRecord> records(String customer, String id, String caseId) {
        Arbitrary<Object[]> head = Combinators.combine(
                        Arbitraries.of(EscalationState.class),
                        idText(),
                        texts(),
                        Arbitraries.of(Cause.class),
                        Arbitraries.of(Criticality.class),
                        idText().optional(),
                        instants(),
                        instants())
                .as((s, by, msg, cause, crit, sub, raised, updated) ->
                        new Object[] {s, by, msg, cause, crit, sub, raised, updated});
        Arbitrary<Object[]> tail = Combinators.combine(
                        idText().optional(),
                        plans(),
                        parties().list().ofMaxSize(4),
                        Combinators.combine(texts(), instants(), idText())
                                .as((t, at, by) -> new Resolution(t, at, StaffId.of(by)))
                                .optional(),
                        lessons(),
                        Combinators.combine(idText(), Arbitraries.integers().between(1, 99))
                                .as(PolicyRef::new)
                                .optional(),
                        logs())
                .as((mgr, plan, parts, res, ll, pol, log) -> new Object[] {mgr, plan, parts, res, ll, pol, log});
        return Combinators.combine(head, tail).as(Fixtures::assemble).map(r -> withIdentity(r, customer, id, caseId));
    }

    /** {@code r} (at version 1) as escalation {@code id} of case {@code caseId} of {@code customer}. */
    static EscalationRecord withIdentity(EscalationRecord r, String customer, String id, String caseId) {
        return new EscalationRecord(
                EscalationId.of(id),
                1,
                CustomerId.of(customer),
                CaseId.of(caseId),
                r.state(),
                r.raisedBy(),
                r.message(),
                r.cause(),
                r.criticality(),
                r.submissionKey(),
                r.raisedAt(),
                r.updatedAt(),
                r.manager(),
                r.plan(),
                r.participants(),
                r.resolution(),
                r.lessonsLearned(),
                r.policy(),
                r.progress());
    }

    @SuppressWarnings("unchecked")
    private static EscalationRecord assemble(Object[] h, Object[] t) {
        return new EscalationRecord(
                EscalationId.of("x"),
                1,
                CustomerId.of("x"),
                CaseId.of("x"),
                (EscalationState) h[0],
                ContactId.of((String) h[1]),
                (String) h[2],
                (Cause) h[3],
                (Criticality) h[4],
                (Optional<String>) h[5],
                (Instant) h[6],
                (Instant) h[7],
                ((Optional<String>) t[0]).map(StaffId::of),
                (Optional<CommunicationPlan>) t[1],
                (List<Party>) t[2],
                (Optional<Resolution>) t[3],
                (Optional<LessonsLearned>) t[4],
                (Optional<PolicyRef>) t[5],
                (List<ProgressEntry>) t[6]);
    }
}
