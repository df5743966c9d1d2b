package dev.escalation.jdbc;

import dev.escalation.model.ActorRef;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.Intake;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.PlanProposal;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Resolution;
import dev.escalation.model.StaffId;
import dev.escalation.model.TicketStatus;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ChainLink;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.Records;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.time.api.DateTimes;

/**
 * Shorthands of the JDBC-specific tests over the kit's {@link Records}, which builds every record here (escalations,
 * writes with their entry sequences and counts, messages, due items, parties): entries with the parameters the
 * SQL-level assertions look for, notifications carrying personal data and nanosecond instants, one side effect of
 * every type, and the arbitraries of the randomised storage-format round trips (which the kit does not have).
 */
final class Fixtures {
    static final Instant T0 = Records.T0;

    private Fixtures() {}

    static Party contact(String id) {
        return Records.party(Party.Kind.CONTACT, id);
    }

    static Party staff(String id) {
        return Records.party(Party.Kind.STAFF, id);
    }

    /** An entry with a text and two parameters whose order is not alphabetical. */
    static StoredEntry entry(long sequence, Instant at, ProgressKind kind, String text) {
        Map<String, EntryParam> params = new LinkedHashMap<>();
        params.put("z-first", new EntryParam.Count(1));
        params.put("a-second", new EntryParam.Ref("em-7"));
        return new StoredEntry(
                sequence,
                at,
                kind,
                ActorRef.contact(ContactId.of("ina")),
                Visibility.CUSTOMER,
                Optional.of(text),
                params,
                Optional.empty());
    }

    /** A freshly raised escalation (version 1, REQUESTED, one entry), raised by contact "ina". */
    static StoredEscalation raised(String customer, String id, String caseId, Instant at) {
        return raised(customer, id, caseId, at, "ina");
    }

    static StoredEscalation raised(String customer, String id, String caseId, Instant at, String contact) {
        return Records.escalation(EscalationId.of(id), CustomerId.of(customer), CaseId.of(caseId))
                .raisedBy(ContactId.of(contact))
                .message("Our database is down")
                .criticality(Criticality.CRITICAL)
                .submissionKey("sub-" + id)
                .raisedAt(at)
                .updatedAt(at)
                .build();
    }
    /** The write that creates {@code r}: its entries 1 to {@code r.facts().entryCount()}. */
    static EscalationWrite creation(StoredEscalation r, List<OutboxMessage> messages, List<DueItem> due) {
        Records.WriteBuilder w = Records.creation(r).messages(messages).due(due);
        for (long s = 1; s <= r.facts().entryCount(); s++) {
            w.entry(entry(
                    s,
                    r.raisedAt().plusNanos(s - 1),
                    s == 1 ? ProgressKind.ESCALATED : ProgressKind.NOTE,
                    "entry " + s));
        }
        return w.build();
    }

    static EscalationWrite creation(StoredEscalation r) {
        return creation(r, List.of(), List.of());
    }

    /** One parameter of every variant, in a stable order that is not alphabetical. */
    static Map<String, EntryParam> everyParam(Instant at) {
        Map<String, EntryParam> params = new LinkedHashMap<>();
        params.put("text", new EntryParam.Text("Grüße 𝄞 \"quoted\" \n newline"));
        params.put("at", new EntryParam.At(at.plusNanos(1)));
        params.put("span", new EntryParam.Span(Duration.ofSeconds(-5, 7)));
        params.put("code", new EntryParam.Code("CRITICAL"));
        params.put("ref", new EntryParam.Ref("em-7"));
        params.put("count", new EntryParam.Count(Long.MIN_VALUE));
        return params;
    }

    /** The write of {@code r}'s next version with one NOTE entry carrying {@code text}. */
    static EscalationWrite next(StoredEscalation r, EscalationState state, String text) {
        return next(r, state, text, List.of(), List.of());
    }

    static EscalationWrite next(
            StoredEscalation r, EscalationState state, String text, List<OutboxMessage> messages, List<DueItem> due) {
        return Records.change(r)
                .state(state)
                .entry(entry(1, r.updatedAt().plusSeconds(1), ProgressKind.NOTE, text))
                .messages(messages)
                .due(due)
                .build();
    }

    /** A unit of work that writes the next version in {@code state} and returns it. */
    static UnitOfWork<StoredEscalation> advance(EscalationState state, String text) {
        return advance(state, text, List.of(), List.of());
    }

    static UnitOfWork<StoredEscalation> advance(
            EscalationState state, String text, List<OutboxMessage> messages, List<DueItem> due) {
        return current -> {
            EscalationWrite w = next(current, state, text, messages, due);
            return UnitOfWork.Decision.write(w, w.next());
        };
    }

    static NotificationRequest notification(EscalationId escalation, String key) {
        return notification(escalation, key, staff("sm"));
    }

    static NotificationRequest notification(EscalationId escalation, String key, Party recipient) {
        Map<String, EntryParam> params = new LinkedHashMap<>();
        params.put("state", new EntryParam.Code("REQUESTED"));
        params.put("at", new EntryParam.At(T0.plusNanos(3)));
        return new NotificationRequest(
                key,
                escalation,
                CaseId.of("C-" + escalation.value()),
                NotificationKind.ESCALATION_RECEIVED,
                Optional.empty(),
                recipient,
                params,
                Optional.of("Body with personal data"),
                Optional.empty());
    }

    static NotificationRequest notificationWithInvite(EscalationId escalation, String key) {
        MeetingInvite invite = new MeetingInvite(
                "uid-" + key,
                "Lessons learned",
                T0.plusNanos(5),
                Duration.ofMinutes(45),
                staff("em-7"),
                List.of(contact("ina"), staff("em-7")),
                3,
                MeetingInvite.Method.REQUEST,
                Optional.of(new MeetingInvite.Recurrence(
                        Duration.ofDays(7),
                        ZoneId.of("Europe/Berlin"),
                        Optional.of(T0.plusSeconds(86_400 * 60)),
                        List.of(T0.plusSeconds(86_400 * 14)))));
        return new NotificationRequest(
                key,
                escalation,
                CaseId.of("C-1"),
                NotificationKind.LESSONS_LEARNED_INVITATION,
                Optional.of(DeliveryChannel.EMAIL),
                contact("ina"),
                everyParam(T0),
                Optional.empty(),
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
        return Records.message(CustomerId.of(customer), effect, at);
    }

    static DueItem due(StoredEscalation r, DueKind kind, String step, Instant at) {
        return Records.dueItem(r.id(), r.customer(), kind, step, at);
    }

    // ------------------------------------------------------------------------------------------ arbitraries

    static Arbitrary<Instant> instants() {
        return Arbitraries.oneOf(
                DateTimes.instants()
                        .between(Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2200-01-01T00:00:00Z")),
                Arbitraries.of(Instant.EPOCH, T0, Instant.parse("1969-12-31T23:59:59.999999999Z")));
    }

    /** Texts with characters from all planes (surrogate pairs included), quotes, backslashes and controls. */
    static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMaxLength(40),
                Arbitraries.strings().withChars("\"\\\n\t'%_!").ofMaxLength(5),
                Arbitraries.of("𝄞", "🙂 emoji", "a𝄞b", ""));
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

    static Arbitrary<EntryParam> params() {
        return Arbitraries.oneOf(
                texts().map(EntryParam.Text::new),
                instants().map(EntryParam.At::new),
                Arbitraries.longs()
                        .between(-10_000_000_000_000L, 10_000_000_000_000L)
                        .map(n -> new EntryParam.Span(Duration.ofNanos(n))),
                idText().map(EntryParam.Code::new),
                idText().map(EntryParam.Ref::new),
                Arbitraries.longs().map(EntryParam.Count::new));
    }

    static Arbitrary<Map<String, EntryParam>> paramMaps() {
        return Arbitraries.maps(idText(), params()).ofMaxSize(6).map(LinkedHashMap::new);
    }

    static Arbitrary<Optional<ChainLink>> chains() {
        Arbitrary<String> hex =
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
        return Combinators.combine(hex, hex).as(ChainLink::new).optional();
    }

    static Arbitrary<StoredEntry> entryAt(long sequence) {
        return Combinators.combine(
                        instants(),
                        Arbitraries.of(ProgressKind.class),
                        Combinators.combine(Arbitraries.of(ActorRef.Kind.class), idText())
                                .as(ActorRef::new),
                        Arbitraries.of(Visibility.class),
                        texts().optional(),
                        paramMaps(),
                        chains())
                .as((at, kind, actor, visibility, text, params, chain) ->
                        new StoredEntry(sequence, at, kind, actor, visibility, text, params, chain));
    }

    static Arbitrary<List<StoredEntry>> logs(int max) {
        return Arbitraries.integers().between(1, max).flatMap(n -> {
            List<Arbitrary<StoredEntry>> each = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                each.add(entryAt(i));
            }
            return Combinators.combine(each).as(list -> list);
        });
    }

    static Arbitrary<Optional<CommunicationPlan>> plans() {
        return Combinators.combine(
                        Arbitraries.longs().between(1, 10_000_000_000_000L).map(Duration::ofNanos),
                        Arbitraries.of(Channel.class),
                        instants(),
                        instants(),
                        idText().map(ContactId::of).optional(),
                        idText().map(StaffId::of).optional(),
                        Arbitraries.of(CommunicationPlan.Agreement.class))
                .as(CommunicationPlan::new)
                .optional();
    }

    static Arbitrary<Optional<LessonsLearned>> lessons() {
        return Combinators.combine(
                        Arbitraries.of(LessonsLearned.Status.class),
                        instants().optional(),
                        parties().list().ofMaxSize(3),
                        texts(),
                        Combinators.combine(
                                        texts(),
                                        texts(),
                                        instants().optional(),
                                        Arbitraries.of(ImprovementAction.Status.class))
                                .as(ImprovementAction::new)
                                .list()
                                .ofMaxSize(3),
                        texts())
                .as(LessonsLearned::new)
                .optional();
    }

    static Arbitrary<EscalationFacts> factsOf(long entries) {
        Arbitrary<ExcludedSpan> span = Combinators.combine(
                        instants(),
                        Arbitraries.longs().between(0, 1_000_000_000_000L),
                        Arbitraries.of(ExcludedSpan.Kind.class),
                        texts().optional())
                .as((from, nanos, kind, reason) -> new ExcludedSpan(from, from.plusNanos(nanos), kind, reason));
        Arbitrary<Object[]> head = Combinators.combine(
                        instants().optional(),
                        instants().optional(),
                        instants().optional(),
                        texts().optional(),
                        span.list().ofMaxSize(3))
                .as((a, r, p, reason, spans) -> new Object[] {a, r, p, reason, spans});
        Arbitrary<Object[]> tail = Combinators.combine(
                        instants().optional(),
                        instants().optional(),
                        Combinators.combine(Arbitraries.of(DueKind.class), instants())
                                .as(DeadlineMark::new)
                                .optional(),
                        Arbitraries.integers().between(0, 50),
                        Arbitraries.integers().between(0, 50),
                        Arbitraries.of(true, false))
                .as((held, meeting, deadline, actions, invitations, legacy) ->
                        new Object[] {held, meeting, deadline, actions, invitations, legacy});
        return Combinators.combine(head, tail).as((h, t) -> assembleFacts(entries, h, t));
    }

    @SuppressWarnings("unchecked")
    private static EscalationFacts assembleFacts(long entries, Object[] h, Object[] t) {
        return new EscalationFacts(
                entries,
                (Optional<Instant>) h[0],
                (Optional<Instant>) h[1],
                (Optional<Instant>) h[2],
                (Optional<String>) h[3],
                (List<ExcludedSpan>) h[4],
                (Optional<Instant>) t[0],
                (Optional<Instant>) t[1],
                (Optional<DeadlineMark>) t[2],
                (Integer) t[3],
                (Integer) t[4],
                (Boolean) t[5]);
    }

    static Arbitrary<Optional<HotlineAdvice>> hotlines() {
        return Combinators.combine(
                        Arbitraries.of(HotlineAdvice.Reason.class),
                        paramMaps(),
                        instants(),
                        Combinators.combine(texts().filter(s -> !s.isBlank()), texts().filter(s -> !s.isBlank()))
                                .as(HotlineNumber::new)
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(2))
                .as(HotlineAdvice::new)
                .optional();
    }

    /** Any escalation at version 1 with the given tenant, id and case, with its log of 1 to 4 entries. */
    static Arbitrary<EscalationWrite> creations(String customer, String id, String caseId) {
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
        Arbitrary<Object[]> middle = Combinators.combine(
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
                        hotlines(),
                        Combinators.combine(Arbitraries.of(Intake.Channel.class), idText())
                                .as((ch, by) -> new Intake(ch, ActorRef.staff(StaffId.of(by)))))
                .as((mgr, plan, parts, res, ll, pol, hot, intake) ->
                        new Object[] {mgr, plan, parts, res, ll, pol, hot, intake});
        return logs(4).flatMap(log -> Combinators.combine(head, middle, factsOf(log.size()), plans())
                .as((h, m, f, proposed) -> {
                    StoredEscalation r = assemble(customer, id, caseId, h, m, f, proposed);
                    if (r.submissionKey().isPresent()) { // unique per customer, as the store requires
                        r = Records.from(r)
                                .submissionKey(id + "/" + r.submissionKey().get())
                                .build();
                    }
                    return new EscalationWrite(r, log, List.of(), List.of());
                }));
    }

    @SuppressWarnings("unchecked")
    private static StoredEscalation assemble(
            String customer,
            String id,
            String caseId,
            Object[] h,
            Object[] m,
            EscalationFacts facts,
            Optional<CommunicationPlan> proposed) {
        Instant raised = (Instant) h[6];
        return new StoredEscalation(
                EscalationId.of(id),
                1,
                CustomerId.of(customer),
                CaseId.of(caseId),
                (EscalationState) h[0],
                ContactId.of((String) h[1]),
                (Intake) m[7],
                (String) h[2],
                (Cause) h[3],
                (Criticality) h[4],
                (Optional<String>) h[5],
                raised,
                (Instant) h[7],
                ((Optional<String>) m[0]).map(StaffId::of),
                (Optional<CommunicationPlan>) m[1],
                proposed.map(p -> new PlanProposal(ActorRef.contact(ContactId.of((String) h[1])), p, raised)),
                (List<Party>) m[2],
                (Optional<Resolution>) m[3],
                (Optional<LessonsLearned>) m[4],
                (Optional<PolicyRef>) m[5],
                (Optional<HotlineAdvice>) m[6],
                facts,
                Optional.empty());
    }
}
