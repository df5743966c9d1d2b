package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.GIL;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.IVY;
import static dev.escalation.test.engine.Cast.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.ChangeFeed;
import dev.escalation.CustomerQuery;
import dev.escalation.DataSubject;
import dev.escalation.DeskQuery;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationException;
import dev.escalation.MetricsQuery;
import dev.escalation.NotAuthorizedException;
import dev.escalation.PortalMessageView;
import dev.escalation.RetentionPolicy;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.AmendPlan;
import dev.escalation.command.CancelLessonsLearned;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.Close;
import dev.escalation.command.ConfirmPlan;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.ProposePlan;
import dev.escalation.command.ReassignManager;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.RecordPlanAlone;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.Reopen;
import dev.escalation.command.Resolve;
import dev.escalation.command.ResumeClock;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.command.UpdateImprovementAction;
import dev.escalation.command.Withdraw;
import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.sla.WhatIf;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Tenants probe each other (README: "Reads are authorised too", the refusal table's {@code NOT_FOUND} row and "Who sees
 * what"): random contacts of two customers call every engine operation that names an escalation with ids of the
 * other customer's escalations, and every list, page, filter and cursor of the portal's reads; random actors of both
 * customers and of the vendor call every vendor operation.
 *
 * <ul>
 *   <li>Another customer's escalation is indistinguishable from one that does not exist: the same answer (empty, or
 *       the same exception with the same code, reason and message but for the id), for every read and command and
 *       every kind of command content, and with valid content it is {@code NOT_FOUND}.
 *   <li>A contact's list, its pages (from any cursor, also one made of another customer's escalation), its filters
 *       (another customer's case included), the open escalation of a case and the portal inbox hold only its own
 *       customer's escalations; followed from the first page the list is exactly what the desk lists for that
 *       customer with the same filters.
 *   <li>Desk reads, the change feed, what-if and the audit trail need active staff; outbox, dead letters, replay,
 *       metrics, personal data, retention and calendar changes need Support Management or Head of Support: anyone
 *       else is refused with {@code NOT_AUTHORIZED}.
 *   <li>No probe changes anything stored: escalations, outbox, due work, change feed, portal messages.
 * </ul>
 */
class TenantIsolationProperties {
    private static final int TRIES = 1000;
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final CustomerId GLOBEX = CustomerId.of("globex");
    private static final CaseId G2 = CaseId.of("G-2");
    /** A contact of GLOBEX without the Incident Manager role. */
    private static final Actor GUS = Actor.contact("gus");

    private static final Map<String, CustomerId> CONTACTS =
            Map.of("ina", ACME, "ivy", ACME, "tom", ACME, "gil", GLOBEX, "gus", GLOBEX);
    private static final Map<CaseId, CustomerId> CASES =
            Map.of(Cast.C1, ACME, Cast.C2, ACME, Cast.G1, GLOBEX, G2, GLOBEX);

    private final InMemoryPortalMessages portal = new InMemoryPortalMessages();
    private final Scenario w = Cast.world(
            b -> b.slaPolicy(SlaFixtures.V1).slaPolicies(SlaFixtures.V2).portalMessages(portal));
    private final Map<CustomerId, List<EscalationId>> owned = world();
    private final String untouched = fingerprint();

    /**
     * ACME: an active escalation of C-1 (manager eve, an internal note and a customer-visible update) and a requested
     * critical one of C-2; GLOBEX: an active one of G-1 (manager max, an internal note, gil's message) and a withdrawn
     * one of G-2. Contacts of both customers read the portal; the notifications are delivered.
     */
    private Map<CustomerId, List<EscalationId>> world() {
        w.customerDirectory()
                .add(new Touchpoint(
                        ContactId.of("gus"),
                        GLOBEX,
                        "Contact gus",
                        "gus@customer.example",
                        Optional.empty(),
                        Set.of(CustomerRole.TECHNICAL_CONTACT),
                        true))
                .add(new SupportCase(G2, GLOBEX, "Reports slow"));
        for (String contact : List.of("ina", "ivy", "tom", "gil", "gus")) {
            Cast.prefer(w, contact, DeliveryChannel.PORTAL, DeliveryChannel.EMAIL);
        }
        EscalationEngine e = w.engine();
        EscalationId a1 = Cast.active(w);
        e.logProgress(EVE, new LogProgress(a1, LogProgress.Kind.NOTE, "acme internal", Visibility.INTERNAL));
        e.logProgress(EVE, new LogProgress(a1, LogProgress.Kind.STATUS_UPDATE, "acme update", Visibility.CUSTOMER));
        w.clock().advance(Duration.ofMinutes(1));
        EscalationId a2 = e.escalate(
                        IVY,
                        new EscalateCase(
                                Cast.C2, "acme slow", Cause.PERFORMANCE_DEGRADATION, Criticality.CRITICAL, "a"))
                .escalation();
        w.clock().advance(Duration.ofMinutes(1));
        EscalationId g1 = e.escalate(
                        GIL, new EscalateCase(Cast.G1, "globex login", Cause.SOFTWARE_ERROR, Criticality.HIGH, "a"))
                .escalation();
        e.acknowledge(SAM, new Acknowledge(g1, StaffId.of("max"), "Called Gil"));
        Actor max = Actor.staff("max");
        e.agreePlan(
                max,
                new AgreePlan(
                        g1,
                        Duration.ofDays(1),
                        Channel.PHONE,
                        w.clock().instant().plus(Duration.ofHours(3))));
        e.logProgress(max, new LogProgress(g1, LogProgress.Kind.NOTE, "globex internal", Visibility.INTERNAL));
        e.logProgress(GIL, new LogProgress(g1, LogProgress.Kind.COMMUNICATION, "globex message", Visibility.CUSTOMER));
        w.clock().advance(Duration.ofMinutes(1));
        EscalationId g2 = e.escalate(
                        GIL, new EscalateCase(G2, "globex reports", Cause.COMPLAINT, Criticality.LOW, null))
                .escalation();
        e.withdraw(GIL, new Withdraw(g2, "found it"));
        e.deliverPending();
        return Map.of(ACME, List.of(a1, a2), GLOBEX, List.of(g1, g2));
    }

    /** Everything a probe could change: escalations, outbox, due work, change feed, portal messages. */
    private String fingerprint() {
        StringBuilder s = new StringBuilder();
        for (CustomerId c : List.of(ACME, GLOBEX)) {
            for (EscalationId id : owned.get(c)) {
                StoredEscalation r = Cast.stored(w, id);
                s.append(id).append('@').append(r.version()).append(r.state()).append(' ');
            }
        }
        OutboxCounts counts = w.store().outbox().counts();
        s.append("outbox ").append(counts.pending()).append('/').append(counts.dead());
        s.append(" due ")
                .append(w.store()
                        .dueWork()
                        .due(Instant.parse("2100-01-01T00:00:00Z"), 500)
                        .size());
        s.append(" feed ")
                .append(w.store().changesSince(ChangeFeed.START, 500).changes().size());
        for (String contact : CONTACTS.keySet().stream().sorted().toList()) {
            s.append(' ')
                    .append(contact)
                    .append(portal.messagesFor(new PartyRef(Party.Kind.CONTACT, contact), PageRequest.first(500))
                            .items()
                            .size());
        }
        return s.toString();
    }

    @Example
    void theWorldHoldsWhatTheProbesNeed() {
        assertThat(owned.get(ACME)).hasSize(2).doesNotContainAnyElementsOf(owned.get(GLOBEX));
        for (CustomerId c : List.of(ACME, GLOBEX)) {
            for (EscalationId id : owned.get(c)) {
                assertThat(Cast.stored(w, id).customer()).isEqualTo(c);
            }
        }
        assertThat(Cast.stored(w, owned.get(GLOBEX).get(1)).state()).isEqualTo(EscalationState.WITHDRAWN);
        assertThat(Cast.log(w, owned.get(GLOBEX).get(0)))
                .anyMatch(x -> x.visibility() == Visibility.INTERNAL)
                .anyMatch(x -> x.visibility() == Visibility.CUSTOMER);
        assertThat(w.engine().messagesFor(INA, PageRequest.first(10)).items())
                .as("the portal inbox of each customer is not empty")
                .isNotEmpty();
        assertThat(w.engine().messagesFor(GIL, PageRequest.first(10)).items()).isNotEmpty();
        assertThat(fingerprint()).isEqualTo(untouched);
    }

    // ------------------------------------------------------------------ by id

    /** Every engine operation that names one escalation. */
    enum Probe {
        FIND,
        TIMELINE,
        DEADLINES,
        AUDIT_TRAIL,
        REPLAY_ALL,
        ACKNOWLEDGE,
        REASSIGN_MANAGER,
        AGREE_PLAN,
        AMEND_PLAN,
        PROPOSE_PLAN,
        CONFIRM_PLAN,
        RECORD_PLAN_ALONE,
        LOG_PROGRESS,
        ADD_PARTICIPANT,
        REMOVE_PARTICIPANT,
        CHANGE_CRITICALITY,
        PAUSE_CLOCK,
        RESUME_CLOCK,
        RESOLVE,
        REOPEN,
        SCHEDULE_LESSONS_LEARNED,
        RECORD_LESSONS_LEARNED,
        DECLINE_LESSONS_LEARNED,
        CANCEL_LESSONS_LEARNED,
        UPDATE_IMPROVEMENT_ACTION,
        CLOSE,
        WITHDRAW,
        MIGRATE_POLICY
    }

    /**
     * The probes name every action of the engine that acts on one existing escalation (all but those that create one
     * or name none): a new action is probed here or this fails.
     */
    @Example
    void everyActionOnAnEscalationIsProbed() {
        Set<String> probed = new HashSet<>();
        for (Probe p : Probe.values()) {
            probed.add(p.name());
        }
        for (dev.escalation.Action a : dev.escalation.Action.values()) {
            if (a != dev.escalation.Action.ESCALATE
                    && a != dev.escalation.Action.ESCALATE_ON_BEHALF
                    && a != dev.escalation.Action.RECORD_CALENDAR_CHANGE) {
                assertThat(probed).as("a probe for %s", a).contains(a.name());
            }
        }
    }

    /** An answer as the caller sees it: the value's presence, or the exception's type, code, reason and message. */
    record Answer(String kind, String code, String message) {
        Answer withoutId(EscalationId id) {
            return new Answer(kind, code, message.replace(id.value(), "<id>"));
        }
    }

    @Property(tries = TRIES)
    void anotherCustomersEscalationIsIndistinguishableFromAMissingOne(
            @ForAll("contacts") Actor actor,
            @ForAll Probe probe,
            @ForAll @IntRange(min = 0, max = 1) int which,
            @ForAll @IntRange(min = 0, max = 3) int content,
            @ForAll @IntRange(min = 5, max = 99_999) int missing) {
        CustomerId other = CONTACTS.get(actor.id()).equals(ACME) ? GLOBEX : ACME;
        EscalationId theirs = owned.get(other).get(which);
        EscalationId ghost = EscalationId.of("E-" + missing);

        Answer onTheirs = answer(() -> probe(probe, actor, theirs, content)).withoutId(theirs);
        Answer onGhost = answer(() -> probe(probe, actor, ghost, content)).withoutId(ghost);

        Statistics.label("answer").collect(onTheirs.kind(), onTheirs.code());
        assertThat(onTheirs)
                .as("%s by %s (content %d) on %s of %s and on missing %s", probe, actor, content, theirs, other, ghost)
                .isEqualTo(onGhost);
        if (content == 0) {
            Answer expected = switch (probe) {
                case FIND -> new Answer("empty", "", "");
                case AUDIT_TRAIL, REPLAY_ALL -> new Answer(NotAuthorizedException.class.getSimpleName(), "", "");
                default -> new Answer("EscalationNotFoundException", "NOT_FOUND", "");
            };
            assertThat(onTheirs.kind()).as("%s by %s", probe, actor).isEqualTo(expected.kind());
            if (!expected.code().isEmpty()) {
                assertThat(onTheirs.code()).isEqualTo(expected.code());
            }
        }
        assertThat(fingerprint()).as("a probe changed something").isEqualTo(untouched);
    }

    private static Answer answer(Callable<Object> call) {
        try {
            Object value = call.call();
            if (value instanceof Optional<?> o) {
                return new Answer(o.isPresent() ? "present" : "empty", "", "");
            }
            return new Answer("value " + value, "", "");
        } catch (NotAuthorizedException e) {
            return new Answer(e.getClass().getSimpleName(), e.code() + "/" + e.subReason(), said(e));
        } catch (EscalationException e) {
            return new Answer(e.getClass().getSimpleName(), e.code(), said(e));
        } catch (Exception e) {
            return new Answer("unexpected " + e, "", "");
        }
    }

    /** The message and what a portal shows (German). */
    private static String said(EscalationException e) {
        return e.getMessage() + " | " + e.localizedMessage(java.util.Locale.GERMAN);
    }

    /** Calls the operation; content 0 is a command valid for a contact, 1 one a contact may not send, 2 an invalid one. */
    private Object probe(Probe probe, Actor a, EscalationId id, int c) {
        EscalationEngine e = w.engine();
        Instant now = w.clock().instant();
        String text = c == 2 ? "\u0000" : "text " + c;
        switch (probe) {
            case FIND:
                return e.find(a, id);
            case TIMELINE:
                return e.timeline(
                        a,
                        id,
                        c == 0
                                ? PageRequest.first(10)
                                : PageRequest.after(new PageCursor(Instant.EPOCH, c == 2 ? "x" : "" + c), 10));
            case DEADLINES:
                return e.deadlines(a, id);
            case AUDIT_TRAIL:
                return c % 2 == 0 ? e.auditTrail(a, id) : e.operations().audit().verify(a, id);
            case REPLAY_ALL:
                return e.operations().replayAll(a, id);
            case ACKNOWLEDGE:
                return e.acknowledge(a, new Acknowledge(id, StaffId.of(c == 3 ? "nobody" : "eve"), text));
            case REASSIGN_MANAGER:
                return e.reassignManager(a, new ReassignManager(id, StaffId.of(c == 3 ? "dan" : "max"), text));
            case AGREE_PLAN:
                return e.agreePlan(
                        a,
                        new AgreePlan(
                                id,
                                c == 2 ? Duration.ofSeconds(1) : Duration.ofDays(1),
                                Channel.PHONE,
                                now.plus(Duration.ofHours(1))));
            case AMEND_PLAN:
                return e.amendPlan(
                        a, new AmendPlan(id, Duration.ofHours(2), Channel.EMAIL, now.plus(Duration.ofHours(2)), text));
            case PROPOSE_PLAN:
                return e.proposePlan(
                        a,
                        new ProposePlan(
                                id,
                                Duration.ofDays(1),
                                Channel.VIDEO_CALL,
                                c == 2 ? now.minus(Duration.ofDays(1)) : now.plus(Duration.ofHours(1)),
                                c == 3 ? null : text));
            case CONFIRM_PLAN:
                return e.confirmPlan(a, new ConfirmPlan(id));
            case RECORD_PLAN_ALONE:
                return e.recordPlanAlone(a, new RecordPlanAlone(id));
            case LOG_PROGRESS:
                return e.logProgress(
                        a,
                        switch (c) {
                            case 0 -> new LogProgress(id, LogProgress.Kind.COMMUNICATION, text, Visibility.CUSTOMER);
                            case 1 -> new LogProgress(id, LogProgress.Kind.NOTE, text, Visibility.INTERNAL);
                            case 2 -> new LogProgress(id, LogProgress.Kind.COMMUNICATION, text, Visibility.CUSTOMER);
                            default -> new LogProgress(id, LogProgress.Kind.DECISION, text, Visibility.CUSTOMER);
                        });
            case ADD_PARTICIPANT:
                return e.addParticipant(
                        a,
                        switch (c) {
                            case 0 -> AddParticipant.external(id, "Partner", "partner@partner.example");
                            case 1 -> AddParticipant.contact(id, a.id());
                            case 2 -> AddParticipant.external(id, "Partner", "not an address");
                            default -> AddParticipant.staff(id, "dan");
                        });
            case REMOVE_PARTICIPANT:
                return e.removeParticipant(a, new RemoveParticipant(id, c == 3 ? a.id() : "ina", text));
            case CHANGE_CRITICALITY:
                return e.changeCriticality(
                        a,
                        switch (c) {
                            case 0 -> new ChangeCriticality(id, Criticality.CRITICAL, "worse");
                            case 1 -> new ChangeCriticality(id, Criticality.LOW, "better");
                            case 2 -> new ChangeCriticality(id, Criticality.LOW, null);
                            default -> new ChangeCriticality(id, Criticality.MEDIUM, text);
                        });
            case PAUSE_CLOCK:
                return e.pauseClock(a, new PauseClock(id, text));
            case RESUME_CLOCK:
                return e.resumeClock(a, new ResumeClock(id, c == 3 ? null : text));
            case RESOLVE:
                return e.resolve(a, new Resolve(id, text));
            case REOPEN:
                return e.reopen(a, new Reopen(id, text));
            case SCHEDULE_LESSONS_LEARNED:
                return e.scheduleLessonsLearned(
                        a,
                        new ScheduleLessonsLearned(
                                id, now.plus(Duration.ofDays(1)), c == 2 ? Duration.ZERO : Duration.ofHours(1)));
            case RECORD_LESSONS_LEARNED:
                return e.recordLessonsLearned(
                        a,
                        new RecordLessonsLearned(
                                id,
                                text,
                                c == 3
                                        ? List.of()
                                        : List.of(
                                                new RecordLessonsLearned.Action("runbook", c == 1 ? a.id() : "dan"))));
            case DECLINE_LESSONS_LEARNED:
                return e.declineLessonsLearned(a, new DeclineLessonsLearned(id, c == 3 ? null : text));
            case CANCEL_LESSONS_LEARNED:
                return e.operations().cancelLessonsLearned(a, new CancelLessonsLearned(id, c == 3 ? null : text));
            case UPDATE_IMPROVEMENT_ACTION:
                return e.operations()
                        .updateImprovementAction(
                                a,
                                new UpdateImprovementAction(
                                        id,
                                        c == 2 ? -1 : c,
                                        c == 1 ? ImprovementAction.Status.DROPPED : ImprovementAction.Status.DONE,
                                        "note"));
            case CLOSE:
                return e.close(a, new Close(id, c == 3 ? null : text));
            case WITHDRAW:
                return e.withdraw(a, new Withdraw(id, text));
            case MIGRATE_POLICY:
                return e.operations()
                        .migratePolicy(
                                a,
                                id,
                                switch (c) {
                                    case 0 -> SlaFixtures.V2.ref();
                                    case 1 -> SlaFixtures.V1.ref();
                                    case 2 -> new PolicyRef("standard", 9);
                                    default -> new PolicyRef("gold", 1);
                                });
            default:
                throw new IllegalStateException("no probe " + probe);
        }
    }

    // ------------------------------------------------------------------ lists, pages, filters, cursors

    /** The portal's filters: open only or all, states, case (of either customer). */
    record Filter(boolean open, Set<EscalationState> states, Optional<CaseId> caseId) {
        CustomerQuery customerQuery() {
            CustomerQuery q = open ? CustomerQuery.open() : CustomerQuery.all();
            q = q.states(states.toArray(EscalationState[]::new));
            return caseId.map(q::caseId).orElse(q);
        }

        DeskQuery deskQuery(CustomerId customer) {
            DeskQuery q = (open ? DeskQuery.open() : DeskQuery.all())
                    .states(states.toArray(EscalationState[]::new))
                    .customers(customer)
                    .sortBy(DeskQuery.Sort.RAISED_DESC);
            return caseId.map(q::caseId).orElse(q);
        }
    }

    @Property(tries = TRIES)
    void aContactsListsPagesAndInboxHoldOnlyItsOwnCustomer(
            @ForAll("contacts") Actor actor,
            @ForAll("filters") Filter filter,
            @ForAll @IntRange(min = 1, max = 4) int size,
            @ForAll("cursors") Optional<PageCursor> from,
            @ForAll("cases") CaseId someCase) {
        CustomerId own = CONTACTS.get(actor.id());
        EscalationEngine e = w.engine();

        List<EscalationId> listed = new ArrayList<>();
        PageRequest page = from.map(c -> PageRequest.after(c, size)).orElse(PageRequest.first(size));
        for (int pages = 0; pages < 20; pages++) {
            Page<EscalationSummary> p = e.escalationsOfCustomer(actor, filter.customerQuery(), page);
            assertThat(p.items())
                    .as("a page of %s's list", actor)
                    .allMatch(s -> s.customer().equals(own));
            assertThat(p.items()).allMatch(s -> CASES.get(s.caseId()).equals(own));
            p.items().forEach(s -> listed.add(s.id()));
            if (p.next().isEmpty()) {
                break;
            }
            page = PageRequest.after(p.next().get(), size);
        }
        List<EscalationId> desk =
                e.operations().inbox(SAM, filter.deskQuery(own), PageRequest.first(100)).items().stream()
                        .map(EscalationSummary::id)
                        .toList();
        if (from.isEmpty()) {
            assertThat(listed).as("%s's list with %s", actor, filter).containsExactlyElementsOf(desk);
        } else {
            assertThat(desk).as("%s's list from %s", actor, from).containsAll(listed);
        }
        if (filter.caseId().map(c -> !CASES.get(c).equals(own)).orElse(false)) {
            assertThat(listed).as("another customer's case").isEmpty();
        }
        Statistics.label("listed").collect(listed.isEmpty() ? "none" : "some");

        Optional<EscalationSummary> open = e.openEscalationOfCase(actor, someCase);
        if (CASES.get(someCase).equals(own)) {
            assertThat(open.map(EscalationSummary::id))
                    .isEqualTo(e.openEscalationOfCase(SAM, someCase).map(EscalationSummary::id));
        } else {
            assertThat(open)
                    .as("%s asks for another customer's case %s", actor, someCase)
                    .isEmpty();
        }

        PageRequest inbox = from.map(c -> PageRequest.after(c, size)).orElse(PageRequest.first(size));
        for (int pages = 0; pages < 20; pages++) {
            Page<PortalMessageView> p = e.messagesFor(actor, inbox);
            for (PortalMessageView m : p.items()) {
                assertThat(Cast.stored(w, m.escalation()).customer())
                        .as("%s's portal message about %s", actor, m.escalation())
                        .isEqualTo(own);
                assertThat(CASES.get(m.caseId())).isEqualTo(own);
            }
            if (p.next().isEmpty()) {
                break;
            }
            inbox = PageRequest.after(p.next().get(), size);
        }
        assertThat(fingerprint()).isEqualTo(untouched);
    }

    // ------------------------------------------------------------------ vendor operations

    /** The vendor's operations, each with whether Support Management (or Head of Support) is needed. */
    enum VendorOp {
        INBOX(false),
        INBOX_QUERY(false),
        INBOX_COUNTS(false),
        OVERDUE(false),
        DUE_WORK_BACKLOG(false),
        CHANGES_SINCE(false),
        WHAT_IF(false),
        AUDIT_TRAIL(false),
        AUDIT_VERIFY(false),
        AUDIT_ANCHOR(false),
        AUDIT_ANCHOR_CHANGES(false),
        AUDIT_SCHEDULE_ANCHORING(false),
        OUTBOX_COUNTS(true),
        DEAD_LETTERS(true),
        REPLAY(true),
        REPLAY_ALL(true),
        METRICS(true),
        EXPORT_PERSON(true),
        ERASE_PERSON(true),
        APPLY_RETENTION(true),
        SCHEDULE_RETENTION(true),
        RECORD_CALENDAR_CHANGE(true);

        final boolean management;

        VendorOp(boolean management) {
            this.management = management;
        }

        /** Whether it changes nothing when allowed (the others are only asked of those who are refused). */
        boolean reads() {
            return switch (this) {
                case REPLAY_ALL,
                        ERASE_PERSON,
                        APPLY_RETENTION,
                        SCHEDULE_RETENTION,
                        RECORD_CALENDAR_CHANGE,
                        AUDIT_SCHEDULE_ANCHORING -> false;
                default -> true;
            };
        }

        /** Whether the engine without an audit trail answers an allowed call with IllegalStateException. */
        boolean needsAuditTrail() {
            return this == AUDIT_ANCHOR || this == AUDIT_ANCHOR_CHANGES || this == AUDIT_SCHEDULE_ANCHORING;
        }
    }

    @Property(tries = TRIES)
    void vendorOperationsNeedActiveStaffAndTheirRole(
            @ForAll("everyone") Actor actor,
            @ForAll VendorOp op,
            @ForAll @IntRange(min = 0, max = 3) int which,
            @ForAll("contacts") Actor subject) {
        Set<String> management = Set.of("sam", "hal");
        Set<String> staff = Set.of("sam", "hal", "eve", "max", "dan");
        boolean isStaff = actor.kind() == Actor.Kind.STAFF && staff.contains(actor.id());
        boolean allowed = isStaff && (!op.management || management.contains(actor.id()));
        List<EscalationId> all = new ArrayList<>(owned.get(ACME));
        all.addAll(owned.get(GLOBEX));
        EscalationId id = all.get(which);
        Callable<Object> call = () -> vendor(op, actor, id, subject);
        Statistics.label("allowed").collect(allowed, op.reads());
        if (!allowed) {
            Answer a = answer(call);
            assertThat(a.kind()).as("%s by %s", op, actor).isEqualTo(NotAuthorizedException.class.getSimpleName());
            assertThat(a.code()).startsWith("NOT_AUTHORIZED/");
        } else if (op.reads()) {
            Answer a = answer(call);
            boolean answered = a.kind().startsWith("value ")
                    || a.kind().equals("present")
                    || a.kind().equals("empty");
            boolean auditOff =
                    op.needsAuditTrail() && a.kind().startsWith("unexpected java.lang.IllegalStateException");
            assertThat(answered || auditOff).as("%s by %s: %s", op, actor, a).isTrue();
        }
        assertThat(fingerprint()).as("%s by %s", op, actor).isEqualTo(untouched);
    }

    private Object vendor(VendorOp op, Actor a, EscalationId id, Actor subject) {
        EscalationEngine e = w.engine();
        Instant now = w.clock().instant();
        return switch (op) {
            case INBOX -> e.operations().inbox(a, Set.of(), PageRequest.first(10));
            case INBOX_QUERY -> e.operations().inbox(a, DeskQuery.all().customers(ACME), PageRequest.first(10));
            case INBOX_COUNTS ->
                e.operations()
                        .inboxCounts(a, DeskQuery.all(), EnumSet.of(DeskQuery.Facet.CUSTOMER, DeskQuery.Facet.STATE));
            case OVERDUE -> e.operations().overdue(a, PageRequest.first(10));
            case DUE_WORK_BACKLOG -> e.operations().dueWorkBacklog(a, 10);
            case CHANGES_SINCE -> e.operations().changesSince(a, ChangeFeed.START, 10);
            case WHAT_IF -> e.operations().whatIf(a, WhatIf.at(now, Criticality.HIGH));
            case AUDIT_TRAIL -> e.operations().audit().trail(a, id);
            case AUDIT_VERIFY -> e.operations().audit().verify(a, id);
            case AUDIT_ANCHOR -> e.operations().audit().anchor(a, id);
            case AUDIT_ANCHOR_CHANGES -> e.operations().audit().anchorChanges(a, ChangeFeed.START, 10);
            case AUDIT_SCHEDULE_ANCHORING -> {
                e.operations().audit().scheduleAnchoring(a, Duration.ofHours(1));
                yield "scheduled";
            }
            case OUTBOX_COUNTS -> e.operations().outboxCounts(a);
            case DEAD_LETTERS -> e.operations().deadLetters(a, PageRequest.first(10));
            case REPLAY -> e.operations().replay(a, MessageId.of(id.value() + "/999/9"));
            case REPLAY_ALL -> e.operations().replayAll(a, id);
            case METRICS -> e.operations().metrics(a, MetricsQuery.between(now.minus(Duration.ofDays(7)), now));
            case EXPORT_PERSON -> e.operations().exportPerson(a, DataSubject.contact(subject.id()));
            case ERASE_PERSON -> e.operations().erasePerson(a, DataSubject.contact(subject.id()));
            case APPLY_RETENTION -> e.operations().applyRetention(a, RetentionPolicy.closedAfterMonths(1));
            case SCHEDULE_RETENTION -> {
                e.operations().scheduleRetention(a, RetentionPolicy.closedAfterMonths(1), Duration.ofHours(1));
                yield "scheduled";
            }
            case RECORD_CALENDAR_CHANGE -> e.operations().recordCalendarChange(a, "company holiday");
        };
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Actor> contacts() {
        return Arbitraries.of(INA, IVY, Cast.TOM, GIL, GUS);
    }

    /** Contacts and staff of both sides, inactive and unknown ones, and ids of one kind used as the other. */
    @Provide
    Arbitrary<Actor> everyone() {
        return Arbitraries.of(
                INA,
                IVY,
                Cast.TOM,
                Cast.OLD,
                GIL,
                GUS,
                Actor.contact("nobody"),
                Actor.contact("sam"),
                SAM,
                Cast.HAL,
                EVE,
                Cast.MAX,
                Cast.DAN,
                Actor.staff("nobody"),
                Actor.staff("gil"));
    }

    @Provide
    Arbitrary<CaseId> cases() {
        return Arbitraries.of(Cast.C1, Cast.C2, Cast.G1, G2);
    }

    @Provide
    Arbitrary<Filter> filters() {
        return Combinators.combine(
                        Arbitraries.of(true, false),
                        Arbitraries.of(EscalationState.class).set().ofMaxSize(3),
                        cases().optional())
                .as(Filter::new);
    }

    /** No cursor, a cursor made of any escalation (of either customer) or a made-up one. */
    @Provide
    Arbitrary<Optional<PageCursor>> cursors() {
        List<Optional<PageCursor>> made = new ArrayList<>();
        for (EscalationSummary s : w.engine()
                .operations()
                .inbox(SAM, DeskQuery.all(), PageRequest.first(100))
                .items()) {
            made.add(Optional.of(new PageCursor(s.raisedAt(), s.id().value())));
            made.add(Optional.of(new PageCursor(s.raisedAt().plusSeconds(1), s.id().value())));
        }
        made.add(Optional.of(new PageCursor(Instant.parse("2100-01-01T00:00:00Z"), "E-9")));
        made.add(Optional.of(new PageCursor(Instant.EPOCH, "E-0")));
        for (int i = made.size(); i > 0; i--) {
            made.add(Optional.empty()); // about half the tries start at the first page
        }
        return Arbitraries.of(made);
    }
}
