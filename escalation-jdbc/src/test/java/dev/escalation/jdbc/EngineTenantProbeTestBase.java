package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.ChangeFeed;
import dev.escalation.CustomerQuery;
import dev.escalation.DataSubject;
import dev.escalation.DeskQuery;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationException;
import dev.escalation.MetricsQuery;
import dev.escalation.RetentionPolicy;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.ExpectsVersion;
import dev.escalation.command.LogProgress;
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
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.Intake;
import dev.escalation.model.MessageId;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.Preferences;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.sla.WhatIf;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenants probe each other on the database, through every public method of the engine, its operations and its audit
 * facet that takes an {@link Actor} (found by reflection, so a method added later is probed too): GLOBEX's contacts
 * call each with ACME's handles (escalation and case ids, the id of ACME's dead letter, ACME's contacts as data
 * subjects, the submission id ina used, the cursors of ina's timeline, portal inbox and list and of the desk) and with
 * handles that name nothing. Each pair gets the same answer but for the handle sent, after the same SQL statements
 * (the same timing class: a foreign row costs what a missing one does, and no statement locks or reads it beyond the
 * scoped load), and nothing stored changes. The in-memory counterpart is core's {@code TenantReflectionProbeTest}.
 */
abstract class EngineTenantProbeTestBase extends StoreTestSupport {
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final CustomerId GLOBEX = CustomerId.of("globex");
    private static final Actor SAM = Actor.staff("sam");
    private static final Actor INA = Actor.contact("ina");
    private static final String SECRET = "ACME-SECRET";

    private final Map<String, AtomicInteger> executed = new ConcurrentHashMap<>();
    private MutableClock clock;
    private EscalationEngine engine;
    private JdbcEscalationStore counted;
    private JdbcPortalMessages portal;
    private Handles acme;
    private Handles ghost;
    private EscalationId globexOwn;

    /** One side's handles. */
    record Handles(
            List<EscalationId> escalations,
            List<CaseId> cases,
            MessageId deadLetter,
            List<String> contacts,
            String submission,
            Map<String, PageCursor> cursors,
            String feedCursor) {

        /** The text with each handle (whole, longest first) replaced by its kind. */
        String blank(String s) {
            Map<String, String> n = new TreeMap<>(
                    Comparator.comparing(String::length).reversed().thenComparing(Comparator.naturalOrder()));
            n.put(deadLetter.value(), "<message>");
            for (int i = 0; i < escalations.size(); i++) {
                n.put(escalations.get(i).value(), "<escalation" + i + ">");
                n.put(cases.get(i).value(), "<case" + i + ">");
                n.put(contacts.get(i), "<contact" + i + ">");
            }
            n.put(submission, "<submission>");
            String out = s;
            for (Map.Entry<String, String> e : n.entrySet()) {
                out = out.replaceAll(
                        "(?<![\\p{Alnum}])" + Pattern.quote(e.getKey()) + "(?![\\p{Alnum}])",
                        Matcher.quoteReplacement(e.getValue()));
            }
            return out;
        }
    }

    @BeforeEach
    void twoCustomers() {
        if (!databaseAvailable()) {
            return;
        }
        clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z")); // a Tuesday, 10:00 in Berlin
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory()
                .add(new CustomerAccount(ACME, "ACME", Optional.empty()))
                .add(new CustomerAccount(GLOBEX, "GLOBEX", Optional.empty()))
                .add(contact("ina", ACME, CustomerRole.INCIDENT_MANAGER, DeliveryChannel.PORTAL))
                .add(contact("tom", ACME, CustomerRole.TECHNICAL_CONTACT, DeliveryChannel.SMS))
                .add(contact("gil", GLOBEX, CustomerRole.INCIDENT_MANAGER, DeliveryChannel.PORTAL))
                .add(contact("gus", GLOBEX, CustomerRole.TECHNICAL_CONTACT, DeliveryChannel.EMAIL));
        for (String c : List.of("C-1", "C-2")) {
            customers.add(new SupportCase(CaseId.of(c), ACME, "Case " + c));
        }
        customers.add(new SupportCase(CaseId.of("G-1"), GLOBEX, "Case G-1"));
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory()
                .add(member("sam", StaffRole.SUPPORT_MANAGEMENT))
                .add(member("eve", StaffRole.ESCALATION_MANAGER));
        DataSource counting = counting(pool);
        counted = JdbcEscalationStore.builder(counting).build();
        portal = new JdbcPortalMessages(counting);
        engine = EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(new InMemoryNotifier())
                .portalMessages(portal)
                .ticketing(new InMemoryTicketing())
                .store(counted)
                .coverage(BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                .build();
        acme = acmeWorld();
        clock.advance(Duration.ofMinutes(5)); // GLOBEX's rows come after ACME's in every list
        globexOwn = engine.escalate(
                        Actor.contact("gil"),
                        new EscalateCase(CaseId.of("G-1"), "globex down", Cause.COMPLAINT, Criticality.HIGH, "g-1"))
                .escalation();
        engine.deliverPending();
        Map<String, PageCursor> shifted = new LinkedHashMap<>();
        acme.cursors().forEach((k, c) -> {
            String id = c.id().replace(acme.deadLetter().value(), "E-404/3/1");
            for (int i = 0; i < acme.escalations().size(); i++) {
                id = id.replace(acme.escalations().get(i).value(), "E-40" + (4 + i));
            }
            shifted.put(k, new PageCursor(c.at(), id));
        });
        ghost = new Handles(
                List.of(EscalationId.of("E-404"), EscalationId.of("E-405")),
                List.of(CaseId.of("C-404"), CaseId.of("C-405")),
                MessageId.of("E-404/3/1"),
                List.of("nobody", "nemo"),
                "sub-nobody",
                shifted,
                acme.feedCursor());
    }

    /** ina's escalation of C-1, active with eve, an internal note, and tom, whose notification is a dead letter. */
    private Handles acmeWorld() {
        EscalationId e1 = engine.escalate(
                        INA,
                        new EscalateCase(
                                CaseId.of("C-1"), SECRET + " one", Cause.SOFTWARE_ERROR, Criticality.HIGH, "sub-acme"))
                .escalation();
        engine.acknowledge(SAM, new Acknowledge(e1, StaffId.of("eve"), "called"));
        Actor eve = Actor.staff("eve");
        engine.agreePlan(
                eve,
                new AgreePlan(
                        e1, Duration.ofDays(1), Channel.PHONE, clock.instant().plus(Duration.ofHours(2))));
        engine.logProgress(eve, new LogProgress(e1, LogProgress.Kind.NOTE, SECRET + " note", Visibility.INTERNAL));
        engine.logProgress(
                eve, new LogProgress(e1, LogProgress.Kind.STATUS_UPDATE, SECRET + " update", Visibility.CUSTOMER));
        engine.addParticipant(eve, AddParticipant.contact(e1, "tom"));
        clock.advance(Duration.ofMinutes(5));
        EscalationId e2 = engine.escalate(
                        INA,
                        new EscalateCase(CaseId.of("C-2"), SECRET + " two", Cause.COMPLAINT, Criticality.LOW, null))
                .escalation();
        engine.deliverPending();
        MessageId dead = engine.operations().deadLetters(SAM, PageRequest.first(50)).items().stream()
                .filter(d -> d.escalation().equals(e1))
                .findFirst()
                .orElseThrow()
                .id();
        Map<String, PageCursor> cursors = new LinkedHashMap<>();
        cursors.put(
                "timeline",
                engine.timeline(INA, e1, PageRequest.first(1)).next().orElseThrow());
        cursors.put(
                "messagesFor",
                engine.messagesFor(INA, PageRequest.first(1)).next().orElseThrow());
        cursors.put(
                "escalationsOfCustomer",
                engine.escalationsOfCustomer(INA, CustomerQuery.all(), PageRequest.first(1))
                        .next()
                        .orElseThrow());
        cursors.put(
                "inbox",
                engine.operations()
                        .inbox(SAM, DeskQuery.all(), PageRequest.first(1))
                        .next()
                        .orElseThrow());
        String feed = engine.operations().changesSince(SAM, ChangeFeed.START, 1).cursor();
        return new Handles(
                List.of(e1, e2),
                List.of(CaseId.of("C-1"), CaseId.of("C-2")),
                dead,
                List.of("ina", "tom"),
                "sub-acme",
                cursors,
                feed);
    }

    private static Touchpoint contact(String id, CustomerId customer, CustomerRole role, DeliveryChannel channel) {
        return new Touchpoint(
                ContactId.of(id),
                customer,
                "Contact " + id,
                id + "@customer.example",
                Optional.empty(),
                Set.of(role),
                true,
                new Preferences(Optional.empty(), Optional.empty(), List.of(channel)));
    }

    private static StaffMember member(String id, StaffRole role) {
        return new StaffMember(
                StaffId.of(id), "Staff " + id, id + "@vendor.example", Optional.empty(), Set.of(role), true);
    }

    // ------------------------------------------------------------------ SQL counted per statement text

    /** The data source with every statement execution counted by its text (connections unwrap to themselves). */
    private DataSource counting(DataSource target) {
        return proxy(DataSource.class, target, (m, args, result) -> {
            if (result instanceof Connection c) {
                return connection(c);
            }
            return result;
        });
    }

    private Connection connection(Connection target) {
        Connection[] self = new Connection[1];
        self[0] = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, args) -> {
                    if (m.getName().equals("unwrap") && args[0] == Connection.class) {
                        return self[0]; // the store keeps H2 statements per physical connection: these ones
                    }
                    Object result = invoke(m, target, args);
                    if (result instanceof PreparedStatement s && args != null && args[0] instanceof String sql) {
                        return statement(PreparedStatement.class, s, sql);
                    }
                    if (result instanceof Statement s) {
                        return statement(Statement.class, s, null);
                    }
                    return result;
                });
        return self[0];
    }

    private <S extends Statement> S statement(Class<S> type, S target, String prepared) {
        return proxy(type, target, (m, args, result) -> result, (m, args) -> {
            if (m.getName().startsWith("execute")) {
                String sql = prepared != null ? prepared : args != null && args.length > 0 ? "" + args[0] : "?";
                executed.computeIfAbsent(sql, k -> new AtomicInteger()).incrementAndGet();
            }
        });
    }

    interface After {
        Object apply(Method m, Object[] args, Object result) throws Throwable;
    }

    interface Before {
        void accept(Method m, Object[] args);
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        return proxy(type, target, after, (m, args) -> {});
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, After after, Before before) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            before.accept(m, args);
            return after.apply(m, args, invoke(m, target, args));
        });
    }

    private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    // ------------------------------------------------------------------ the probes

    private List<Object> facets() {
        return List.of(engine, engine.operations(), engine.operations().audit());
    }

    private static List<Method> probed(Object facet) {
        List<Method> out = new ArrayList<>();
        for (Method m : facet.getClass().getMethods()) {
            if (m.getDeclaringClass() != Object.class
                    && List.of(m.getParameterTypes()).contains(Actor.class)) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(Method::toGenericString));
        return out;
    }

    /** What one call showed: the answer and the SQL it ran. */
    record Seen(String answer, String sql) {}

    @Test
    void aContactOfAnotherCustomerLearnsNothingFromAnyHandleOfAcme() {
        Map<String, Integer> answers = probeAll(
                List.of(Actor.contact("gil"), Actor.contact("gus")), acme, ghost, (m, which) -> versions(m, which));
        assertThat(answers).containsKeys("EscalationNotFoundException", "ran SQL");
    }

    /**
     * gil names, on his own escalation and case, ACME's contacts, the submission id ina used, ACME's dead letter and
     * the cursors ACME was given, and the same with handles of nobody; commands carry a stale expected version, so
     * nothing changes: the same answers after the same SQL.
     */
    @Test
    void aContactsOwnEscalationNamingAcmesPeopleAndKeysTellsNothingOfThem() {
        int n = acme.escalations().size();
        Handles ownWithAcme = new Handles(
                java.util.Collections.nCopies(n, globexOwn),
                java.util.Collections.nCopies(n, CaseId.of("G-1")),
                acme.deadLetter(),
                acme.contacts(),
                acme.submission(),
                acme.cursors(),
                acme.feedCursor());
        Handles ownWithGhost = new Handles(
                ownWithAcme.escalations(),
                ownWithAcme.cases(),
                ghost.deadLetter(),
                ghost.contacts(),
                ghost.submission(),
                ghost.cursors(),
                ghost.feedCursor());
        Map<String, Integer> answers = probeAll(
                List.of(Actor.contact("gil")),
                ownWithAcme,
                ownWithGhost,
                (m, which) ->
                        java.util.Collections.singletonList(versions(m, which).size() > 1 ? 99L : null));
        assertThat(answers).containsKeys("EscalationConflictException", "ran SQL");
    }

    /**
     * Calls every method that takes an actor as each of {@code actors}, with {@code a}'s handles and with {@code g}'s,
     * once per expected version {@code versions} gives: the same answers but for the handles, the same SQL, nothing of
     * ACME's shown, nothing stored changed.
     *
     * @return how often each kind of answer came, and how often a probe ran SQL ({@code ran SQL})
     */
    private Map<String, Integer> probeAll(
            List<Actor> actors,
            Handles a,
            Handles g,
            java.util.function.BiFunction<Method, Integer, List<Long>> versions) {
        String untouched = fingerprint();
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> answers = new TreeMap<>();
        int probes = 0;
        for (Actor b : actors) {
            for (Object facet : facets()) {
                for (Method m : probed(facet)) {
                    for (int which = 0; which < a.escalations().size(); which++) {
                        for (Long version : versions.apply(m, which)) {
                            String what = b + " " + m.getName() + List.of(m.getParameterTypes()) + " handle " + which
                                    + " version " + version;
                            Seen onGhost = call(facet, m, b, g, which, version);
                            Seen onAcme = call(facet, m, b, a, which, version);
                            probes++;
                            if (!onAcme.sql().equals("{}")) {
                                answers.merge("ran SQL", 1, Integer::sum);
                            }
                            answers.merge(onAcme.answer().replaceAll(" .*", ""), 1, Integer::sum);
                            if (!a.blank(onAcme.answer()).equals(g.blank(onGhost.answer()))) {
                                wrong.add(
                                        what + ": answer " + onAcme.answer() + " but for nobody's " + onGhost.answer());
                            }
                            if (!onAcme.sql().equals(onGhost.sql())) {
                                wrong.add(what + ": ran " + onAcme.sql() + " but for nobody's " + onGhost.sql());
                            }
                            if (onAcme.answer().contains(SECRET)
                                    || onAcme.answer().contains("ina@")) {
                                wrong.add(what + ": shows " + onAcme.answer());
                            }
                            if (!fingerprint().equals(untouched)) {
                                wrong.add(what + ": changed what is stored");
                                untouched = fingerprint();
                            }
                        }
                    }
                }
            }
        }
        assertThat(wrong).as("of %d probes (answers %s)", probes, answers).isEmpty();
        assertThat(probes).isGreaterThan(100);
        return answers;
    }

    /** None, and ACME's escalation's current version, where the method or its command takes one. */
    private List<Long> versions(Method m, int which) {
        boolean takes = m.getName().equals("migratePolicy")
                        && List.of(m.getParameterTypes()).contains(long.class)
                || List.of(m.getParameterTypes()).stream().anyMatch(ExpectsVersion.class::isAssignableFrom);
        List<Long> versions = new ArrayList<>();
        versions.add(null);
        if (takes) {
            versions.add(store.findForVendor(acme.escalations().get(which))
                    .orElseThrow()
                    .version());
        }
        return versions;
    }

    private Seen call(Object facet, Method m, Actor actor, Handles h, int which, Long version) {
        Object[] args = new Object[m.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = argument(m, i, actor, h, which, version);
        }
        executed.clear();
        String answer;
        try {
            Object value = m.invoke(facet, args);
            answer = value instanceof Optional<?> o ? "Optional " + o.isPresent() : "value " + value;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof EscalationException x) {
                answer = x.getClass().getSimpleName() + " " + x.code() + "/" + x.reason() + " " + x.getMessage() + " | "
                        + x.localizedMessage(Locale.GERMAN);
            } else {
                answer = "unexpected " + e.getCause();
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        Map<String, Integer> sql = new TreeMap<>();
        executed.forEach((k, v) -> sql.put(k, v.get()));
        return new Seen(answer, sql.toString());
    }

    private Object argument(Method m, int i, Actor actor, Handles h, int which, Long version) {
        Class<?> type = m.getParameterTypes()[i];
        Instant now = clock.instant();
        if (type == Actor.class) {
            return actor;
        }
        if (type == EscalationId.class) {
            return h.escalations().get(which);
        }
        if (type == CaseId.class) {
            return h.cases().get(which);
        }
        if (type == MessageId.class) {
            return h.deadLetter();
        }
        if (type == DataSubject.class) {
            return DataSubject.contact(h.contacts().get(which));
        }
        if (type == PageRequest.class) {
            PageCursor c = h.cursors().get(m.getName());
            return c == null ? PageRequest.first(10) : PageRequest.after(c, 10);
        }
        if (type == String.class) {
            return m.getName().equals("changesSince") || m.getName().equals("anchorChanges")
                    ? h.feedCursor()
                    : "probe reason";
        }
        if (type == int.class) {
            return 10;
        }
        if (type == long.class) {
            return version == null ? 1L : version;
        }
        if (type == Duration.class) {
            return Duration.ofHours(1);
        }
        if (type == Set.class) {
            Object arg = ((ParameterizedType) m.getGenericParameterTypes()[i]).getActualTypeArguments()[0];
            return arg == DeskQuery.Facet.class ? EnumSet.allOf(DeskQuery.Facet.class) : Set.of();
        }
        if (type == DeskQuery.class) {
            return DeskQuery.all().caseId(h.cases().get(which));
        }
        if (type == CustomerQuery.class) {
            return CustomerQuery.all().caseId(h.cases().get(which));
        }
        if (type == MetricsQuery.class) {
            return MetricsQuery.between(now.minus(Duration.ofDays(7)), now);
        }
        if (type == WhatIf.class) {
            return WhatIf.at(now, Criticality.HIGH);
        }
        if (type == RetentionPolicy.class) {
            return RetentionPolicy.closedAfterMonths(1);
        }
        if (type == dev.escalation.model.PolicyRef.class) {
            return new dev.escalation.model.PolicyRef("standard", 1);
        }
        if (type.isRecord() && type.getPackageName().equals("dev.escalation.command")) {
            return command(type, h, which, now, version);
        }
        throw new AssertionError("no argument for " + type + " of " + m);
    }

    private static Object command(Class<?> type, Handles h, int which, Instant now, Long version) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = component(types[i], components[i].getName(), h, which, now, version);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build " + type, e);
        }
    }

    private static Object component(Class<?> t, String name, Handles h, int which, Instant now, Long version) {
        if (t == EscalationId.class) {
            return h.escalations().get(which);
        }
        if (t == CaseId.class) {
            return h.cases().get(which);
        }
        if (t == ContactId.class) {
            return ContactId.of(h.contacts().get(which));
        }
        if (t == StaffId.class) {
            return StaffId.of("eve");
        }
        if (t == String.class) {
            return switch (name) {
                case "participantId" -> h.contacts().get(which);
                case "submissionId" -> h.submission();
                case "displayName" -> "Probe";
                default -> "probe text";
            };
        }
        if (t == Duration.class) {
            return Duration.ofDays(1);
        }
        if (t == Instant.class) {
            return now.plus(Duration.ofHours(3));
        }
        if (t == int.class) {
            return 0;
        }
        if (t == List.class) {
            return List.of();
        }
        if (t == Long.class) {
            return version;
        }
        if (t == Criticality.class) {
            return Criticality.CRITICAL;
        }
        if (t == Visibility.class) {
            return Visibility.CUSTOMER;
        }
        if (t == LogProgress.Kind.class) {
            return LogProgress.Kind.COMMUNICATION;
        }
        if (t == ImprovementAction.Status.class) {
            return ImprovementAction.Status.DONE;
        }
        if (t == Intake.Channel.class) {
            return Intake.Channel.HOTLINE_CALL;
        }
        if (t == Party.Kind.class) {
            return Party.Kind.CONTACT;
        }
        return t.isEnum() ? t.getEnumConstants()[0] : null;
    }

    /** Versions and states of every escalation, outbox counts, the change feed and both portal inboxes. */
    private String fingerprint() {
        StringBuilder s = new StringBuilder();
        for (CustomerId c : List.of(ACME, GLOBEX)) {
            store.listForCustomer(c, PageRequest.first(50))
                    .items()
                    .forEach(e -> s.append(e.id())
                            .append('@')
                            .append(store.findForVendor(e.id()).orElseThrow().version())
                            .append(e.state())
                            .append(' '));
        }
        var counts = store.outbox().counts();
        s.append(counts.pending()).append('/').append(counts.dead());
        s.append(" feed ").append(store.changesSince("", 500).changes().size());
        for (String contact : List.of("ina", "gil")) {
            s.append(' ')
                    .append(contact)
                    .append(portal.messagesFor(
                                    new dev.escalation.spi.PartyRef(Party.Kind.CONTACT, contact),
                                    PageRequest.first(100))
                            .items()
                            .size());
        }
        return s.toString();
    }
}
