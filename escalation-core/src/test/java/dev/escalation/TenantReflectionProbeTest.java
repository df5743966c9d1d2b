package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.GIL;
import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.Resolve;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.Intake;
import dev.escalation.model.MessageId;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.Preferences;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.sla.WhatIf;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Tenants probe each other through every public method of the engine, its operations and its audit facet that takes
 * an {@link Actor}, found by reflection so that a method added later is probed too. Customer ACME's handles (its
 * escalation and case ids, the id of its dead letter, its contacts as data subjects, the submission id its Incident
 * Manager used, and the cursors its contacts and the desk were given) are handed, one call at a time, to a contact of
 * GLOBEX and to staff without the role, and the same call is made with a handle that names nothing.
 *
 * <ul>
 *   <li>A contact of GLOBEX gets, for ACME's handle, exactly the answer of the missing one (the same value, or the same
 *       exception type, code, reason and message, English and German, once the handle it sent is blanked out), after
 *       the same calls of the store and of both directories (the same timing class), with the same log lines.
 *   <li>No refusal, answer or log line of any probe holds ACME's personal data (texts, names, addresses) or an id of
 *       ACME's the caller did not send; staff without the role get no more than their documented reach.
 *   <li>No probe changes anything the store or the portal inbox holds.
 * </ul>
 */
class TenantReflectionProbeTest {
    /** What ACME wrote; no probe may show it. */
    private static final String SECRET = "ACME-SECRET";

    private static final CustomerId ACME = CustomerId.of("acme");
    private static final CaseId G2 = CaseId.of("G-2");
    private static final CaseId C3 = CaseId.of("C-3");

    private final InMemoryPortalMessages portal = new InMemoryPortalMessages();
    private final AtomicReference<CustomerDirectory> customersTarget = new AtomicReference<>();
    private final AtomicReference<StaffDirectory> staffTarget = new AtomicReference<>();
    private final Map<String, AtomicInteger> directoryCalls = new ConcurrentHashMap<>();
    private final World w = new World(b -> b.slaPolicy(SlaFixtures.V1)
            .portalMessages(portal)
            .customers(counting(CustomerDirectory.class, customersTarget, "customers."))
            .staff(counting(StaffDirectory.class, staffTarget, "staff."))
            .auditTrail(new AuditSettings(new InMemorySubjectKeys(), new InMemoryAuditAnchors(), AuditTrailTest.KEYS)));

    /** ACME's handles and the handles of nobody that stand in for them, by kind. */
    private final Handles acme;

    private final Handles ghost;

    private final EscalationId globexOwn;

    TenantReflectionProbeTest() {
        customersTarget.set(GuardedDirectories.customers(w.customers));
        staffTarget.set(GuardedDirectories.staff(w.staff));
        prefer("ina", DeliveryChannel.PORTAL, DeliveryChannel.EMAIL);
        prefer("gil", DeliveryChannel.PORTAL, DeliveryChannel.EMAIL);
        prefer("tom", DeliveryChannel.SMS); // no SMS notifier: tom's notifications are dead letters
        w.customers.add(new SupportCase(G2, CustomerId.of("globex"), "Reports slow"));
        acme = world();
        w.clock.advance(Duration.ofMinutes(5)); // GLOBEX's rows come after ACME's in every list
        globexOwn = w.engine
                .escalate(GIL, new EscalateCase(World.G1, "globex down", Cause.COMPLAINT, Criticality.HIGH, "g-1"))
                .escalation();
        w.engine.deliverPending();
        ghost = new Handles(
                List.of(EscalationId.of("E-404"), EscalationId.of("E-405"), EscalationId.of("E-406")),
                List.of(CaseId.of("C-404"), CaseId.of("C-405"), CaseId.of("C-406")),
                MessageId.of("E-404/3/1"),
                List.of("nobody", "nemo", "nix"),
                "sub-nobody",
                shifted(acme.cursors(), acme, null),
                acme.feedCursor());
    }

    /**
     * ACME's escalations: E-1 active (manager eve; an internal note, a customer-visible update, tom added, whose
     * notification is a dead letter); E-2 in lessons learned (manager max; ina owns an improvement action).
     */
    private Handles world() {
        EscalationEngine e = w.engine;
        EscalationId e1 = e.escalate(
                        INA,
                        new EscalateCase(World.C1, SECRET + " one", Cause.SOFTWARE_ERROR, Criticality.HIGH, "sub-acme"))
                .escalation();
        e.acknowledge(SAM, new Acknowledge(e1, StaffId.of("eve"), SECRET + " ack"));
        e.agreePlan(
                EVE,
                new AgreePlan(
                        e1,
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        w.clock.instant().plus(Duration.ofHours(2))));
        e.logProgress(EVE, new LogProgress(e1, LogProgress.Kind.NOTE, SECRET + " internal", Visibility.INTERNAL));
        e.logProgress(
                EVE, new LogProgress(e1, LogProgress.Kind.STATUS_UPDATE, SECRET + " update", Visibility.CUSTOMER));
        e.addParticipant(EVE, AddParticipant.contact(e1, "tom"));
        w.clock.advance(Duration.ofMinutes(5));
        EscalationId e2 = e.escalate(
                        INA, new EscalateCase(World.C2, SECRET + " two", Cause.SOFTWARE_ERROR, Criticality.LOW, null))
                .escalation();
        Actor max = World.MAX;
        e.acknowledge(SAM, new Acknowledge(e2, StaffId.of("max"), "called"));
        e.agreePlan(
                max,
                new AgreePlan(
                        e2, Duration.ofDays(1), Channel.PHONE, w.clock.instant().plus(Duration.ofHours(2))));
        e.resolve(max, new Resolve(e2, SECRET + " resolved"));
        e.scheduleLessonsLearned(
                max, new ScheduleLessonsLearned(e2, w.clock.instant().plus(Duration.ofDays(1)), Duration.ofHours(1)));
        w.clock.advance(Duration.ofDays(1).plusHours(2));
        e.recordLessonsLearned(
                max,
                new RecordLessonsLearned(
                        e2,
                        SECRET + " findings",
                        List.of(
                                RecordLessonsLearned.Action.contact(
                                        SECRET + " runbook",
                                        "ina",
                                        w.clock.instant().plus(Duration.ofDays(3))),
                                // no kind: "gil" is no ACME contact and no staff member, so a plain name
                                new RecordLessonsLearned.Action(SECRET + " follow-up", "gil"))));
        w.clock.advance(Duration.ofMinutes(5));
        w.customers.add(new SupportCase(C3, ACME, "Exports fail"));
        EscalationId e3 = e.escalate(
                        World.IVY,
                        new EscalateCase(C3, SECRET + " three", Cause.COMPLAINT, Criticality.MEDIUM, "sub-acme-3"))
                .escalation();
        e.withdraw(World.IVY, new dev.escalation.command.Withdraw(e3, SECRET + " withdrawn"));
        e.deliverPending();

        MessageId dead = e.operations().deadLetters(SAM, PageRequest.first(50)).items().stream()
                .filter(d -> d.escalation().equals(e1))
                .findFirst()
                .orElseThrow()
                .id();
        Map<String, PageCursor> cursors = new LinkedHashMap<>();
        cursors.put("timeline", e.timeline(INA, e1, PageRequest.first(1)).next().orElseThrow());
        cursors.put(
                "messagesFor", e.messagesFor(INA, PageRequest.first(1)).next().orElseThrow());
        cursors.put(
                "escalationsOfCustomer",
                e.escalationsOfCustomer(INA, CustomerQuery.all(), PageRequest.first(1))
                        .next()
                        .orElseThrow());
        cursors.put(
                "inbox",
                e.operations()
                        .inbox(SAM, DeskQuery.all(), PageRequest.first(1))
                        .next()
                        .orElseThrow());
        cursors.put(
                "deadLetters",
                e.operations().deadLetters(SAM, PageRequest.first(1)).next().orElse(null));
        cursors.values().removeIf(java.util.Objects::isNull);
        String feed = e.operations().changesSince(SAM, ChangeFeed.START, 1).cursor();
        return new Handles(
                List.of(e1, e2, e3),
                List.of(World.C1, World.C2, C3),
                dead,
                List.of("ina", "tom", "ivy"),
                "sub-acme",
                cursors,
                feed);
    }

    /** The handles of one side: escalations, cases, a dead letter, contacts, a submission id, cursors by method. */
    record Handles(
            List<EscalationId> escalations,
            List<CaseId> cases,
            MessageId deadLetter,
            List<String> contacts,
            String submission,
            Map<String, PageCursor> cursors,
            String feedCursor) {

        /** Each handle's text, longest first (so that a message id is replaced before the escalation id in it). */
        Map<String, String> names() {
            Map<String, String> n = new TreeMap<>(
                    Comparator.comparing(String::length).reversed().thenComparing(Comparator.naturalOrder()));
            n.put(deadLetter.value(), "<message>");
            for (int i = 0; i < escalations.size(); i++) {
                n.put(escalations.get(i).value(), "<escalation" + i + ">");
                n.put(cases.get(i).value(), "<case" + i + ">");
                n.put(contacts.get(i), "<contact" + i + ">");
            }
            n.put(submission, "<submission>");
            return n;
        }

        String blank(String s) {
            String out = s;
            for (Map.Entry<String, String> e : names().entrySet()) {
                // whole ids only: the contact tom is not the "tom" of "customer"
                out = out.replaceAll(
                        "(?<![\\p{Alnum}])" + java.util.regex.Pattern.quote(e.getKey()) + "(?![\\p{Alnum}])",
                        java.util.regex.Matcher.quoteReplacement(e.getValue()));
            }
            return out;
        }
    }

    /** ACME's cursors with the handles of the other side in their keys (same instants, so the same positions). */
    private static Map<String, PageCursor> shifted(Map<String, PageCursor> cursors, Handles from, Handles unused) {
        Map<String, PageCursor> out = new LinkedHashMap<>();
        cursors.forEach((k, c) -> {
            String id = c.id().replace(from.deadLetter().value(), "E-404/3/1");
            for (int i = 0; i < from.escalations().size(); i++) {
                id = id.replace(from.escalations().get(i).value(), "E-40" + (4 + i));
            }
            out.put(k, new PageCursor(c.at(), id));
        });
        return out;
    }

    private void prefer(String contact, DeliveryChannel... channels) {
        Touchpoint t = w.customers.touchpoint(ContactId.of(contact)).orElseThrow();
        w.customers.add(new Touchpoint(
                t.id(),
                t.customer(),
                t.displayName(),
                t.email(),
                t.phone(),
                t.roles(),
                t.active(),
                new Preferences(Optional.empty(), Optional.empty(), List.of(channels))));
    }

    @SuppressWarnings("unchecked")
    private <T> T counting(Class<T> port, AtomicReference<T> target, String prefix) {
        InvocationHandler h = (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.invoke(target.get() == null ? this : target.get(), args);
            }
            directoryCalls
                    .computeIfAbsent(prefix + m.getName(), k -> new AtomicInteger())
                    .incrementAndGet();
            try {
                return m.invoke(target.get(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, h);
    }

    // ------------------------------------------------------------------ the probes

    /** The facets whose public methods take an actor. */
    private List<Object> facets() {
        return List.of(w.engine, w.engine.operations(), w.engine.operations().audit());
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

    /** What one call showed: the answer, the ports it called, what it logged. */
    record Seen(String answer, String calls, String log, List<String> said) {}

    @Test
    void aContactOfAnotherCustomerLearnsNothingFromAnyHandleOfAcme() {
        Map<String, Integer> answers =
                probeAll(List.of(GIL, Actor.contact("gus")), acme, ghost, (m, which) -> versions(m, which));
        assertThat(answers).as("the probes reached the escalation loads").containsKey("EscalationNotFoundException");
    }

    /**
     * gil names, on his own escalation and case, ACME's contacts (as participants, owners, the Incident Manager of a
     * hotline call, data subjects), the submission id ina used, ACME's dead letter and the cursors ACME was given, and
     * the same with handles of nobody: the same answers, port calls and log lines. Commands carry a stale expected
     * version, so that one that passes every check before the unit of work is refused there and nothing changes.
     */
    @Test
    void aContactsOwnEscalationNamingAcmesPeopleAndKeysTellsNothingOfThem() {
        int n = acme.escalations().size();
        Handles ownWithAcme = new Handles(
                java.util.Collections.nCopies(n, globexOwn),
                java.util.Collections.nCopies(n, World.G1),
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
                List.of(GIL),
                ownWithAcme,
                ownWithGhost,
                (m, which) ->
                        java.util.Collections.singletonList(versions(m, which).size() > 1 ? 99L : null));
        assertThat(answers).as("commands reached the unit of work").containsKey("EscalationConflictException");
    }

    /**
     * Calls every method that takes an actor as each of {@code actors}, with {@code a}'s handles and with {@code g}'s,
     * once per expected version {@code versions} gives, and asserts that both calls answer, call the ports and log
     * alike (but for the handles), that neither shows ACME's personal data and that nothing stored changes.
     *
     * @return how often each kind of answer came
     */
    private Map<String, Integer> probeAll(
            List<Actor> actors,
            Handles a,
            Handles g,
            java.util.function.BiFunction<Method, Integer, List<Long>> versions) {
        String untouched = fingerprint();
        List<String> wrong = new ArrayList<>();
        int probes = 0;
        Map<String, Integer> answers = new TreeMap<>();
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
                            answers.merge(onAcme.answer().replaceAll(" .*", ""), 1, Integer::sum);
                            if (!a.blank(onAcme.answer()).equals(g.blank(onGhost.answer()))) {
                                wrong.add(
                                        what + ": answer " + onAcme.answer() + " but for nobody's " + onGhost.answer());
                            }
                            if (!onAcme.calls().equals(onGhost.calls())) {
                                wrong.add(what + ": ports called " + onAcme.calls() + " but for nobody's "
                                        + onGhost.calls());
                            }
                            if (!a.blank(onAcme.log()).equals(g.blank(onGhost.log()))) {
                                wrong.add(what + ": logged\n" + onAcme.log() + "but for nobody's\n" + onGhost.log());
                            }
                            leaks(what, onAcme, wrong);
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

    @Test
    void staffWithoutTheRoleReachOnlyWhatTheirRoleAllows() {
        String untouched = fingerprint();
        List<String> wrong = new ArrayList<>();
        int refused = 0;
        // dan is a support engineer; eve an Escalation Manager, not E-2's manager, and not Support Management
        for (Actor staff : List.of(World.DAN, EVE)) {
            for (Object facet : facets()) {
                for (Method m : probed(facet)) {
                    for (int which = 0; which < acme.escalations().size(); which++) {
                        if (staff.equals(EVE) && which == 0) {
                            continue; // eve manages E-1
                        }
                        String what = staff + " " + m.getName() + List.of(m.getParameterTypes()) + " handle " + which;
                        Seen onAcme = call(facet, m, staff, acme, which, null);
                        boolean management = managementOnly(m);
                        if (management && !onAcme.answer().startsWith("NotAuthorizedException")) {
                            wrong.add(what + ": needs Support Management, answered " + onAcme.answer());
                        }
                        if (onAcme.answer().startsWith("NotAuthorizedException")) {
                            refused++;
                            leaks(what, onAcme, wrong);
                        } else if (!onAcme.answer().startsWith("value")
                                && !onAcme.answer().startsWith("Optional")) {
                            leaks(what, onAcme, wrong); // a refusal names no personal data
                        }
                        if (!fingerprint().equals(untouched)) {
                            wrong.add(what + ": changed what is stored: " + onAcme.answer());
                            untouched = fingerprint();
                        }
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(refused).isGreaterThan(40);
    }

    /**
     * The operations README reserves for Support Management or the Head of Support that load no escalation first (a
     * command on one checks its version and state before who, README "A command is checked against its row").
     */
    private static boolean managementOnly(Method m) {
        return Set.of(
                        "outboxCounts",
                        "deadLetters",
                        "replay",
                        "replayAll",
                        "recordCalendarChange",
                        "metrics",
                        "erasePerson",
                        "exportPerson",
                        "applyRetention",
                        "scheduleRetention",
                        "escalateOnBehalf")
                .contains(m.getName());
    }

    /** No refusal text or log line names ACME's personal data. */
    private void leaks(String what, Seen seen, List<String> wrong) {
        List<String> texts = new ArrayList<>(seen.said());
        texts.add(seen.log());
        for (String t : texts) {
            for (String secret : List.of(SECRET, "Contact ina", "ina@customer.example", "tom@customer.example")) {
                if (t.contains(secret)) {
                    wrong.add(what + ": shows " + secret + " in " + t);
                }
            }
        }
    }

    /**
     * The expected versions a call is probed with: none, and ACME's escalation's current one (which the caller could
     * only know if it saw the escalation), where the method or its command takes one.
     */
    private List<Long> versions(Method m, int which) {
        boolean takes = List.of(m.getParameterTypes()).contains(long.class)
                        && m.getName().equals("migratePolicy")
                || List.of(m.getParameterTypes()).stream()
                        .anyMatch(dev.escalation.command.ExpectsVersion.class::isAssignableFrom);
        List<Long> versions = new ArrayList<>();
        versions.add(null);
        if (takes) {
            versions.add(w.stored(acme.escalations().get(which)).version());
        }
        return versions;
    }

    private Seen call(Object facet, Method m, Actor actor, Handles h, int which, Long version) {
        Object[] args = new Object[m.getParameterCount()];
        Type[] types = m.getGenericParameterTypes();
        for (int i = 0; i < args.length; i++) {
            args[i] = argument(m, m.getParameterTypes()[i], types[i], actor, h, which, version);
        }
        return call(facet, m, args);
    }

    private Seen call(Object facet, Method m, Object[] args) {
        w.recording.reset();
        directoryCalls.clear();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String answer;
        List<String> said = new ArrayList<>();
        try {
            Object value = m.invoke(facet, args);
            answer = value instanceof Optional<?> o
                    ? "Optional " + o.map(PersonalDataTest::strings).orElse(List.of())
                    : "value " + (value == null ? "none" : PersonalDataTest.strings(value));
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof EscalationException x) {
                said.add(x.getMessage());
                said.add(x.localizedMessage(Locale.ENGLISH));
                said.add(x.localizedMessage(Locale.GERMAN));
                answer = x.getClass().getSimpleName() + " " + x.code() + "/" + x.reason() + " " + said;
            } else {
                answer = "unexpected " + t;
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } finally {
            System.setErr(original);
        }
        Map<String, Integer> calls = new TreeMap<>(w.recording.callCounts());
        directoryCalls.forEach((k, v) -> calls.put(k, v.get()));
        return new Seen(answer, calls.toString(), captured.toString(StandardCharsets.UTF_8), said);
    }

    /** The argument of one parameter: the side's handle where the type names one, a usable value otherwise. */
    private Object argument(Method m, Class<?> type, Type generic, Actor actor, Handles h, int which, Long version) {
        Instant now = w.clock.instant();
        EscalationId id = h.escalations().get(which);
        if (type == Actor.class) {
            return actor;
        }
        if (type == EscalationId.class) {
            return id;
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
            Type arg = ((ParameterizedType) generic).getActualTypeArguments()[0];
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
        if (type == PolicyRef.class) {
            return SlaFixtures.V1.ref();
        }
        if (type.isRecord() && type.getPackageName().equals("dev.escalation.command")) {
            return command(type, h, which, now, version);
        }
        throw new AssertionError("no argument for " + type + " of " + m);
    }

    /** A command of the record type naming the side's escalation (or case, contact, submission id), else valid. */
    private static Object command(Class<?> type, Handles h, int which, Instant now, Long version) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            String name = components[i].getName();
            types[i] = t;
            values[i] = component(t, name, h, which, now, version);
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
            return StaffId.of("max");
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
        return t.isEnum() ? constant(t) : null;
    }

    private static Object constant(Class<?> t) {
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
        return t.getEnumConstants()[0];
    }

    /**
     * What a probe could change: every escalation record and log, the outbox (pending messages, dead letters and their
     * content), due work, the change feed, the metric rows and the portal inbox. (Not the store's caches: a repeated
     * "Escalate Case" on an open case leaves a value in one and changes nothing stored.)
     */
    private String fingerprint() {
        StringBuilder s = new StringBuilder();
        for (dev.escalation.model.EscalationSummary e : w.memoryStore
                .listForVendor(EnumSet.allOf(dev.escalation.model.EscalationState.class), PageRequest.first(100))
                .items()) {
            s.append(w.stored(e.id())).append(w.log(e.id())).append('\n');
        }
        s.append(w.memoryStore.outbox().counts())
                .append(w.memoryStore
                        .outbox()
                        .deadLetters(PageRequest.first(100))
                        .items())
                .append(w.memoryStore.dueWork().due(Instant.parse("2100-01-01T00:00:00Z"), 500))
                .append(w.memoryStore
                        .changesSince(ChangeFeed.START, 500)
                        .changes()
                        .size())
                .append(PersonalDataTest.strings(portal));
        return s.toString();
    }

    /**
     * An improvement action of ACME's whose owner is the plain name "gil" (recorded without a kind; no ACME contact
     * has that id) is not GLOBEX's contact gil's: his update is refused as for a missing escalation, nothing changes.
     */
    @Test
    void aPlainNameOwnerOfAnotherCustomersActionIsNotThatCustomersContact() {
        EscalationId e2 = acme.escalations().get(1);
        assertThat(w.stored(e2).lessonsLearned().orElseThrow().actions())
                .extracting(ImprovementAction::owner)
                .containsExactly("ina", "gil");
        String untouched = fingerprint();
        for (int index : new int[] {0, 1}) {
            Seen onAcme = call(GIL, e2, index);
            Seen onGhost = call(GIL, ghost.escalations().get(1), index);
            assertThat(onAcme.answer()).startsWith("EscalationNotFoundException NOT_FOUND");
            assertThat(acme.blank(onAcme.answer())).isEqualTo(ghost.blank(onGhost.answer()));
            assertThat(onAcme.calls()).isEqualTo(onGhost.calls());
        }
        assertThat(fingerprint()).isEqualTo(untouched);
    }

    private Seen call(Actor actor, EscalationId id, int index) {
        try {
            Method m = EscalationOperations.class.getMethod(
                    "updateImprovementAction", Actor.class, dev.escalation.command.UpdateImprovementAction.class);
            return call(w.engine.operations(), m, new Object[] {
                actor,
                new dev.escalation.command.UpdateImprovementAction(
                        id, index, ImprovementAction.Status.DONE, "done by gil")
            });
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /** The probes reach every method that takes an actor, those of the README's examples among them. */
    @Test
    void theProbesCoverEveryMethodThatTakesAnActor() {
        List<String> names = new ArrayList<>();
        facets().forEach(f -> probed(f).forEach(m -> names.add(m.getName())));
        assertThat(names)
                .contains(
                        "escalate",
                        "escalateOnBehalf",
                        "find",
                        "timeline",
                        "deadlines",
                        "messagesFor",
                        "inbox",
                        "changesSince",
                        "exportPerson",
                        "erasePerson",
                        "replay",
                        "trail",
                        "verify",
                        "anchorChanges",
                        "updateImprovementAction")
                .hasSizeGreaterThan(45);
    }
}
