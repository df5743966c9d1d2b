package dev.escalation.test.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.AuditOperations;
import dev.escalation.AuditSettings;
import dev.escalation.CustomerQuery;
import dev.escalation.DeskQuery;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationException;
import dev.escalation.EscalationOperations;
import dev.escalation.InvalidCommandException;
import dev.escalation.MetricsQuery;
import dev.escalation.calendar.Interval;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.AmendPlan;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.Close;
import dev.escalation.command.ConfirmPlan;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.EscalateOnBehalf;
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
import dev.escalation.command.Withdraw;
import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.Intake;
import dev.escalation.model.MessageId;
import dev.escalation.model.OpeningHours;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.sla.WhatIf;
import dev.escalation.spi.Anchor;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.test.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Every public method of {@link EscalationEngine}, {@link EscalationOperations} and {@link AuditOperations} (the
 * engine's {@code texts()}: {@link EngineTextsHostileProperties}), called with arbitrary strings, nulls, numbers and
 * actors however built: only {@link EscalationException}s escape, never {@code UNAVAILABLE} (every port is healthy);
 * a refused call changes nothing stored (escalations, logs, outbox, due work, change feed, anchors); no generated free
 * text appears in any log line, and no generated id that fails the id rules does.
 * {@link #everyPublicEngineMethodHasAHostileInputProperty()} keeps new methods from slipping through.
 *
 * <p>Property methods are named after the engine method they call.
 */
class HostileInputProperties {
    private static final int TRIES = 200;
    /** The public types whose methods hosts call with their input: each public method needs a property here. */
    private static final List<Class<?>> ENTRY_POINTS =
            List.of(EscalationEngine.class, EscalationOperations.class, AuditOperations.class);
    /** One signing key for every try: generating one per world would dominate the run. */
    private static final KeyPair SIGNING = signingKey();
    /** Public engine methods that take no caller input at all. */
    private static final Set<String> WITHOUT_INPUT =
            Set.of("builder", "operations", "texts", "audit", "deliverPending", "processDueWork", "close");

    private final InMemoryAuditAnchors anchors = new InMemoryAuditAnchors();
    private final Scenario w = Cast.world(b -> b.slaPolicy(SlaFixtures.V1)
            .slaPolicies(SlaFixtures.V2)
            .portalMessages(new dev.escalation.inmemory.InMemoryPortalMessages())
            .auditTrail(new AuditSettings(new InMemorySubjectKeys(), anchors, SIGNING)));
    private final EscalationId open = Cast.active(w);

    // ------------------------------------------------------------------ the coverage check

    @net.jqwik.api.Example
    void everyPublicEngineMethodHasAHostileInputProperty() {
        Map<String, Integer> properties = new LinkedHashMap<>();
        for (java.lang.reflect.Method m : HostileInputProperties.class.getDeclaredMethods()) {
            Property p = m.getAnnotation(Property.class);
            if (p != null) {
                properties.put(m.getName(), p.tries());
            }
        }
        List<String> missing = new ArrayList<>();
        Set<String> withoutInput = new HashSet<>();
        for (java.lang.reflect.Method m : ENTRY_POINTS.stream()
                .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .toList()) {
            if (!java.lang.reflect.Modifier.isPublic(m.getModifiers()) || m.isSynthetic()) {
                continue;
            }
            if (m.getParameterCount() == 0) {
                withoutInput.add(m.getName());
            } else if (!properties.containsKey(m.getName())) {
                missing.add(m.getName());
            } else {
                assertThat(properties.get(m.getName())).as(m.getName()).isGreaterThanOrEqualTo(TRIES);
            }
        }
        assertThat(missing)
                .as("public engine methods without a hostile-input property")
                .isEmpty();
        assertThat(WITHOUT_INPUT).as("the methods said to take no input").containsAll(withoutInput);
    }

    // ------------------------------------------------------------------ commands

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void escalate(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("caseIds") CaseId caseId,
            @ForAll("texts") String message,
            @ForAll("causes") Cause cause,
            @ForAll("criticalities") Criticality criticality,
            @ForAll("texts") String submissionId) {
        hostile(
                () -> w.engine()
                        .escalate(
                                actor,
                                nullCommand
                                        ? null
                                        : new EscalateCase(caseId, message, cause, criticality, submissionId)),
                texts(message),
                ids(actor, caseId, submissionId));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void escalateOnBehalf(
            @ForAll("staffMostly") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("caseIds") CaseId caseId,
            @ForAll("contactIds") ContactId incidentManager,
            @ForAll("intakeChannels") Intake.Channel channel,
            @ForAll("texts") String message,
            @ForAll("causes") Cause cause,
            @ForAll("criticalities") Criticality criticality,
            @ForAll("texts") String submissionId) {
        hostile(
                () -> w.engine()
                        .escalateOnBehalf(
                                actor,
                                nullCommand
                                        ? null
                                        : new EscalateOnBehalf(
                                                caseId,
                                                incidentManager,
                                                channel,
                                                message,
                                                cause,
                                                criticality,
                                                submissionId)),
                texts(message),
                ids(actor, caseId, incidentManager, submissionId));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void proposePlan(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("durations") Duration frequency,
            @ForAll("channels") Channel channel,
            @ForAll("instants") Instant first,
            @ForAll("texts") String note) {
        hostile(
                () -> w.engine()
                        .proposePlan(actor, nullCommand ? null : new ProposePlan(id, frequency, channel, first, note)),
                texts(note),
                ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void confirmPlan(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id) {
        hostile(() -> w.engine().confirmPlan(actor, nullCommand ? null : new ConfirmPlan(id)), texts(), ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void recordPlanAlone(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id) {
        hostile(
                () -> w.engine().recordPlanAlone(actor, nullCommand ? null : new RecordPlanAlone(id)),
                texts(),
                ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void acknowledge(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("staffIds") StaffId manager,
            @ForAll("texts") String note) {
        hostile(
                () -> w.engine().acknowledge(actor, nullCommand ? null : new Acknowledge(id, manager, note)),
                texts(note),
                ids(actor, id, manager));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void reassignManager(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("staffIds") StaffId manager,
            @ForAll("texts") String reason) {
        hostile(
                () -> w.engine().reassignManager(actor, nullCommand ? null : new ReassignManager(id, manager, reason)),
                texts(reason),
                ids(actor, id, manager));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void agreePlan(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("durations") Duration frequency,
            @ForAll("channels") Channel channel,
            @ForAll("instants") Instant first) {
        hostile(
                () -> w.engine().agreePlan(actor, nullCommand ? null : new AgreePlan(id, frequency, channel, first)),
                texts(),
                ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void amendPlan(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("durations") Duration frequency,
            @ForAll("channels") Channel channel,
            @ForAll("instants") Instant next,
            @ForAll("texts") String reason) {
        hostile(
                () -> w.engine()
                        .amendPlan(actor, nullCommand ? null : new AmendPlan(id, frequency, channel, next, reason)),
                texts(reason),
                ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void logProgress(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("progressKinds") LogProgress.Kind kind,
            @ForAll("texts") String text,
            @ForAll("visibilities") Visibility visibility) {
        hostile(
                () -> w.engine().logProgress(actor, nullCommand ? null : new LogProgress(id, kind, text, visibility)),
                texts(text),
                ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void addParticipant(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("partyKinds") Party.Kind kind,
            @ForAll("idStrings") String participantId,
            @ForAll("texts") String name,
            @ForAll("texts") String email) {
        hostile(
                () -> w.engine()
                        .addParticipant(
                                actor, nullCommand ? null : new AddParticipant(id, kind, participantId, name, email)),
                texts(name, email),
                ids(actor, id, participantId));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void removeParticipant(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("idStrings") String participantId,
            @ForAll("texts") String reason) {
        hostile(
                () -> w.engine()
                        .removeParticipant(
                                actor, nullCommand ? null : new RemoveParticipant(id, participantId, reason)),
                texts(reason),
                ids(actor, id, longerId(participantId, 254))); // an external stakeholder's e-mail address
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void changeCriticality(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("criticalities") Criticality criticality,
            @ForAll("texts") String justification) {
        hostile(
                () -> w.engine()
                        .changeCriticality(
                                actor, nullCommand ? null : new ChangeCriticality(id, criticality, justification)),
                texts(justification),
                ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void pauseClock(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("texts") String reason) {
        hostile(
                () -> w.engine().pauseClock(actor, nullCommand ? null : new PauseClock(id, reason)),
                texts(reason),
                ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void resumeClock(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("texts") String note,
            @ForAll boolean pausedFirst) {
        if (pausedFirst && Cast.stored(w, open).facts().pausedSince().isEmpty()) {
            w.engine().pauseClock(Cast.EVE, new PauseClock(open, "waiting for the customer"));
        }
        hostile(
                () -> w.engine().resumeClock(actor, nullCommand ? null : new ResumeClock(id, note)),
                texts(note),
                ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void resolve(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("texts") String summary) {
        hostile(
                () -> w.engine().resolve(actor, nullCommand ? null : new Resolve(id, summary)),
                texts(summary),
                ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void reopen(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("texts") String reason) {
        hostile(
                () -> w.engine().reopen(actor, nullCommand ? null : new Reopen(id, reason)),
                texts(reason),
                ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void scheduleLessonsLearned(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("instants") Instant at,
            @ForAll("durations") Duration duration) {
        hostile(
                () -> w.engine()
                        .scheduleLessonsLearned(
                                actor, nullCommand ? null : new ScheduleLessonsLearned(id, at, duration)),
                texts(),
                ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void recordLessonsLearned(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("texts") String findings,
            @ForAll("texts") String description,
            @ForAll("texts") String owner,
            @ForAll("actionCounts") int actions) {
        List<RecordLessonsLearned.Action> list = actions < 0
                ? null
                : new ArrayList<>(
                        java.util.Collections.nCopies(actions, new RecordLessonsLearned.Action(description, owner)));
        if (list != null && actions == 2) {
            list.set(1, null);
        }
        hostile(
                () -> w.engine()
                        .recordLessonsLearned(actor, nullCommand ? null : new RecordLessonsLearned(id, findings, list)),
                texts(findings, description, owner),
                ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void declineLessonsLearned(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("texts") String reason) {
        hostile(
                () -> w.engine()
                        .declineLessonsLearned(actor, nullCommand ? null : new DeclineLessonsLearned(id, reason)),
                texts(reason),
                ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void close(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("texts") String note) {
        hostile(() -> w.engine().close(actor, nullCommand ? null : new Close(id, note)), texts(note), ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void withdraw(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("texts") String reason) {
        hostile(
                () -> w.engine().withdraw(actor, nullCommand ? null : new Withdraw(id, reason)),
                texts(reason),
                ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void auditTrail(@ForAll("actors") Actor actor, @ForAll("escalationIds") EscalationId id) {
        hostile(() -> w.engine().auditTrail(actor, id), texts(), ids(actor, id));
    }

    // ------------------------------------------------------------------ audit operations

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void trail(@ForAll("staffMostly") Actor actor, @ForAll("escalationIds") EscalationId id) {
        hostile(() -> w.engine().operations().audit().trail(actor, id), texts(), ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void verify(@ForAll("staffMostly") Actor actor, @ForAll("escalationIds") EscalationId id) {
        hostile(() -> w.engine().operations().audit().verify(actor, id), texts(), ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void anchor(@ForAll("staffMostly") Actor actor, @ForAll("escalationIds") EscalationId id) {
        hostile(() -> w.engine().operations().audit().anchor(actor, id), texts(), ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void anchorChanges(
            @ForAll("staffMostly") Actor actor,
            @ForAll("texts") String text,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 3) int issued,
            @ForAll("limits") int limit) {
        // issued > 0: a cursor the feed gave after that many changes; 0: any text at all
        String cursor = issued == 0
                ? text
                : w.store().changesSince(ChangeBatch.START, issued).cursor();
        String id = issued > 0 || dev.escalation.ChangeFeed.START.equals(cursor) ? null : cursor;
        hostile(() -> w.engine().operations().audit().anchorChanges(actor, cursor, limit), texts(), ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void scheduleAnchoring(@ForAll("staffMostly") Actor actor, @ForAll("durations") Duration interval) {
        hostile(
                () -> {
                    w.engine().operations().audit().scheduleAnchoring(actor, interval);
                    return null;
                },
                texts(),
                ids(actor));
    }

    // ------------------------------------------------------------------ SLA

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void deadlines(@ForAll("actors") Actor actor, @ForAll("escalationIds") EscalationId id) {
        hostile(() -> w.engine().deadlines(actor, id), texts(), ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void whatIf(
            @ForAll("staffMostly") Actor actor,
            @ForAll("whatIfs") WhatIf whatIf,
            @ForAll("nullCommand") boolean nullWhatIf) {
        List<String> reasons = whatIf == null
                ? List.of()
                : whatIf.pauses().stream().map(Interval::reason).toList();
        hostile(() -> w.engine().operations().whatIf(actor, nullWhatIf ? null : whatIf), reasons, ids(actor));
    }

    @Provide
    Arbitrary<Actor> staffMostly() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(Cast.SAM, Cast.EVE)), Tuple.of(1, actors()));
    }

    /** Hypotheses with any instants, pauses with hostile reasons, any policy and calendars with any zone or region. */
    @Provide
    Arbitrary<WhatIf> whatIfs() {
        Arbitrary<Instant> at = instants().filter(Objects::nonNull);
        Instant now = w.clock().instant();
        Arbitrary<Instant> raised = Arbitraries.frequencyOf(
                Tuple.of(1, at),
                Tuple.of(2, Arbitraries.longs().between(-86_400L * 30, 86_400L).map(now::plusSeconds)));
        Arbitrary<Interval> pause = Combinators.combine(
                        raised,
                        Arbitraries.longs().between(0, 86_400L * 3000),
                        hostileTexts().filter(Objects::nonNull))
                .as((from, seconds, reason) -> Interval.of(
                        from,
                        from.getEpochSecond() > Instant.MAX.getEpochSecond() - seconds
                                ? from
                                : from.plusSeconds(seconds),
                        reason));
        Arbitrary<CalendarSpec> spec = Combinators.combine(
                        Arbitraries.frequencyOf(
                                Tuple.of(2, Arbitraries.of("Europe/Berlin", "UTC", "+14:00")),
                                Tuple.of(1, hostileTexts().filter(Objects::nonNull))),
                        Arbitraries.frequencyOf(
                                Tuple.of(2, Arbitraries.just(Optional.<String>empty())),
                                Tuple.of(
                                        1,
                                        hostileTexts().filter(Objects::nonNull).map(Optional::of))),
                        Arbitraries.of(
                                List.<OpeningHours>of(),
                                List.of(new OpeningHours(
                                        java.time.DayOfWeek.MONDAY,
                                        java.time.LocalTime.of(9, 0),
                                        java.time.LocalTime.of(17, 0)))))
                .as(CalendarSpec::new);
        return Combinators.combine(
                        raised,
                        Arbitraries.of(Criticality.class),
                        pause.list().ofMaxSize(3),
                        spec.optional(0.5),
                        policies().optional(0.5))
                .as((r, c, pauses, calendar, policy) -> {
                    WhatIf x = WhatIf.at(r, c);
                    for (Interval p : pauses) {
                        x = x.withPause(p);
                    }
                    if (calendar.isPresent()) {
                        x = x.withCustomerCalendar(calendar.get());
                    }
                    return policy.isPresent() && policy.get() != null ? x.withPolicy(policy.get()) : x;
                });
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void migratePolicy(
            @ForAll("actors") Actor actor,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("policies") PolicyRef to,
            @ForAll("expectedVersions") Long expected) {
        hostile(
                () -> expected == null
                        ? w.engine().operations().migratePolicy(actor, id, to)
                        : w.engine().operations().migratePolicy(actor, id, to, expected),
                texts(),
                ids(actor, id));
    }

    /** No precondition, the open escalation's version or a neighbour, or any long (0, negatives, the extremes). */
    @Provide
    Arbitrary<Long> expectedVersions() {
        long current = Cast.stored(w, open).version();
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((Long) null)),
                Tuple.of(2, Arbitraries.longs().between(current - 1, current + 1)),
                Tuple.of(2, Arbitraries.longs()));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void updateImprovementAction(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("actionIndexes") int index,
            @ForAll("actionStatuses") dev.escalation.model.ImprovementAction.Status status,
            @ForAll("texts") String note) {
        hostile(
                () -> w.engine()
                        .operations()
                        .updateImprovementAction(
                                actor,
                                nullCommand
                                        ? null
                                        : new dev.escalation.command.UpdateImprovementAction(id, index, status, note)),
                texts(note),
                ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void cancelLessonsLearned(
            @ForAll("actors") Actor actor,
            @ForAll("nullCommand") boolean nullCommand,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("texts") String reason) {
        hostile(
                () -> w.engine()
                        .operations()
                        .cancelLessonsLearned(
                                actor,
                                nullCommand ? null : new dev.escalation.command.CancelLessonsLearned(id, reason)),
                texts(reason),
                ids(actor, id));
    }

    @Provide
    Arbitrary<Integer> actionIndexes() {
        return Arbitraries.of(Integer.MIN_VALUE, -1, 0, 1, 49, 50, Integer.MAX_VALUE);
    }

    @Provide
    Arbitrary<dev.escalation.model.ImprovementAction.Status> actionStatuses() {
        return Arbitraries.of(dev.escalation.model.ImprovementAction.Status.class)
                .injectNull(0.2);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void recordCalendarChange(@ForAll("actors") Actor actor, @ForAll("texts") String reason) {
        hostile(() -> w.engine().operations().recordCalendarChange(actor, reason), texts(reason), ids(actor));
    }

    // ------------------------------------------------------------------ reads

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void find(@ForAll("actors") Actor actor, @ForAll("escalationIds") EscalationId id) {
        hostile(() -> w.engine().find(actor, id), texts(), ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void timeline(
            @ForAll("actors") Actor actor,
            @ForAll("escalationIds") EscalationId id,
            @ForAll("pages") PageRequest page) {
        hostile(() -> w.engine().timeline(actor, id, page), texts(), ids(actor, id, cursorId(page)));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void escalationsOfCustomer(
            @ForAll("actors") Actor actor,
            @ForAll("customerQueries") CustomerQuery query,
            @ForAll("pages") PageRequest page) {
        hostile(
                () -> w.engine().escalationsOfCustomer(actor, query, page),
                texts(),
                ids(actor, cursorId(page), query == null ? null : query.caseId().orElse(null)));
    }

    /** The inbox's cursors name portal messages, whose ids (notification keys) may be longer than an id. */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void messagesFor(@ForAll("actors") Actor actor, @ForAll("pages") PageRequest page) {
        hostile(
                () -> w.engine().messagesFor(actor, page),
                texts(),
                ids(actor, longerId(cursorId(page), dev.escalation.spi.PortalMessage.MAX_ID_LENGTH)));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void openEscalationOfCase(@ForAll("actors") Actor actor, @ForAll("caseIds") CaseId caseId) {
        hostile(() -> w.engine().openEscalationOfCase(actor, caseId), texts(), ids(actor, caseId));
    }

    /** Both overloads: the plain list by states and the desk query. */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void inbox(
            @ForAll("actors") Actor actor,
            @ForAll("stateSets") Set<EscalationState> states,
            @ForAll("deskQueries") DeskQuery query,
            @ForAll("pages") PageRequest page) {
        hostile(() -> w.engine().operations().inbox(actor, states, page), texts(), ids(actor, cursorId(page)));
        hostile(
                () -> w.engine().operations().inbox(actor, query, page),
                texts(),
                deskIds(query, actor, cursorId(page)));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void inboxCounts(
            @ForAll("actors") Actor actor,
            @ForAll("deskQueries") DeskQuery query,
            @ForAll("facetSets") Set<DeskQuery.Facet> facets) {
        hostile(() -> w.engine().operations().inboxCounts(actor, query, facets), texts(), deskIds(query, actor));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void metrics(@ForAll("actors") Actor actor, @ForAll("metricsQueries") MetricsQuery query) {
        List<Object> all = new ArrayList<>();
        all.add(actor);
        if (query != null && query.customers() != null) {
            all.addAll(query.customers());
        }
        hostile(() -> w.engine().operations().metrics(actor, query), texts(), ids(all.toArray()));
    }

    @Provide
    Arbitrary<MetricsQuery> metricsQueries() {
        Arbitrary<Set<CustomerId>> customers = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((Set<CustomerId>) null)),
                Tuple.of(
                        4,
                        Arbitraries.of(CustomerId.of("acme"), CustomerId.of("globex"))
                                .set()
                                .ofMaxSize(2)),
                Tuple.of(
                        2,
                        typed(CustomerId::of)
                                .filter(java.util.Objects::nonNull)
                                .set()
                                .ofMaxSize(3)),
                Tuple.of(1, Arbitraries.integers().between(100, 102).map(n -> Set.of(manyCustomers(n)))),
                Tuple.of(
                        1,
                        Arbitraries.of(CustomerId.of("acme")).set().ofMaxSize(1).map(c -> withNull(c))));
        Arbitrary<Set<Criticality>> criticalities = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((Set<Criticality>) null)),
                Tuple.of(6, Arbitraries.of(Criticality.class).set().ofMaxSize(2)),
                Tuple.of(1, Arbitraries.of(Criticality.class).set().ofMaxSize(1).map(c -> withNull(c))));
        Arbitrary<Optional<Duration>> periods = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((Optional<Duration>) null)),
                Tuple.of(2, Arbitraries.just(Optional.<Duration>empty())),
                Tuple.of(5, durations().filter(java.util.Objects::nonNull).map(Optional::of)));
        Arbitrary<MetricsQuery> built = Combinators.combine(
                        instants(),
                        instants(),
                        periods,
                        customers,
                        criticalities,
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .as(MetricsQuery::new);
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just((MetricsQuery) null)), Tuple.of(8, built));
    }

    /** The elements and a null, in a set that allows it (as a host's own set may). */
    private static <T> Set<T> withNull(Set<T> elements) {
        Set<T> set = new HashSet<>(elements);
        set.add(null);
        return set;
    }

    /** The ids of a desk query plus the others given. */
    private static List<String> deskIds(DeskQuery query, Object... others) {
        List<Object> all = new ArrayList<>(Arrays.asList(others));
        if (query != null) {
            all.addAll(query.customers());
            query.manager().ifPresent(all::add);
            query.caseId().ifPresent(all::add);
        }
        return ids(all.toArray());
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void dueWorkBacklog(@ForAll("actors") Actor actor, @ForAll("limits") int limit) {
        hostile(() -> w.engine().operations().dueWorkBacklog(actor, limit), texts(), ids(actor));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void overdue(@ForAll("actors") Actor actor, @ForAll("pages") PageRequest page) {
        hostile(() -> w.engine().operations().overdue(actor, page), texts(), ids(actor, cursorId(page)));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void outboxCounts(@ForAll("actors") Actor actor) {
        hostile(() -> w.engine().operations().outboxCounts(actor), texts(), ids(actor));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void deadLetters(@ForAll("actors") Actor actor, @ForAll("pages") PageRequest page) {
        hostile(() -> w.engine().operations().deadLetters(actor, page), texts(), ids(actor, cursorId(page)));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void replay(@ForAll("actors") Actor actor, @ForAll("messageIds") MessageId id) {
        hostile(() -> w.engine().operations().replay(actor, id), texts(), ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void replayAll(@ForAll("actors") Actor actor, @ForAll("escalationIds") EscalationId id) {
        hostile(() -> w.engine().operations().replayAll(actor, id), texts(), ids(actor, id));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void changesSince(@ForAll("actors") Actor actor, @ForAll("texts") String cursor, @ForAll("limits") int limit) {
        // the empty cursor is the feed's start (ChangeFeed.START), not a blank id
        String id = dev.escalation.ChangeFeed.START.equals(cursor) ? null : cursor;
        hostile(() -> w.engine().operations().changesSince(actor, cursor, limit), texts(), ids(actor, id));
    }

    // ------------------------------------------------------------------ personal data

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void erasePerson(@ForAll("staffMostly") Actor actor, @ForAll("subjects") dev.escalation.DataSubject person) {
        hostile(() -> w.engine().operations().erasePerson(actor, person), texts(), subjectIds(actor, person));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void exportPerson(@ForAll("staffMostly") Actor actor, @ForAll("subjects") dev.escalation.DataSubject person) {
        hostile(() -> w.engine().operations().exportPerson(actor, person), texts(), subjectIds(actor, person));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void applyRetention(
            @ForAll("staffMostly") Actor actor, @ForAll("retentionPolicies") dev.escalation.RetentionPolicy policy) {
        hostile(() -> w.engine().operations().applyRetention(actor, policy), texts(), ids(actor));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void scheduleRetention(
            @ForAll("staffMostly") Actor actor,
            @ForAll("retentionPolicies") dev.escalation.RetentionPolicy policy,
            @ForAll("durations") Duration interval) {
        hostile(
                () -> {
                    w.engine().operations().scheduleRetention(actor, policy, interval);
                    return null;
                },
                texts(),
                ids(actor));
    }

    /**
     * The ids a call about {@code person} must refuse if invalid: an external stakeholder's id is their e-mail address,
     * up to 254 characters (the most {@code AddParticipant.email} takes), a contact's or staff member's an id.
     */
    private static List<String> subjectIds(Actor actor, dev.escalation.DataSubject person) {
        if (person == null) {
            return ids(actor);
        }
        if (person.kind() == dev.escalation.model.Party.Kind.EXTERNAL) {
            return person.id() != null && invalidId(person.id(), 254) ? ids(actor, person.id()) : ids(actor);
        }
        return ids(actor, person.id());
    }

    @Provide
    Arbitrary<dev.escalation.DataSubject> subjects() {
        Arbitrary<dev.escalation.DataSubject> some = Combinators.combine(
                        Arbitraries.of(dev.escalation.model.Party.Kind.class).injectNull(0.1), idStrings())
                .as(dev.escalation.DataSubject::new);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((dev.escalation.DataSubject) null)), Tuple.of(6, some));
    }

    @Provide
    Arbitrary<dev.escalation.RetentionPolicy> retentionPolicies() {
        Arbitrary<Optional<Duration>> kept = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(Optional.<Duration>empty())),
                Tuple.of(
                        3,
                        Arbitraries.of(
                                        Duration.ZERO,
                                        Duration.ofDays(-1),
                                        Duration.ofDays(1),
                                        Duration.ofDays(7),
                                        Duration.ofDays(400),
                                        Duration.ofSeconds(Long.MAX_VALUE),
                                        Duration.ofSeconds(Long.MIN_VALUE))
                                .map(Optional::of)));
        Arbitrary<dev.escalation.RetentionPolicy> some =
                Combinators.combine(limits(), kept, limits()).as(dev.escalation.RetentionPolicy::new);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((dev.escalation.RetentionPolicy) null)), Tuple.of(6, some));
    }

    // ------------------------------------------------------------------ static and lifecycle methods

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void renderHotline(
            @ForAll("nullCommand") boolean sample,
            @ForAll("advice") HotlineAdvice advice,
            @ForAll("zones") ZoneId zone) {
        HotlineAdvice given = sample && advice != null ? sampleAdvice() : advice;
        hostile(() -> w.engine().texts().hotline(given, Locale.GERMAN, zone), texts(), ids());
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED)
    void start(@ForAll("durations") Duration interval) {
        try {
            hostile(
                    () -> {
                        w.engine().start(interval);
                        w.engine().close(); // the worker must not run while the store is compared
                        return null;
                    },
                    texts(),
                    ids());
        } finally {
            w.engine().close();
        }
    }

    private HotlineAdvice sampleAdvice() {
        Scenario weekend = Cast.world();
        weekend.clock().set(Instant.parse("2027-01-16T10:00:00Z"));
        return weekend.engine()
                .escalate(Cast.INA, new EscalateCase(Cast.C1, "Down", Cause.SOFTWARE_ERROR, Criticality.CRITICAL, null))
                .hotline()
                .orElseThrow();
    }

    // ------------------------------------------------------------------ the check

    /**
     * Calls the engine: it may succeed, or fail with an {@link EscalationException} that changed nothing stored; no
     * other exception escapes, and the log holds none of the texts and none of the invalid ids.
     */
    private void hostile(Supplier<?> call, List<String> texts, List<String> ids) {
        Snapshot before = snapshot();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Throwable thrown = null;
        try {
            call.get();
        } catch (Throwable t) {
            thrown = t;
        } finally {
            System.setErr(original);
        }
        Statistics.collect(
                thrown == null
                        ? "accepted"
                        : thrown instanceof InvalidCommandException e
                                ? e.code() + " " + e.violations().get(0).field() + " "
                                        + e.violations().get(0).rule()
                                : thrown instanceof EscalationException e
                                        ? e.code()
                                        : thrown.getClass().getName());
        List<String> invalid =
                ids.stream().filter(id -> id != null && invalidId(id)).toList();
        if (!invalid.isEmpty()) { // vendor-scoped operations refuse a caller without the role before reading input
            assertThat(thrown)
                    .as("a call with an invalid id %s is refused as invalid (or its caller as not authorised)", invalid)
                    .isInstanceOfAny(InvalidCommandException.class, dev.escalation.NotAuthorizedException.class);
        }
        if (thrown != null) {
            assertThat(thrown).as("only EscalationExceptions escape").isInstanceOf(EscalationException.class);
            assertThat(thrown) // every port of this world is healthy: input the engine let through broke a port
                    .as("input reported as a backend's failure")
                    .isNotInstanceOf(dev.escalation.EscalationUnavailableException.class);
            assertThat(snapshot()).as("a refused call changes nothing stored").isEqualTo(before);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        for (String text : texts) {
            if (distinctive(text)) {
                assertThat(log).as("a free text in a log line").doesNotContain(text);
            }
        }
        for (String id : ids) {
            if (distinctive(id) && invalidId(id)) {
                assertThat(log).as("an id that failed validation in a log line").doesNotContain(id);
            }
        }
    }

    /** Long enough and unusual enough that a log line cannot contain it by chance. */
    private static boolean distinctive(String s) {
        return s != null && s.length() >= 4 && s.chars().anyMatch(c -> !Character.isLetterOrDigit(c) && c != ' ')
                || s != null && s.contains("SECRET");
    }

    /**
     * An id a command allows up to {@code max} characters, to be checked by {@link #invalidId}: itself if it breaks
     * that rule or is no longer than the usual 128 characters; {@code null} (nothing to check) if it is valid only
     * because the command allows more.
     */
    private static String longerId(String id, int max) {
        return id == null || id.length() <= 128 || invalidId(id, max) ? id : null;
    }

    /** The id rules, written independently of the engine's: blank, too long, control characters, lone surrogates. */
    private static boolean invalidId(String s) {
        return invalidId(s, 128);
    }

    private static boolean invalidId(String s, int max) {
        if (s.length() > max || s.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                return true;
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
                if (!paired) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> texts(String... texts) {
        return Arrays.stream(texts).filter(Objects::nonNull).toList();
    }

    private static List<String> ids(Object... ids) {
        List<String> result = new ArrayList<>();
        for (Object o : ids) {
            if (o instanceof Actor a) {
                if (a.id() != null) {
                    result.add(a.id());
                }
            } else if (o != null) {
                result.add(o instanceof String s ? s : String.valueOf(o));
            }
        }
        return result;
    }

    private static String cursorId(PageRequest page) {
        return page == null ? null : page.after().map(PageCursor::id).orElse(null);
    }

    /** What the store holds, read through the SPI. */
    record Snapshot(
            List<StoredEscalation> escalations,
            Map<EscalationId, List<StoredEntry>> logs,
            OutboxCounts outbox,
            List<OutboxMessage> deadLetters,
            List<DueItem> due,
            ChangeBatch feed,
            Map<String, Integer> ticketCalls,
            Map<EscalationId, Optional<Anchor>> anchors) {}

    private Snapshot snapshot() {
        List<StoredEscalation> escalations = new ArrayList<>();
        Map<EscalationId, List<StoredEntry>> logs = new LinkedHashMap<>();
        Map<EscalationId, Optional<Anchor>> latest = new LinkedHashMap<>();
        for (EscalationSummary s : w.store()
                .listForVendor(EnumSet.allOf(EscalationState.class), PageRequest.first(500))
                .items()) {
            escalations.add(Cast.stored(w, s.id()));
            logs.put(s.id(), Cast.log(w, s.id()));
            latest.put(s.id(), anchors.latest(s.id()));
        }
        return new Snapshot(
                escalations,
                logs,
                w.store().outbox().counts(),
                w.store().outbox().deadLetters(PageRequest.first(500)).items(),
                w.store().dueWork().due(Instant.parse("2999-01-01T00:00:00Z"), 500),
                w.store().changesSince(ChangeBatch.START, 500),
                w.ticketing().callsPerKey(),
                latest);
    }

    private static KeyPair signingKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError("Ed25519 is part of every JDK 17", e);
        }
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Boolean> nullCommand() {
        return Arbitraries.frequency(Tuple.of(1, true), Tuple.of(9, false));
    }

    /** Free texts: nulls, Unicode blanks, control characters, lone surrogates, sizes at the limits, anything. */
    @Provide("texts")
    Arbitrary<String> hostileTexts() {
        Arbitrary<String> word = Arbitraries.strings().alpha().numeric().ofMaxLength(12);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((String) null)),
                Tuple.of(
                        2,
                        Arbitraries.strings()
                                .withChars(" \t\n\r\u00a0\u2003\u3000\u200b\u2007\u202f\ufeff\u0085")
                                .ofMaxLength(12)),
                Tuple.of(
                        3,
                        Combinators.combine(word, Arbitraries.of(CONTROLS), word)
                                .as((a, c, b) -> "SECRET-" + a + c + b)),
                Tuple.of(
                        2,
                        Combinators.combine(word, Arbitraries.of('\ud800', '\udbff', '\udc00', '\udfff'), word)
                                .as((a, c, b) -> "SECRET-" + a + c + b)),
                Tuple.of(
                        2,
                        Arbitraries.of(128, 129, 200, 201, 254, 255, 512, 513, 2000, 2001, 4000, 4001, 8000, 8001)
                                .map(n -> "SECRET-" + "x".repeat(n - 7))),
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(3, word.map(x -> "SECRET-" + x)));
    }

    private static final Character[] CONTROLS = {
        '\u0000', '\u0001', '\u0007', '\b', '\u000b', '\f', '\u001b', '\u007f', '\u0085', '\u009b'
    };

    /** String ids: the world's people, unknown ones and every kind of bad id. */
    @Provide
    Arbitrary<String> idStrings() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("ina", "tom", "gil", "eve", "max", "dan", "sam", "nobody")),
                Tuple.of(4, hostileTexts()));
    }

    @Provide
    Arbitrary<Actor> actors() {
        Arbitrary<Actor.Kind> kinds = Arbitraries.of(Actor.Kind.class);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((Actor) null)),
                Tuple.of(1, idStrings().map(id -> new Actor(null, id))),
                Tuple.of(1, kinds.map(k -> new Actor(k, null))),
                Tuple.of(
                        4,
                        Arbitraries.of(
                                Cast.INA, Cast.IVY, Cast.TOM, Cast.OLD, Cast.GIL, Cast.SAM, Cast.EVE, Cast.MAX,
                                Cast.DAN, Cast.HAL)),
                Tuple.of(4, Combinators.combine(kinds, idStrings()).as(Actor::new)));
    }

    @Provide
    Arbitrary<EscalationId> escalationIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((EscalationId) null)),
                Tuple.of(5, Arbitraries.just(open)),
                Tuple.of(1, Arbitraries.just(EscalationId.of("E-404"))),
                Tuple.of(2, typed(EscalationId::of)));
    }

    @Provide
    Arbitrary<CaseId> caseIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((CaseId) null)),
                Tuple.of(4, Arbitraries.of(Cast.C1, Cast.C2, Cast.G1)),
                Tuple.of(2, typed(CaseId::of)));
    }

    @Provide
    Arbitrary<ContactId> contactIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((ContactId) null)),
                Tuple.of(4, Arbitraries.of("ina", "ivy", "tom", "old", "gil").map(ContactId::of)),
                Tuple.of(2, typed(ContactId::of)));
    }

    @Provide
    Arbitrary<Intake.Channel> intakeChannels() {
        return Arbitraries.of(Intake.Channel.class).injectNull(0.1);
    }

    @Provide
    Arbitrary<StaffId> staffIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((StaffId) null)),
                Tuple.of(4, Arbitraries.of("eve", "max", "dan", "sam").map(StaffId::of)),
                Tuple.of(2, typed(StaffId::of)));
    }

    @Provide
    Arbitrary<MessageId> messageIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((MessageId) null)), Tuple.of(4, typed(MessageId::of)));
    }

    /** Typed ids the model accepts, many of them still bad for the engine (Unicode blanks, lone surrogates). */
    private <T> Arbitrary<T> typed(Function<String, T> of) {
        return Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.of("\u00a0", "\u3000\u200b", "\ud800", "x\udc00y", "SECRET-\u2003")),
                        Tuple.of(2, hostileTexts()))
                .map(s -> {
                    try {
                        return of.apply(s);
                    } catch (RuntimeException e) {
                        return null;
                    }
                })
                .filter(Objects::nonNull);
    }

    @Provide
    Arbitrary<PolicyRef> policies() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((PolicyRef) null)),
                Tuple.of(
                        3,
                        Combinators.combine(
                                        Arbitraries.frequencyOf(
                                                Tuple.of(2, Arbitraries.just("standard")),
                                                Tuple.of(1, hostileTexts().filter(Objects::nonNull))),
                                        Arbitraries.integers().between(1, 3))
                                .as(PolicyRef::new)));
    }

    @Provide
    Arbitrary<Cause> causes() {
        return Arbitraries.of(Cause.class).injectNull(0.1);
    }

    @Provide
    Arbitrary<Criticality> criticalities() {
        return Arbitraries.of(Criticality.class).injectNull(0.1);
    }

    @Provide
    Arbitrary<Channel> channels() {
        return Arbitraries.of(Channel.class).injectNull(0.1);
    }

    @Provide
    Arbitrary<LogProgress.Kind> progressKinds() {
        return Arbitraries.of(LogProgress.Kind.class).injectNull(0.1);
    }

    @Provide
    Arbitrary<Visibility> visibilities() {
        return Arbitraries.of(Visibility.class).injectNull(0.1);
    }

    @Provide
    Arbitrary<Party.Kind> partyKinds() {
        return Arbitraries.of(Party.Kind.class).injectNull(0.1);
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((Duration) null)),
                Tuple.of(
                        3,
                        Arbitraries.of(
                                Duration.ZERO,
                                Duration.ofMillis(-1),
                                Duration.ofMillis(9),
                                Duration.ofMillis(10),
                                Duration.ofMinutes(15),
                                Duration.ofHours(1),
                                Duration.ofHours(8),
                                Duration.ofDays(1),
                                Duration.ofDays(14),
                                Duration.ofDays(15),
                                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
                                Duration.ofSeconds(Long.MIN_VALUE))),
                Tuple.of(2, Arbitraries.longs().map(Duration::ofSeconds)));
    }

    @Provide
    Arbitrary<Instant> instants() {
        Instant now = w.clock().instant();
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((Instant) null)),
                Tuple.of(
                        3,
                        Arbitraries.of(
                                Instant.MIN,
                                Instant.MAX,
                                Instant.EPOCH,
                                now,
                                now.plusSeconds(1),
                                now.plusSeconds(3600),
                                now.plus(Duration.ofDays(1)),
                                now.plus(Duration.ofDays(800)),
                                now.minusSeconds(1))),
                Tuple.of(
                        2,
                        Arbitraries.longs()
                                .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                                .map(Instant::ofEpochSecond)),
                Tuple.of(
                        2,
                        Arbitraries.longs().between(-86_400L * 30, 86_400L * 30).map(now::plusSeconds)));
    }

    @Provide
    Arbitrary<PageRequest> pages() {
        Arbitrary<Integer> sizes = Arbitraries.integers().between(1, PageRequest.MAX_SIZE);
        Arbitrary<Instant> at = instants().filter(Objects::nonNull);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((PageRequest) null)),
                Tuple.of(2, sizes.map(PageRequest::first)),
                Tuple.of(
                        3,
                        Combinators.combine(at, idStrings().filter(Objects::nonNull), sizes)
                                .as((a, id, n) -> PageRequest.after(new PageCursor(a, id), n))));
    }

    @Provide
    Arbitrary<Set<EscalationState>> stateSets() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((Set<EscalationState>) null)),
                Tuple.of(1, Arbitraries.just(withNull())),
                Tuple.of(4, Arbitraries.of(EscalationState.class).set()));
    }

    @Provide
    Arbitrary<CustomerQuery> customerQueries() {
        Arbitrary<CustomerQuery> base = Arbitraries.of(CustomerQuery.all(), CustomerQuery.open());
        Arbitrary<CustomerQuery> filtered = Combinators.combine(
                        base,
                        Arbitraries.of(EscalationState.class)
                                .array(EscalationState[].class)
                                .ofMaxSize(3),
                        caseIds())
                .as((q, states, c) -> {
                    CustomerQuery r = q.states(states);
                    return c == null ? r : r.caseId(c);
                });
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((CustomerQuery) null)), Tuple.of(1, base), Tuple.of(4, filtered));
    }

    @Provide
    Arbitrary<DeskQuery> deskQueries() {
        Arbitrary<CustomerId[]> customers = Arbitraries.frequencyOf(
                Tuple.of(
                        4,
                        Arbitraries.of(CustomerId.of("acme"), CustomerId.of("globex"))
                                .array(CustomerId[].class)
                                .ofMaxSize(2)),
                Tuple.of(2, typed(CustomerId::of).array(CustomerId[].class).ofMaxSize(3)),
                Tuple.of(1, Arbitraries.integers().between(100, 102).map(n -> manyCustomers(n))));
        Arbitrary<DeskQuery> built = Combinators.combine(
                        Arbitraries.of(DeskQuery.all(), DeskQuery.open()),
                        Arbitraries.of(Criticality.class)
                                .array(Criticality[].class)
                                .ofMaxSize(2),
                        customers,
                        staffIds(),
                        caseIds(),
                        Arbitraries.of(0, 1, 2, 3),
                        Arbitraries.of(DeskQuery.Sort.class))
                .as((q, crit, cust, manager, c, flags, sort) -> {
                    DeskQuery r = q.criticality(crit).customers(cust).sortBy(sort);
                    r = manager == null ? r.mine() : r.manager(manager);
                    r = c == null ? r : r.caseId(c);
                    r = (flags & 1) == 0 ? r : r.breached(flags == 1);
                    return (flags & 2) == 0 ? r : r.paused(flags == 2);
                });
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just((DeskQuery) null)), Tuple.of(6, built));
    }

    private static CustomerId[] manyCustomers(int n) {
        CustomerId[] ids = new CustomerId[n];
        for (int i = 0; i < n; i++) {
            ids[i] = CustomerId.of("customer-" + i);
        }
        return ids;
    }

    @Provide
    Arbitrary<Set<DeskQuery.Facet>> facetSets() {
        Set<DeskQuery.Facet> withNull = new HashSet<>();
        withNull.add(DeskQuery.Facet.STATE);
        withNull.add(null);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((Set<DeskQuery.Facet>) null)),
                Tuple.of(1, Arbitraries.just(withNull)),
                Tuple.of(4, Arbitraries.of(DeskQuery.Facet.class).set()));
    }

    private static Set<EscalationState> withNull() {
        Set<EscalationState> s = new HashSet<>();
        s.add(EscalationState.ACTIVE);
        s.add(null);
        return s;
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.oneOf(
                Arbitraries.of(Integer.MIN_VALUE, -1, 0, 1, 500, 501, Integer.MAX_VALUE), Arbitraries.integers());
    }

    @Provide
    Arbitrary<Integer> actionCounts() {
        return Arbitraries.of(-1, 0, 1, 2, 3, 51);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(
                        ZoneId.of("UTC"),
                        ZoneId.of("Europe/Berlin"),
                        ZoneId.of("Pacific/Kiritimati"),
                        java.time.ZoneOffset.MAX,
                        java.time.ZoneOffset.MIN)
                .injectNull(0.2);
    }

    /** Hotline advice as a hostile host might build it: any instants, names and numbers. */
    @Provide
    Arbitrary<HotlineAdvice> advice() {
        Arbitrary<Instant> at = instants().filter(Objects::nonNull);
        Arbitrary<HotlineNumber> number = Combinators.combine(
                        hostileTexts().filter(Objects::nonNull), hostileTexts().filter(Objects::nonNull))
                .as((label, digits) -> {
                    try {
                        return new HotlineNumber(label, digits);
                    } catch (RuntimeException e) {
                        return new HotlineNumber("Germany", "+49 911 2399 110");
                    }
                });
        Arbitrary<HotlineAdvice> built = Combinators.combine(
                        Arbitraries.of(HotlineAdvice.Reason.class),
                        at,
                        at,
                        hostileTexts().filter(Objects::nonNull),
                        number.list().ofMinSize(1).ofMaxSize(3))
                .as((reason, resumesAt, raisedAt, holiday, numbers) -> new HotlineAdvice(
                        reason,
                        Map.of("raisedAt", new EntryParam.At(raisedAt), "holidayName", new EntryParam.Text(holiday)),
                        resumesAt,
                        numbers));
        return built.injectNull(0.1);
    }
}
