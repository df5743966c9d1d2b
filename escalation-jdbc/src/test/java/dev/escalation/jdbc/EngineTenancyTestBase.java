package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.CustomerQuery;
import dev.escalation.DeskQuery;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationException;
import dev.escalation.InvalidCommandException;
import dev.escalation.NotAuthorizedException;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.Close;
import dev.escalation.command.ConfirmPlan;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.ProposePlan;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.Reopen;
import dev.escalation.command.Resolve;
import dev.escalation.command.Withdraw;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation of the engine on the database (the in-memory counterpart is the kit's
 * {@code TenantIsolationProperties}): contacts of ACME and GLOBEX ask for each other's escalations by id with every
 * read and command, and page, filter and ask by case through the portal's reads. Another customer's escalation
 * answers exactly as a missing one (README: {@code NOT_FOUND}, existence not leaked), lists hold only the contact's
 * customer at every page size and from any cursor, and no probe changes anything stored.
 */
abstract class EngineTenancyTestBase extends StoreTestSupport {
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final CustomerId GLOBEX = CustomerId.of("globex");
    private static final Actor SAM = Actor.staff("sam");
    private static final Map<String, CustomerId> CONTACTS =
            Map.of("ina", ACME, "tom", ACME, "gil", GLOBEX, "gus", GLOBEX);
    private static final Map<String, CustomerId> CASES = Map.of("C-1", ACME, "C-2", ACME, "G-1", GLOBEX, "G-2", GLOBEX);

    private MutableClock clock;
    private EscalationEngine engine;
    private InMemoryCustomerDirectory customers;
    private InMemoryNotifier mail;
    private final Map<CustomerId, List<EscalationId>> owned = new LinkedHashMap<>();

    @BeforeEach
    void twoCustomers() {
        if (!databaseAvailable()) {
            return;
        }
        clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z")); // a Tuesday, 10:00 in Berlin
        customers = new InMemoryCustomerDirectory()
                .add(new CustomerAccount(ACME, "ACME", Optional.empty()))
                .add(new CustomerAccount(GLOBEX, "GLOBEX", Optional.empty()))
                .add(contact("ina", ACME, CustomerRole.INCIDENT_MANAGER))
                .add(contact("tom", ACME, CustomerRole.TECHNICAL_CONTACT))
                .add(contact("gil", GLOBEX, CustomerRole.INCIDENT_MANAGER))
                .add(contact("gus", GLOBEX, CustomerRole.TECHNICAL_CONTACT));
        CASES.forEach((c, customer) -> customers.add(new SupportCase(CaseId.of(c), customer, "Case " + c)));
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory()
                .add(member("sam", StaffRole.SUPPORT_MANAGEMENT))
                .add(member("eve", StaffRole.ESCALATION_MANAGER))
                .add(member("max", StaffRole.ESCALATION_MANAGER));
        mail = new InMemoryNotifier();
        engine = EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(mail)
                .ticketing(new InMemoryTicketing())
                .store(store)
                .coverage(BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                .build();
        owned.clear();
        owned.put(ACME, List.of(active("ina", "C-1", "eve"), raised("ina", "C-2")));
        owned.put(GLOBEX, List.of(active("gil", "G-1", "max"), raised("gil", "G-2")));
        engine.withdraw(Actor.contact("gil"), new Withdraw(owned.get(GLOBEX).get(1), "found it"));
        engine.deliverPending();
    }

    private static Touchpoint contact(String id, CustomerId customer, CustomerRole role) {
        return new Touchpoint(
                ContactId.of(id),
                customer,
                "Contact " + id,
                id + "@customer.example",
                Optional.empty(),
                Set.of(role),
                true);
    }

    private static StaffMember member(String id, StaffRole role) {
        return new StaffMember(
                StaffId.of(id), "Staff " + id, id + "@vendor.example", Optional.empty(), Set.of(role), true);
    }

    private EscalationId raised(String contact, String caseId) {
        clock.advance(Duration.ofMinutes(1));
        return engine.escalate(
                        Actor.contact(contact),
                        new EscalateCase(
                                CaseId.of(caseId), contact + " reports", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
    }

    /** Raised, acknowledged, a plan agreed, an internal note and a customer-visible update. */
    private EscalationId active(String contact, String caseId, String manager) {
        EscalationId id = raised(contact, caseId);
        Actor m = Actor.staff(manager);
        engine.acknowledge(SAM, new Acknowledge(id, StaffId.of(manager), "called"));
        engine.agreePlan(
                m,
                new AgreePlan(
                        id, Duration.ofDays(1), Channel.PHONE, clock.instant().plus(Duration.ofHours(2))));
        engine.logProgress(m, new LogProgress(id, LogProgress.Kind.NOTE, caseId + " internal", Visibility.INTERNAL));
        engine.logProgress(
                m, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, caseId + " update", Visibility.CUSTOMER));
        return id;
    }

    /** What a probe could change: every escalation's version and state, the outbox and the change feed. */
    private String fingerprint() {
        StringBuilder s = new StringBuilder();
        owned.values().stream().flatMap(List::stream).forEach(id -> {
            var r = store.findForVendor(id).orElseThrow();
            s.append(id).append('@').append(r.version()).append(r.state()).append(' ');
        });
        var counts = store.outbox().counts();
        s.append(counts.pending()).append('/').append(counts.dead());
        s.append(" feed ").append(store.changesSince("", 500).changes().size());
        return s.toString();
    }

    private static String answer(Callable<Object> call, EscalationId id) {
        try {
            Object value = call.call();
            return value instanceof Optional<?> o ? (o.isPresent() ? "present" : "empty") : "value";
        } catch (NotAuthorizedException e) {
            return e.getClass().getSimpleName() + " " + e.code() + " " + e.subReason() + " " + said(e, id);
        } catch (EscalationException e) {
            return e.getClass().getSimpleName() + " " + e.code() + " " + said(e, id);
        } catch (Exception e) {
            return "unexpected " + e;
        }
    }

    /** The message and what the portal shows (German), without the id asked for. */
    private static String said(EscalationException e, EscalationId id) {
        return (e.getMessage() + " | " + e.localizedMessage(java.util.Locale.GERMAN)).replace(id.value(), "<id>");
    }

    /** Every read and command on one escalation, with content a contact may send and content it may not. */
    private Map<String, Function<EscalationId, Object>> probes(Actor a) {
        Map<String, Function<EscalationId, Object>> p = new LinkedHashMap<>();
        Instant later = clock.instant().plus(Duration.ofHours(1));
        p.put("find", id -> engine.find(a, id));
        p.put("timeline", id -> engine.timeline(a, id, PageRequest.first(10)));
        p.put(
                "timeline after",
                id -> engine.timeline(a, id, PageRequest.after(new PageCursor(Instant.EPOCH, "2"), 10)));
        p.put("deadlines", id -> engine.deadlines(a, id));
        p.put(
                "message",
                id -> engine.logProgress(
                        a, new LogProgress(id, LogProgress.Kind.COMMUNICATION, "hello", Visibility.CUSTOMER)));
        p.put(
                "internal note",
                id -> engine.logProgress(a, new LogProgress(id, LogProgress.Kind.NOTE, "psst", Visibility.INTERNAL)));
        p.put("raise", id -> engine.changeCriticality(a, new ChangeCriticality(id, Criticality.CRITICAL, "worse")));
        p.put("lower", id -> engine.changeCriticality(a, new ChangeCriticality(id, Criticality.LOW, "better")));
        p.put(
                "propose",
                id -> engine.proposePlan(a, new ProposePlan(id, Duration.ofDays(2), Channel.EMAIL, later, null)));
        p.put("confirm", id -> engine.confirmPlan(a, new ConfirmPlan(id)));
        p.put("withdraw", id -> engine.withdraw(a, new Withdraw(id, "no longer")));
        p.put("reopen", id -> engine.reopen(a, new Reopen(id, "again")));
        p.put("decline", id -> engine.declineLessonsLearned(a, new DeclineLessonsLearned(id, null)));
        p.put("acknowledge", id -> engine.acknowledge(a, new Acknowledge(id, StaffId.of("eve"), "x")));
        p.put("add participant", id -> engine.addParticipant(a, AddParticipant.contact(id, a.id())));
        p.put("remove participant", id -> engine.removeParticipant(a, new RemoveParticipant(id, "ina", "x")));
        p.put("pause", id -> engine.pauseClock(a, new PauseClock(id, "waiting")));
        p.put("resolve", id -> engine.resolve(a, new Resolve(id, "fixed")));
        p.put("close", id -> engine.close(a, new Close(id, null)));
        p.put("audit", id -> engine.auditTrail(a, id));
        return p;
    }

    @Test
    void anotherCustomersEscalationAnswersLikeAMissingOneAndNothingChanges() {
        String before = fingerprint();
        EscalationId missing = EscalationId.of("E-" + java.util.UUID.randomUUID());
        int probed = 0;
        for (Map.Entry<String, CustomerId> c : CONTACTS.entrySet()) {
            Actor actor = Actor.contact(c.getKey());
            CustomerId other = c.getValue().equals(ACME) ? GLOBEX : ACME;
            for (Map.Entry<String, Function<EscalationId, Object>> probe :
                    probes(actor).entrySet()) {
                String onMissing = answer(() -> probe.getValue().apply(missing), missing);
                for (EscalationId theirs : owned.get(other)) {
                    String onTheirs = answer(() -> probe.getValue().apply(theirs), theirs);
                    assertThat(onTheirs)
                            .as("%s by %s on %s of %s", probe.getKey(), actor, theirs, other)
                            .isEqualTo(onMissing);
                    probed++;
                }
                if (!probe.getKey().equals("audit")) {
                    assertThat(onMissing.equals("empty")
                                    || onMissing.startsWith(
                                            "EscalationNotFoundException NOT_FOUND escalation <id> was not found |"))
                            .as("%s: %s", probe.getKey(), onMissing)
                            .isTrue();
                }
            }
        }
        assertThat(probed).isEqualTo(4 * 20 * 2);
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void listsPagesFiltersAndCasesHoldOnlyTheContactsCustomer() {
        List<CustomerQuery> queries = new ArrayList<>(List.of(CustomerQuery.all(), CustomerQuery.open()));
        CASES.keySet().forEach(k -> queries.add(CustomerQuery.all().caseId(CaseId.of(k))));
        queries.add(CustomerQuery.all().states(EscalationState.ACTIVE, EscalationState.WITHDRAWN));
        List<PageCursor> cursors = new ArrayList<>();
        for (EscalationSummary s : engine.operations()
                .inbox(SAM, DeskQuery.all(), PageRequest.first(100))
                .items()) {
            cursors.add(new PageCursor(s.raisedAt(), s.id().value()));
        }
        assertThat(cursors).hasSize(4);
        String before = fingerprint();
        for (Map.Entry<String, CustomerId> c : CONTACTS.entrySet()) {
            Actor actor = Actor.contact(c.getKey());
            CustomerId own = c.getValue();
            for (CustomerQuery q : queries) {
                for (int size = 1; size <= 3; size++) {
                    List<EscalationId> listed = follow(actor, q, PageRequest.first(size), own);
                    boolean othersCase = q.caseId()
                            .map(k -> !CASES.get(k.value()).equals(own))
                            .orElse(false);
                    if (othersCase) {
                        assertThat(listed)
                                .as("%s filters by another customer's case", actor)
                                .isEmpty();
                    } else {
                        assertThat(listed).as("%s with %s", actor, q).isNotEmpty();
                    }
                    for (PageCursor from : cursors) {
                        assertThat(owned.get(own)).containsAll(follow(actor, q, PageRequest.after(from, size), own));
                    }
                }
            }
            for (String k : CASES.keySet()) {
                Optional<EscalationSummary> open = engine.openEscalationOfCase(actor, CaseId.of(k));
                if (CASES.get(k).equals(own)) {
                    assertThat(open.map(EscalationSummary::id))
                            .isEqualTo(engine.openEscalationOfCase(SAM, CaseId.of(k))
                                    .map(EscalationSummary::id));
                } else {
                    assertThat(open).as("%s asks for %s", actor, k).isEmpty();
                }
            }
        }
        assertThat(fingerprint()).isEqualTo(before);
    }

    /**
     * Submission keys are per customer on the database too: GLOBEX reusing ACME's key gets a new escalation of its own,
     * never ACME's, and is refused for reuse on another case only by its own earlier use (which names its own case).
     */
    @Test
    void aSubmissionKeyOfAnotherCustomerNeverAnswersWithTheirEscalation() {
        engine.withdraw(Actor.contact("ina"), new Withdraw(owned.get(ACME).get(1), "done"));
        EscalateCase inaClick =
                new EscalateCase(CaseId.of("C-2"), "ina again", Cause.SOFTWARE_ERROR, Criticality.HIGH, "click-1");
        var acme = engine.escalate(Actor.contact("ina"), inaClick);
        assertThat(acme.created()).isTrue();

        EscalateCase gilClick =
                new EscalateCase(CaseId.of("G-2"), "gil again", Cause.COMPLAINT, Criticality.LOW, "click-1");
        var globex = engine.escalate(Actor.contact("gil"), gilClick);
        assertThat(globex.created()).as("ACME's key is unrelated to GLOBEX").isTrue();
        assertThat(globex.escalation()).isNotEqualTo(acme.escalation());
        assertThat(store.findForVendor(globex.escalation()).orElseThrow().customer())
                .isEqualTo(GLOBEX);
        var again = engine.escalate(Actor.contact("gil"), gilClick);
        assertThat(again.created()).isFalse();
        assertThat(again.escalation()).isEqualTo(globex.escalation());
        String other = answer(
                () -> engine.escalate(
                        Actor.contact("gil"),
                        new EscalateCase(CaseId.of("G-1"), "x", Cause.COMPLAINT, Criticality.LOW, "click-1")),
                globex.escalation());
        assertThat(other)
                .startsWith("InvalidCommandException ")
                .contains("G-2")
                .doesNotContain("C-2")
                .doesNotContain(acme.escalation().value());
        assertThat(engine.escalate(Actor.contact("ina"), inaClick).escalation()).isEqualTo(acme.escalation());
    }

    /**
     * The customer directory and the staff directory are two id spaces: ACME's Incident Manager {@code max} and the
     * Escalation Manager {@code max} are two people on the database too. Both are participants, the manager's update
     * reaches the Incident Manager, and each gets their own meeting reminder (the two follow-ups of one due item are
     * two outbox rows, not one key).
     */
    @Test
    void aContactAndAStaffMemberOfOneIdAreTwoPeople() {
        customers.add(contact("max", ACME, CustomerRole.INCIDENT_MANAGER));
        Actor maxOfAcme = Actor.contact("max");
        Actor maxOfVendor = Actor.staff("max");
        engine.withdraw(Actor.contact("ina"), new Withdraw(owned.get(ACME).get(1), "done"));
        clock.advance(Duration.ofMinutes(1));
        EscalationId id = engine.escalate(
                        maxOfAcme,
                        new EscalateCase(CaseId.of("C-2"), "max reports", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("max"), "called"));
        engine.agreePlan(
                maxOfVendor,
                new AgreePlan(
                        id, Duration.ofDays(1), Channel.PHONE, clock.instant().plus(Duration.ofHours(1))));
        engine.logProgress(
                maxOfVendor, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, "found it", Visibility.CUSTOMER));
        engine.deliverPending();
        assertThat(store.findForVendor(id).orElseThrow().participants())
                .extracting(p -> p.kind() + ":" + p.id())
                .containsExactly("CONTACT:max", "STAFF:max");
        assertThat(mail.delivered())
                .filteredOn(n -> n.kind() == dev.escalation.model.NotificationKind.PROGRESS_UPDATE
                        && n.escalation().equals(id))
                .extracting(n -> n.recipient().kind() + ":" + n.recipient().id())
                .containsExactly("CONTACT:max");

        int before = mail.delivered().size();
        clock.advance(Duration.ofHours(2));
        engine.processDueWork();
        engine.deliverPending();
        assertThat(mail.delivered().subList(before, mail.delivered().size()))
                .filteredOn(n -> n.kind() == dev.escalation.model.NotificationKind.REMINDER
                        && n.escalation().equals(id))
                .extracting(n -> n.recipient().kind() + ":" + n.recipient().id())
                .containsExactlyInAnyOrder("CONTACT:max", "STAFF:max");
    }

    /**
     * The contact {@code max} and the staff member {@code max} are both ordinary participants: removing {@code max}
     * without a kind is refused and changes nothing stored; with a kind it removes that one, and the entry names it.
     */
    @Test
    void removingAnIdAContactAndAStaffMemberShareNeedsTheirKind() {
        customers.add(contact("max", ACME, CustomerRole.INCIDENT_MANAGER));
        engine.withdraw(Actor.contact("ina"), new Withdraw(owned.get(ACME).get(1), "done"));
        clock.advance(Duration.ofMinutes(1));
        EscalationId id = engine.escalate(
                        Actor.contact("max"),
                        new EscalateCase(CaseId.of("C-2"), "max reports", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "called"));
        Actor eve = Actor.staff("eve");
        engine.addParticipant(eve, AddParticipant.staff(id, "max"));
        long version = store.findForVendor(id).orElseThrow().version();

        assertThatThrownBy(() -> engine.removeParticipant(eve, new RemoveParticipant(id, "max", "not needed")))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidCommandException.Violation::code)
                                .containsExactly("participantId.Unambiguous"));
        assertThat(store.findForVendor(id).orElseThrow().version()).isEqualTo(version);

        engine.removeParticipant(eve, RemoveParticipant.staff(id, "max", "not needed"));

        assertThat(store.findForVendor(id).orElseThrow().participants())
                .extracting(p -> p.kind() + ":" + p.id())
                .containsExactly("CONTACT:max", "STAFF:eve");
        assertThat(engine.timeline(SAM, id, PageRequest.first(100)).items())
                .filteredOn(e -> e.kind() == ProgressKind.PARTICIPANT_REMOVED)
                .extracting(e -> e.params().get("participantKind"))
                .containsExactly(new EntryParam.Code("STAFF"));
    }

    /** Follows a contact's list to its end; every row is of its own customer, and the ids are its own. */
    private List<EscalationId> follow(Actor actor, CustomerQuery q, PageRequest first, CustomerId own) {
        List<EscalationId> ids = new ArrayList<>();
        PageRequest page = first;
        for (int n = 0; n < 10; n++) {
            Page<EscalationSummary> p = engine.escalationsOfCustomer(actor, q, page);
            for (EscalationSummary s : p.items()) {
                assertThat(s.customer()).as("%s's list with %s", actor, q).isEqualTo(own);
                assertThat(owned.get(own)).contains(s.id());
                ids.add(s.id());
            }
            if (p.next().isEmpty()) {
                break;
            }
            page = PageRequest.after(p.next().get(), first.size());
        }
        return ids;
    }
}
