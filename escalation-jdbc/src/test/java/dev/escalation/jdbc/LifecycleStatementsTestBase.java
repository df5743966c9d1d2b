package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.AuditSettings;
import dev.escalation.DeliveryReport;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationView;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.Close;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.Resolve;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.Capability;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the JDBC store sends to the database for the 14-command lifecycle of the benchmarks (escalate, acknowledge,
 * agree the plan, 2 participants, 5 progress entries, resolve, schedule and record lessons learned, close) with
 * validation, authorisation, the audit chain, the outbox, SLA planning and rendering on, followed by one
 * {@code deliverPending()}: counted at the pool ({@link StatementCountingDataSource}), never timed. Asserts at most
 * {@value #MAX_STATEMENTS} statements per lifecycle (the store's and the audit ports', commands and drain), exactly one
 * transaction per command counting every connection the command takes (the store's and the audit ports': the store
 * keeps the subject keys, SPI v2, so the audit keys of the author and of a participant being added are read and
 * created inside the command's transaction; no rollback, no retry) and at most {@value #MAX_DISPATCHER_TRANSACTIONS}
 * dispatcher transactions per lifecycle, again counting every connection; prints the statements per command and per
 * delivered message.
 */
abstract class LifecycleStatementsTestBase extends StoreTestSupport {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleStatementsTestBase.class);
    static final int MAX_STATEMENTS = 170;
    static final int MAX_DISPATCHER_TRANSACTIONS = 4;
    static final int LIFECYCLES = 3;

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Actor INA = Actor.contact("ina");
    private static final Actor SAM = Actor.staff("sam");
    private static final Actor EVE = Actor.staff("eve");
    private static final String PROGRESS = "Heap dump analysed: the loader keeps every row of the nightly batch in "
            + "memory; a patch that streams rows is being built.";

    /** Counts calls per channel kind; renders through the engine (the notification carries subject and body). */
    static final class CountingNotifier implements Notifier {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger rendered = new AtomicInteger();

        @Override
        public void send(Notification notification) {
            sent.incrementAndGet();
            if (!notification.subject().isBlank() && !notification.body().isBlank()) {
                rendered.incrementAndGet();
            }
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }
    }

    private record Step(String name, Supplier<Object> run) {}

    /**
     * One phase's counts: the store's pool (also the subject keys' when {@link JdbcSubjectKeys} is called outside a
     * transaction of the store) and the audit anchors' pool.
     */
    private record Cost(StatementCountingDataSource.Counts store, StatementCountingDataSource.Counts audit) {
        long statements() {
            return store.statements() + audit.statements();
        }

        /** Every connection checkout in which a statement ran, on either pool. */
        long transactions() {
            return store.transactions() + audit.transactions();
        }
    }

    private StatementCountingDataSource storeCounting;
    /** The audit anchors' pool (no anchor is recorded by a command: anchoring is explicit or scheduled). */
    private StatementCountingDataSource auditCounting;

    private EscalationEngine engine(MutableClock clock, CountingNotifier notifier) {
        storeCounting = new StatementCountingDataSource(pool);
        auditCounting = new StatementCountingDataSource(pool);
        CustomerId acme = CustomerId.of("acme");
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
        customers
                .add(new CustomerAccount(acme, "ACME Corp", Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("ina"),
                        acme,
                        "Ina Incident",
                        "ina@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new Touchpoint(
                        ContactId.of("tom"),
                        acme,
                        "Tom Technical",
                        "tom@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.TECHNICAL_CONTACT),
                        true));
        for (int i = 0; i < LIFECYCLES; i++) {
            customers.add(new SupportCase(CaseId.of("C-" + i), acme, "Nightly load fails"));
        }
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        staff.add(member("sam", "Sam Support", StaffRole.SUPPORT_MANAGEMENT))
                .add(member("eve", "Eve Escalation", StaffRole.ESCALATION_MANAGER))
                .add(member("max", "Max Manager", StaffRole.ESCALATION_MANAGER))
                .add(member("hal", "Hal Head", StaffRole.HEAD_OF_SUPPORT))
                .add(member("dan", "Dan Developer", StaffRole.SUPPORT_ENGINEER));
        SlaPolicy policy = SlaPolicy.builder("standard", 1)
                .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
                .resolution(Criticality.CRITICAL, Duration.ofHours(16))
                .warnAt(75)
                .repeatAfterBreach(Duration.ofHours(4), 3)
                .build();
        return EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(notifier)
                .ticketing(new InMemoryTicketing())
                .store(JdbcEscalationStore.builder(storeCounting).build())
                .coverage(BusinessCalendar.builder(BERLIN)
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"), new HotlineNumber("USA", "+1 415-363-5510"))
                .slaPolicy(policy)
                .auditTrail(new AuditSettings(
                        // on the store's data source: the store keeps the keys, read inside each command's transaction
                        new JdbcSubjectKeys(storeCounting),
                        new JdbcAuditAnchors(auditCounting),
                        AuditTamperTestBase.ed25519()))
                .instanceName("counted")
                .build();
    }

    private static StaffMember member(String id, String name, StaffRole role) {
        return new StaffMember(StaffId.of(id), name, id + "@vendor.example", Optional.empty(), Set.of(role), true);
    }

    private List<Step> lifecycle(EscalationEngine engine, MutableClock clock, String caseId) {
        EscalationId[] id = new EscalationId[1];
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(
                "escalate",
                () -> id[0] = engine.escalate(
                                INA,
                                new EscalateCase(
                                        CaseId.of(caseId),
                                        "The nightly load fails with an out-of-memory error since the upgrade to 7.1; "
                                                + "the morning reports are missing.",
                                        Cause.SOFTWARE_ERROR,
                                        Criticality.CRITICAL,
                                        "submission-" + caseId))
                        .escalation()));
        steps.add(new Step(
                "acknowledge",
                () -> engine.acknowledge(
                        SAM, new Acknowledge(id[0], StaffId.of("eve"), "Called Ina; Eve owns the escalation."))));
        steps.add(new Step(
                "agreePlan",
                () -> engine.agreePlan(
                        EVE,
                        new AgreePlan(
                                id[0],
                                Duration.ofDays(1),
                                Channel.VIDEO_CALL,
                                clock.instant().plus(Duration.ofDays(7))))));
        steps.add(new Step(
                "addParticipant staff", () -> engine.addParticipant(EVE, AddParticipant.staff(id[0], "dan"))));
        steps.add(new Step(
                "addParticipant contact", () -> engine.addParticipant(EVE, AddParticipant.contact(id[0], "tom"))));
        steps.add(progress(engine, id, LogProgress.Kind.STATUS_UPDATE, Visibility.CUSTOMER));
        steps.add(progress(engine, id, LogProgress.Kind.NOTE, Visibility.INTERNAL));
        steps.add(progress(engine, id, LogProgress.Kind.MEETING_HELD, Visibility.CUSTOMER));
        steps.add(progress(engine, id, LogProgress.Kind.DECISION, Visibility.CUSTOMER));
        steps.add(progress(engine, id, LogProgress.Kind.STATUS_UPDATE, Visibility.CUSTOMER));
        steps.add(new Step(
                "resolve",
                () -> engine.resolve(
                        EVE, new Resolve(id[0], "Patch 7.1.3 streams rows; the nightly load ran in 42 minutes."))));
        steps.add(new Step(
                "scheduleLessonsLearned",
                () -> engine.scheduleLessonsLearned(
                        EVE,
                        new ScheduleLessonsLearned(
                                id[0], clock.instant().plus(Duration.ofDays(7)), Duration.ofHours(1)))));
        steps.add(new Step(
                "recordLessonsLearned",
                () -> engine.recordLessonsLearned(
                        EVE,
                        new RecordLessonsLearned(
                                id[0],
                                "Memory limits of the loader were not tested with production volumes.",
                                List.of(
                                        new RecordLessonsLearned.Action(
                                                "Add a production-size load test", "Dan Developer"),
                                        new RecordLessonsLearned.Action(
                                                "Alert on loader heap above 80 %", "Tom Technical"))))));
        steps.add(new Step("close", () -> {
            EscalationView closed = engine.close(EVE, new Close(id[0], "Thank you, ACME."));
            assertThat(closed.state()).isEqualTo(EscalationState.CLOSED);
            return closed;
        }));
        return steps;
    }

    private static Step progress(
            EscalationEngine engine, EscalationId[] id, LogProgress.Kind kind, Visibility visibility) {
        return new Step(
                "logProgress " + kind,
                () -> engine.logProgress(EVE, new LogProgress(id[0], kind, PROGRESS, visibility)));
    }

    private Cost snapshot() {
        return new Cost(storeCounting.counts(), auditCounting.counts());
    }

    private static Cost minus(Cost after, Cost before) {
        return new Cost(after.store().minus(before.store()), after.audit().minus(before.audit()));
    }

    @Test
    void aLifecycleWithTheOutboxDrainedStaysWithinTheStatementBudget() {
        MutableClock clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z")); // a Tuesday, 10:00 in Berlin
        CountingNotifier notifier = new CountingNotifier();
        EscalationEngine engine = engine(clock, notifier);
        try {
            for (int n = 0; n < LIFECYCLES; n++) {
                runOne(engine, clock, notifier, n);
            }
        } finally {
            engine.close();
        }
    }

    private void runOne(EscalationEngine engine, MutableClock clock, CountingNotifier notifier, int n) {
        String label = "[" + databaseName() + "] lifecycle " + (n + 1);
        Map<String, Cost> perCommand = new LinkedHashMap<>();
        storeCounting.drainHistogram();
        auditCounting.drainHistogram();
        Cost start = snapshot();
        List<Step> steps = lifecycle(engine, clock, "C-" + n);
        for (Step step : steps) {
            clock.advance(Duration.ofMinutes(1));
            Cost before = snapshot();
            step.run().get();
            perCommand.put(step.name(), minus(snapshot(), before));
        }
        Map<String, Long> commandStatements = storeCounting.drainHistogram();
        Map<String, Long> auditStatements = auditCounting.drainHistogram();
        Cost commands = minus(snapshot(), start);

        int sentBefore = notifier.sent.get();
        Cost beforeDrain = snapshot();
        DeliveryReport report = engine.deliverPending();
        Cost drain = minus(snapshot(), beforeDrain);
        Map<String, Long> drainStatements = storeCounting.drainHistogram();
        int notified = notifier.sent.get() - sentBefore;

        StringBuilder text = new StringBuilder(label).append(": statements per command (store + audit ports)\n");
        perCommand.forEach((name, cost) -> text.append(String.format(
                Locale.ROOT,
                "  %-32s %3d = %3d store (keys included) + %2d anchors; store: %s%n",
                name,
                cost.statements(),
                cost.store().statements(),
                cost.audit().statements(),
                cost.store())));
        text.append(String.format(
                Locale.ROOT,
                "  %-32s %3d = %3d store + %2d audit%n",
                "14 commands",
                commands.statements(),
                commands.store().statements(),
                commands.audit().statements()));
        text.append(String.format(
                Locale.ROOT,
                "  %-32s %3d; %s; %d delivered (%d notifications), %.2f statements per delivered message%n",
                "deliverPending",
                drain.statements(),
                drain.store(),
                report.delivered(),
                notified,
                drain.statements() / (double) Math.max(1, report.delivered())));
        text.append(String.format(
                Locale.ROOT,
                "  %-32s %3d (budget %d)%n",
                "lifecycle",
                commands.statements() + drain.statements(),
                MAX_STATEMENTS));
        text.append("  statements of the commands:\n");
        commandStatements.forEach((sql, count) -> text.append(String.format(Locale.ROOT, "    %4d  %s%n", count, sql)));
        text.append("  statements of the audit ports:\n");
        auditStatements.forEach((sql, count) -> text.append(String.format(Locale.ROOT, "    %4d  %s%n", count, sql)));
        text.append("  statements of the drain:\n");
        drainStatements.forEach((sql, count) -> text.append(String.format(Locale.ROOT, "    %4d  %s%n", count, sql)));
        LOG.info("{}", text);
        System.out.println(text);

        assertThat(report.delivered()).as("messages delivered").isPositive();
        assertThat(report.pending()).as("messages left pending").isZero();
        assertThat(report.deadLettered()).as("dead letters").isZero();
        assertThat(notifier.rendered.get()).as("rendered notifications").isPositive();
        perCommand.forEach((name, cost) -> {
            assertThat(cost.store().writeTransactions())
                    .as(label + ": writing store transactions of " + name)
                    .isEqualTo(1);
            assertThat(cost.store().commits())
                    .as(label + ": commits of " + name)
                    .isEqualTo(1);
            assertThat(cost.store().rollbacks())
                    .as(label + ": rolled-back store transactions of " + name)
                    .isZero();
            assertThat(cost.store().transactions())
                    .as(label + ": store transactions of " + name)
                    .isEqualTo(1);
            assertThat(cost.transactions())
                    .as(label + ": transactions of " + name + ", audit keys and anchors included")
                    .isEqualTo(1);
        });
        assertThat(commands.transactions())
                .as(label + ": transactions of the 14 commands, audit keys and anchors included")
                .isEqualTo(steps.size());
        assertThat(drain.transactions())
                .as(label + ": dispatcher transactions, audit ports included")
                .isLessThanOrEqualTo(MAX_DISPATCHER_TRANSACTIONS);
        assertThat(commands.statements() + drain.statements())
                .as(label + ": statements per lifecycle (commands and drain, store and audit ports)")
                .isLessThanOrEqualTo(MAX_STATEMENTS);
    }
}
