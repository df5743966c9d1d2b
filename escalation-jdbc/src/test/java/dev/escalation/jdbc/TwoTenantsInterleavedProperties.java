package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.CustomerQuery;
import dev.escalation.DataSubject;
import dev.escalation.DeskQuery;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationException;
import dev.escalation.EscalationReceipt;
import dev.escalation.EscalationView;
import dev.escalation.NotAuthorizedException;
import dev.escalation.PortalMessageView;
import dev.escalation.TimelineEntry;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.Reopen;
import dev.escalation.command.Resolve;
import dev.escalation.command.Withdraw;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Preferences;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.MutableClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Two tenants work side by side, their operations interleaved at random, on the in-memory store and on the JDBC store
 * (H2): escalations raised with submission ids both customers use, acknowledged, planned, logged (internal and
 * customer-visible), resolved, reopened, withdrawn, delivered to the portal (staff read theirs there too); an Incident
 * Manager's role revoked and restored, a contact deactivated, a contact's data erased; and, in between, one tenant's
 * contacts probing the other's escalations with every read and command. Two contacts share their ids with the
 * Escalation Managers. Every text a tenant writes carries its marker, as do its people's names and addresses and its
 * cases' titles. Throughout and afterwards:
 *
 * <ul>
 *   <li>a probe of the other tenant's escalation answers exactly as one of an id that never existed, and changes
 *       nothing (versions, states, outbox counts, change feed);
 *   <li>an escalate answers with an escalation of the caller's customer, whatever submission id the other used;
 *   <li>a contact whose Incident Manager role was revoked, or who was deactivated, never gets a command through;
 *   <li>erasing one tenant's contact leaves the other tenant's escalations, timelines and portal messages as they
 *       were;
 *   <li>every read of every contact (find, timeline page by page, deadlines, the portal's lists with each filter and
 *       page size, the open escalation of each case, the portal inbox page by page) holds only its own customer's
 *       escalations and not one marker of the other tenant; the desk's list of one customer holds only that customer;
 *       and an escalation's manager is among its participants, whichever contact shares the manager's id.
 * </ul>
 */
class TwoTenantsInterleavedProperties {
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final CustomerId GLOBEX = CustomerId.of("globex");
    private static final List<CustomerId> TENANTS = List.of(ACME, GLOBEX);
    /**
     * Per tenant: two Incident Managers (the second one's role is revoked and restored) and a technical contact (who is
     * deactivated and restored). GLOBEX's {@code eve} and ACME's {@code max} share their ids with the Escalation
     * Managers, who work for both customers: a contact's namesake on the vendor's side is someone else.
     */
    private static final Map<CustomerId, List<String>> CONTACTS =
            Map.of(ACME, List.of("ina", "ivy", "max"), GLOBEX, List.of("gil", "eve", "gus"));

    private static final Map<CustomerId, List<CaseId>> CASES = Map.of(
            ACME, List.of(CaseId.of("C-1"), CaseId.of("C-2")), GLOBEX, List.of(CaseId.of("G-1"), CaseId.of("G-2")));
    private static final Actor SAM = Actor.staff("sam");
    private static final List<StaffId> MANAGERS = List.of(StaffId.of("eve"), StaffId.of("max"));
    private static final SlaPolicy POLICY = SlaPolicy.builder("standard", 1)
            .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
            .firstContact(Criticality.HIGH, Duration.ofHours(4))
            .resolution(Criticality.CRITICAL, Duration.ofHours(16))
            .resolution(Criticality.HIGH, Duration.ofHours(40))
            .build();

    private static TestDatabase database;
    private static DataSource pool;
    private static JdbcEscalationStore jdbc;

    private static synchronized JdbcEscalationStore h2() throws SQLException {
        if (database == null) {
            database = TestDatabase.h2();
            database.migrate();
            pool = database.newPool("two-tenants", 2);
            jdbc = JdbcEscalationStore.builder(pool).build();
        }
        database.clear(pool);
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM esc_portal_message");
        }
        return jdbc;
    }

    @AfterContainer
    static synchronized void close() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /** The other tenant. */
    private static CustomerId other(CustomerId t) {
        return t.equals(ACME) ? GLOBEX : ACME;
    }

    /** What one tenant's texts, names, addresses and case titles carry. */
    private static String marker(CustomerId t) {
        return "secret-of-" + t.value();
    }

    // ------------------------------------------------------------------ the world of one try

    /** The engine of one try with its directories and what each tenant raised. */
    private static final class World {
        final MutableClock clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z"));
        final InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
        final EscalationStore store;
        final EscalationEngine engine;
        final Map<CustomerId, List<EscalationId>> owned = new LinkedHashMap<>();
        /** Contacts that may not get a command through (role revoked or deactivated). */
        final Set<String> barred = new HashSet<>();

        final AtomicInteger texts = new AtomicInteger();

        World(EscalationStore store, PortalMessages portal) {
            this.store = store;
            for (CustomerId t : TENANTS) {
                customers.add(new CustomerAccount(t, "Account " + marker(t), Optional.empty()));
                List<String> people = CONTACTS.get(t);
                for (int i = 0; i < people.size(); i++) {
                    customers.add(contact(t, people.get(i), i < 2, true));
                }
                for (CaseId c : CASES.get(t)) {
                    customers.add(new SupportCase(c, t, "Case " + c + " " + marker(t)));
                }
                owned.put(t, new ArrayList<>());
            }
            InMemoryStaffDirectory staff = new InMemoryStaffDirectory()
                    .add(member("sam", StaffRole.SUPPORT_MANAGEMENT))
                    .add(member("hal", StaffRole.HEAD_OF_SUPPORT))
                    .add(member("eve", StaffRole.ESCALATION_MANAGER))
                    .add(member("max", StaffRole.ESCALATION_MANAGER));
            AtomicInteger ids = new AtomicInteger();
            engine = EscalationEngine.builder()
                    .clock(clock)
                    .customers(customers)
                    .staff(staff)
                    .notifier(new InMemoryNotifier())
                    .portalMessages(portal)
                    .ticketing(new InMemoryTicketing())
                    .store(store)
                    .escalationIds(() -> EscalationId.of("E-" + ids.incrementAndGet()))
                    .slaPolicy(POLICY)
                    .coverage(BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                            .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                            .build())
                    .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                    .build();
        }

        static Touchpoint contact(CustomerId t, String id, boolean incidentManager, boolean active) {
            return new Touchpoint(
                    ContactId.of(id),
                    t,
                    "Person " + id + " " + marker(t),
                    id + "." + marker(t) + "@customer.example",
                    Optional.empty(),
                    Set.of(incidentManager ? CustomerRole.INCIDENT_MANAGER : CustomerRole.TECHNICAL_CONTACT),
                    active,
                    new Preferences(
                            Optional.empty(),
                            Optional.empty(),
                            List.of(DeliveryChannel.PORTAL, DeliveryChannel.EMAIL)));
        }

        /** Staff read their messages in the portal too, so a contact's inbox could meet a namesake's. */
        static StaffMember member(String id, StaffRole role) {
            return new StaffMember(
                    StaffId.of(id),
                    "Staff " + id,
                    id + "@vendor.example",
                    Optional.empty(),
                    Set.of(role),
                    true,
                    new Preferences(Optional.empty(), Optional.empty(), List.of(DeliveryChannel.PORTAL)));
        }

        String text(CustomerId t) {
            return "note " + texts.incrementAndGet() + " " + marker(t);
        }

        /** Everything a probe could change. */
        String fingerprint() {
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
    }

    // ------------------------------------------------------------------ operations

    /** One step: what, by which tenant, and three choices (who, which escalation, which variant). */
    record Op(Kind kind, int tenant, int a, int b, int c) {}

    enum Kind {
        ESCALATE,
        ACKNOWLEDGE,
        AGREE_PLAN,
        LOG,
        RESOLVE,
        REOPEN,
        WITHDRAW,
        RAISE,
        DELIVER,
        PROBE,
        REVOKE,
        RESTORE,
        ERASE
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Kind> kind = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Kind.ESCALATE)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Kind.ACKNOWLEDGE)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.AGREE_PLAN)),
                net.jqwik.api.Tuple.of(5, Arbitraries.just(Kind.LOG)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.RESOLVE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.REOPEN)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.WITHDRAW)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.RAISE)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.DELIVER)),
                net.jqwik.api.Tuple.of(5, Arbitraries.just(Kind.PROBE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.REVOKE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.RESTORE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.ERASE)));
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 11);
        return Combinators.combine(kind, Arbitraries.integers().between(0, 1), small, small, small)
                .as(Op::new)
                .list()
                .ofMinSize(12)
                .ofMaxSize(40);
    }

    @Property(tries = 100)
    void inMemory(@ForAll("ops") List<Op> ops) {
        run(new World(new InMemoryEscalationStore(), new InMemoryPortalMessages()), ops);
    }

    @Property(tries = 60)
    void onH2(@ForAll("ops") List<Op> ops) throws SQLException {
        JdbcEscalationStore store = h2();
        run(new World(store, new JdbcPortalMessages(pool)), ops);
    }

    private void run(World w, List<Op> ops) {
        for (Op op : ops) {
            CustomerId t = TENANTS.get(op.tenant());
            Statistics.label("kind").collect(op.kind());
            step(w, t, op);
            w.clock.advance(Duration.ofMinutes(7));
        }
        w.engine.processDueWork();
        w.engine.deliverPending();
        for (CustomerId t : TENANTS) {
            everyReadOfOneTenantShowsNothingOfTheOther(w, t);
        }
        Statistics.label("escalations")
                .collect(Math.min(w.owned.get(ACME).size(), 3) + "+"
                        + Math.min(w.owned.get(GLOBEX).size(), 3));
    }

    /** The escalation {@code i} of a tenant (any of its own), or empty if it raised none. */
    private static Optional<EscalationId> pick(World w, CustomerId t, int i) {
        List<EscalationId> own = w.owned.get(t);
        return own.isEmpty() ? Optional.empty() : Optional.of(own.get(i % own.size()));
    }

    private void step(World w, CustomerId t, Op op) {
        List<String> people = CONTACTS.get(t);
        Actor im = Actor.contact(people.get(op.a() % 2));
        Optional<EscalationId> target = pick(w, t, op.b());
        switch (op.kind()) {
            case ESCALATE -> {
                CaseId c = CASES.get(t).get(op.b() % 2);
                String submission = op.c() % 3 == 2 ? null : "form-" + op.c() % 3;
                Criticality criticality = op.c() % 2 == 0 ? Criticality.HIGH : Criticality.CRITICAL;
                Optional<Object> r = command(
                        w,
                        im,
                        () -> w.engine.escalate(
                                im, new EscalateCase(c, w.text(t), Cause.SOFTWARE_ERROR, criticality, submission)));
                r.ifPresent(x -> {
                    EscalationReceipt receipt = (EscalationReceipt) x;
                    assertThat(w.store
                                    .findForVendor(receipt.escalation())
                                    .orElseThrow()
                                    .customer())
                            .as("%s's escalate answered with %s", im, receipt.escalation())
                            .isEqualTo(t);
                    if (receipt.created()) {
                        w.owned.get(t).add(receipt.escalation());
                    } else {
                        assertThat(w.owned.get(t)).contains(receipt.escalation());
                    }
                });
            }
            case ACKNOWLEDGE ->
                target.ifPresent(id -> command(
                        w,
                        SAM,
                        () -> w.engine.acknowledge(
                                SAM, new Acknowledge(id, MANAGERS.get(op.c() % 2), "called " + marker(t)))));
            case AGREE_PLAN ->
                target.flatMap(id -> manager(w, id))
                        .ifPresent(m -> command(
                                w,
                                m,
                                () -> w.engine.agreePlan(
                                        m,
                                        new AgreePlan(
                                                target.get(),
                                                Duration.ofDays(1),
                                                Channel.PHONE,
                                                w.clock.instant().plus(Duration.ofHours(2))))));
            case LOG ->
                target.ifPresent(id -> {
                    Optional<Actor> by = op.c() % 2 == 0 ? Optional.of(im) : manager(w, id);
                    by.ifPresent(a -> {
                        boolean contact = a.kind() == Actor.Kind.CONTACT;
                        LogProgress.Kind kind = contact
                                ? LogProgress.Kind.COMMUNICATION
                                : op.c() % 4 == 1 ? LogProgress.Kind.NOTE : LogProgress.Kind.STATUS_UPDATE;
                        Visibility visibility = contact || op.c() % 4 == 3 ? Visibility.CUSTOMER : Visibility.INTERNAL;
                        command(w, a, () -> w.engine.logProgress(a, new LogProgress(id, kind, w.text(t), visibility)));
                    });
                });
            case RESOLVE ->
                target.ifPresent(id -> manager(w, id)
                        .ifPresent(m -> command(w, m, () -> w.engine.resolve(m, new Resolve(id, w.text(t))))));
            case REOPEN -> target.ifPresent(id -> command(w, im, () -> w.engine.reopen(im, new Reopen(id, w.text(t)))));
            case WITHDRAW ->
                target.ifPresent(id -> command(w, im, () -> w.engine.withdraw(im, new Withdraw(id, w.text(t)))));
            case RAISE ->
                target.ifPresent(id -> command(
                        w,
                        im,
                        () -> w.engine.changeCriticality(
                                im, new ChangeCriticality(id, Criticality.CRITICAL, w.text(t)))));
            case DELIVER -> {
                w.clock.advance(Duration.ofMinutes(20 * op.c()));
                w.engine.processDueWork();
                w.engine.deliverPending();
            }
            case PROBE -> probe(w, t, op);
            case REVOKE -> bar(w, t, op.c() % 2 == 0);
            case ERASE -> erase(w, t, people.get(op.a() % 3));
            case RESTORE -> {
                w.customers.add(World.contact(t, people.get(1), true, true));
                w.customers.add(World.contact(t, people.get(2), false, true));
                w.barred.remove(people.get(1));
                w.barred.remove(people.get(2));
            }
        }
    }

    /**
     * Support Management erases one of the tenant's contacts (refused while an escalation concerning them is open):
     * whatever the outcome, the other tenant's escalations, timelines and portal messages stay exactly as they were.
     */
    private static void erase(World w, CustomerId t, String contact) {
        CustomerId o = other(t);
        String before = everything(w, o);
        String outcome;
        try {
            outcome = "erased "
                    + w.engine
                            .operations()
                            .erasePerson(SAM, DataSubject.contact(contact))
                            .entries();
        } catch (EscalationException e) {
            outcome = e.code();
        }
        Statistics.label("erase").collect(outcome.startsWith("erased") ? "erased" : outcome);
        assertThat(everything(w, o))
                .as("erasing %s of %s touched %s", contact, t, o)
                .isEqualTo(before);
    }

    /** A tenant's escalations, whole timelines (as staff read them) and its contacts' portal messages. */
    private static String everything(World w, CustomerId t) {
        StringBuilder s = new StringBuilder();
        for (EscalationId id : w.owned.get(t)) {
            s.append(w.engine.find(SAM, id).orElseThrow()).append('\n');
            timeline(w, SAM, id).forEach(e -> s.append(e).append('\n'));
        }
        for (String c : CONTACTS.get(t)) {
            if (!w.barred.contains(c) || !c.equals(CONTACTS.get(t).get(2))) {
                inbox(w, Actor.contact(c)).forEach(m -> s.append(m).append('\n'));
            }
        }
        return s.toString();
    }

    /** Revokes the second Incident Manager's role, or deactivates the technical contact. */
    private static void bar(World w, CustomerId t, boolean revokeRole) {
        List<String> people = CONTACTS.get(t);
        if (revokeRole) {
            w.customers.add(World.contact(t, people.get(1), false, true));
            w.barred.add(people.get(1));
        } else {
            w.customers.add(World.contact(t, people.get(2), false, false));
            w.barred.add(people.get(2));
        }
    }

    private static Optional<Actor> manager(World w, EscalationId id) {
        return w.store.findForVendor(id).flatMap(r -> r.manager()).map(m -> Actor.staff(m.value()));
    }

    /**
     * Runs a command whose refusal is legitimate (the state may not allow it); a barred contact's command is never
     * applied.
     */
    private static Optional<Object> command(World w, Actor actor, Callable<Object> call) {
        String before = w.fingerprint();
        try {
            Object result = call.call();
            assertThat(actor.kind() == Actor.Kind.CONTACT && w.barred.contains(actor.id()))
                    .as("%s, barred, got a command through", actor)
                    .isFalse();
            return Optional.of(result);
        } catch (EscalationException e) {
            assertThat(w.fingerprint())
                    .as("%s's refused command (%s) changed something", actor, e.code())
                    .isEqualTo(before);
            return Optional.empty();
        } catch (Exception e) {
            throw new AssertionError(actor + ": unexpected " + e, e);
        }
    }

    // ------------------------------------------------------------------ probes

    /** A contact of {@code t} (any, barred ones included) calls an operation on the other tenant's escalation. */
    private void probe(World w, CustomerId t, Op op) {
        Optional<EscalationId> theirs = pick(w, other(t), op.b());
        if (theirs.isEmpty()) {
            return;
        }
        Actor actor = Actor.contact(CONTACTS.get(t).get(op.a() % 3));
        EscalationId ghost = EscalationId.of("E-" + (1000 + op.b()));
        String before = w.fingerprint();
        String onTheirs = answer(() -> byId(w, actor, theirs.get(), op.c()), theirs.get());
        String onGhost = answer(() -> byId(w, actor, ghost, op.c()), ghost);
        Statistics.label("probe").collect(onTheirs.replaceAll(" \\|.*", ""));
        assertThat(onTheirs)
                .as("probe %d by %s on %s of %s, and on the missing %s", op.c(), actor, theirs.get(), other(t), ghost)
                .isEqualTo(onGhost);
        assertThat(w.fingerprint()).as("a probe changed something").isEqualTo(before);
    }

    private static Object byId(World w, Actor a, EscalationId id, int which) {
        EscalationEngine e = w.engine;
        return switch (which) {
            case 0 -> e.find(a, id);
            case 1 -> e.timeline(a, id, PageRequest.first(5));
            case 2 -> e.deadlines(a, id);
            case 3 -> e.logProgress(a, new LogProgress(id, LogProgress.Kind.COMMUNICATION, "hi", Visibility.CUSTOMER));
            case 4 -> e.withdraw(a, new Withdraw(id, "mine now"));
            case 5 -> e.reopen(a, new Reopen(id, "again"));
            case 6 -> e.changeCriticality(a, new ChangeCriticality(id, Criticality.CRITICAL, "worse"));
            case 7 -> e.resolve(a, new Resolve(id, "fixed"));
            case 8 -> e.operations().audit().trail(a, id);
            case 9 -> e.operations().replayAll(a, id);
            case 10 -> e.acknowledge(a, new Acknowledge(id, StaffId.of("eve"), "x"));
            default -> e.logProgress(a, new LogProgress(id, LogProgress.Kind.NOTE, "psst", Visibility.INTERNAL));
        };
    }

    /** The answer as a caller sees it, without the id asked for. */
    private static String answer(Callable<Object> call, EscalationId id) {
        try {
            Object value = call.call();
            return value instanceof Optional<?> o ? (o.isPresent() ? "present" : "empty") : "value";
        } catch (NotAuthorizedException e) {
            return strip(e.getClass().getSimpleName() + " " + e.code() + " " + e.subReason() + " | " + said(e), id);
        } catch (EscalationException e) {
            return strip(e.getClass().getSimpleName() + " " + e.code() + " | " + said(e), id);
        } catch (Exception e) {
            return "unexpected " + e;
        }
    }

    private static String said(EscalationException e) {
        return e.getMessage() + " | " + e.localizedMessage(java.util.Locale.GERMAN);
    }

    private static String strip(String s, EscalationId id) {
        return s.replace(id.value(), "<id>");
    }

    // ------------------------------------------------------------------ what a tenant reads

    private void everyReadOfOneTenantShowsNothingOfTheOther(World w, CustomerId t) {
        CustomerId o = other(t);
        String foreign = marker(o);
        Set<EscalationId> own = new HashSet<>(w.owned.get(t));
        for (String id : CONTACTS.get(t)) {
            Actor a = Actor.contact(id);
            if (w.barred.contains(id) && id.equals(CONTACTS.get(t).get(2))) {
                assertThat(answer(() -> w.engine.find(a, EscalationId.of("E-1")), EscalationId.of("E-1")))
                        .as("the deactivated %s reads", a)
                        .startsWith("NotAuthorizedException NOT_AUTHORIZED INACTIVE");
                continue;
            }
            for (EscalationId theirs : w.owned.get(o)) {
                assertThat(w.engine.find(a, theirs))
                        .as("%s finds %s of %s", a, theirs, o)
                        .isEmpty();
            }
            for (EscalationId mine : own) {
                EscalationView v = w.engine.find(a, mine).orElseThrow();
                assertThat(v.customer()).isEqualTo(t);
                v.manager()
                        .ifPresent(m -> assertThat(v.participants())
                                .as("the manager %s of %s is a participant, whatever contact shares the id", m, mine)
                                .anyMatch(x ->
                                        x.kind() == dev.escalation.model.Party.Kind.STAFF && x.id().equals(m.value())));
                assertThat(v.toString()).as("%s's view of %s", a, mine).doesNotContain(foreign);
                for (TimelineEntry e : timeline(w, a, mine)) {
                    assertThat(e.toString()).as("%s's timeline of %s", a, mine).doesNotContain(foreign);
                }
                assertThat(w.engine.deadlines(a, mine).toString()).doesNotContain(foreign);
            }
            List<CustomerQuery> queries = new ArrayList<>(List.of(CustomerQuery.all(), CustomerQuery.open()));
            for (CustomerId c : TENANTS) {
                for (CaseId k : CASES.get(c)) {
                    queries.add(CustomerQuery.all().caseId(k));
                    Optional<EscalationSummary> open = w.engine.openEscalationOfCase(a, k);
                    if (!c.equals(t)) {
                        assertThat(open).as("%s asks for %s's case %s", a, c, k).isEmpty();
                    } else {
                        open.ifPresent(s -> assertThat(own).contains(s.id()));
                    }
                }
            }
            for (CustomerQuery q : queries) {
                for (int size = 1; size <= 3; size += 2) {
                    List<EscalationSummary> listed = list(w, a, q, size);
                    for (EscalationSummary s : listed) {
                        assertThat(own).as("%s's list with %s", a, q).contains(s.id());
                        assertThat(s.toString()).doesNotContain(foreign);
                    }
                    if (q.equals(CustomerQuery.all())) {
                        assertThat(listed.stream().map(EscalationSummary::id).toList())
                                .as("%s's whole list", a)
                                .containsExactlyInAnyOrderElementsOf(own);
                    }
                }
            }
            for (PortalMessageView m : inbox(w, a)) {
                assertThat(own).as("%s's portal message %s", a, m.id()).contains(m.escalation());
                assertThat(CASES.get(t)).contains(m.caseId());
                assertThat(m.toString()).as("%s's portal message", a).doesNotContain(foreign);
            }
        }
        Page<EscalationSummary> desk =
                w.engine.operations().inbox(SAM, DeskQuery.all().customers(t), PageRequest.first(100));
        assertThat(desk.items()).allMatch(s -> s.customer().equals(t));
        assertThat(desk.items().stream().map(EscalationSummary::id).toList()).containsExactlyInAnyOrderElementsOf(own);
        Statistics.label("portal messages")
                .collect(!inbox(w, Actor.contact(CONTACTS.get(t).get(0))).isEmpty());
    }

    private static List<TimelineEntry> timeline(World w, Actor a, EscalationId id) {
        List<TimelineEntry> all = new ArrayList<>();
        PageRequest page = PageRequest.first(4);
        for (int n = 0; n < 100; n++) {
            Page<TimelineEntry> p = w.engine.timeline(a, id, page);
            all.addAll(p.items());
            if (p.next().isEmpty()) {
                return all;
            }
            page = PageRequest.after(p.next().get(), 4);
        }
        throw new AssertionError("the timeline did not end");
    }

    private static List<EscalationSummary> list(World w, Actor a, CustomerQuery q, int size) {
        List<EscalationSummary> all = new ArrayList<>();
        PageRequest page = PageRequest.first(size);
        for (int n = 0; n < 100; n++) {
            Page<EscalationSummary> p = w.engine.escalationsOfCustomer(a, q, page);
            all.addAll(p.items());
            if (p.next().isEmpty()) {
                return all;
            }
            page = PageRequest.after(p.next().get(), size);
        }
        throw new AssertionError("the list did not end");
    }

    private static List<PortalMessageView> inbox(World w, Actor a) {
        List<PortalMessageView> all = new ArrayList<>();
        PageRequest page = PageRequest.first(3);
        for (int n = 0; n < 200; n++) {
            Page<PortalMessageView> p = w.engine.messagesFor(a, page);
            all.addAll(p.items());
            if (p.next().isEmpty()) {
                return all;
            }
            page = PageRequest.after(p.next().get(), 3);
        }
        throw new AssertionError("the inbox did not end");
    }
}
