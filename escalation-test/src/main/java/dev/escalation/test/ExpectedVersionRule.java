package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.AuditVerification;
import dev.escalation.EscalationConflictException;
import dev.escalation.EscalationEngine;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.AmendPlan;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.StoredEscalation;
import java.time.Duration;
import java.time.Instant;

/**
 * Rule S20 of {@link EscalationStoreContract}: the engine, run on the store under test with the audit trail on, checks
 * a command's expected version on the row the unit of work gets, so a command sent twice with the version it was
 * made for applies once, a stale command of a second user is refused, and a refused command leaves the escalation,
 * its log (and with it the audit chain) and its outbox as they were.
 */
final class ExpectedVersionRule {
    private static final String CHECK = "that the unit of work is given the escalation as stored now (not a copy read "
            + "earlier or cached), that nothing is written when it throws (S3), and that a write follows that version";

    private final EscalationStore store;
    private final String run;
    private final MutableClock clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z"));
    private final EscalationEngine engine;
    private final Actor ina;
    private final Actor sam;
    private final Actor eve;

    ExpectedVersionRule(EscalationStore store, String run) {
        this.store = store;
        this.run = run;
        this.ina = Actor.contact(run + "-ina");
        this.sam = Actor.staff(run + "-sam");
        this.eve = Actor.staff(run + "-eve");
        this.engine = engine();
    }

    /** Runs the rule's steps; fails with a message naming S20. */
    void check() {
        EscalationId id = active();
        // a form sent twice: applies once
        long version = engine.find(ina, id).orElseThrow().version();
        long entries = entries(id);
        long applied =
                engine.logProgress(ina, progress(id).expectingVersion(version)).version();
        assertThat(applied)
                .as(broken(
                        "S20",
                        "a progress entry with the current version " + version + " gave version " + applied,
                        CHECK))
                .isEqualTo(version + 1);
        assertThat(entries(id))
                .as(broken("S20", "the log after one applied progress entry", CHECK))
                .isEqualTo(entries + 1);
        refusedChangesNothing(id, () -> engine.logProgress(ina, progress(id).expectingVersion(version)), "again");

        // two users on the same view: the second one's amendment is stale
        long seenByEve = engine.find(eve, id).orElseThrow().version();
        engine.logProgress(ina, progress(id).expectingVersion(seenByEve));
        AmendPlan amend = new AmendPlan(
                id, Duration.ofHours(4), Channel.PHONE, clock.instant().plus(Duration.ofHours(3)), "Shorter cadence");
        refusedChangesNothing(id, () -> engine.amendPlan(eve, amend.expectingVersion(seenByEve)), "a stale AmendPlan");

        // without an expected version: as before, every call applies
        long before = entries(id);
        engine.logProgress(ina, progress(id));
        engine.logProgress(ina, progress(id));
        assertThat(entries(id))
                .as(broken("S20", "two progress entries without an expected version", CHECK))
                .isEqualTo(before + 2);
        AuditVerification v = engine.operations().audit().verify(sam, id);
        assertThat(v.problem())
                .as(broken("S20", "the audit chain after refused commands: " + v.problem(), CHECK))
                .isEmpty();
    }

    private void refusedChangesNothing(EscalationId id, Runnable command, String what) {
        StoredEscalation before = store.findForVendor(id).orElseThrow();
        long entries = entries(id);
        OutboxCounts outbox = store.outbox().countsOf(id);
        Throwable thrown = Rules.thrown(() -> {
            command.run();
            return null;
        });
        assertThat(thrown)
                .as(broken(
                        "S20",
                        what + " expecting a version other than the stored " + before.version()
                                + " was not refused as a stale CONFLICT but " + (thrown == null ? "applied" : thrown),
                        CHECK))
                .isInstanceOf(EscalationConflictException.class);
        assertThat(((EscalationConflictException) thrown).subReason())
                .as(broken("S20", "the refusal's reason", CHECK))
                .isEqualTo(EscalationConflictException.Reason.STALE_VERSION);
        assertThat(store.findForVendor(id).orElseThrow())
                .as(broken("S20", "the escalation after " + what + " was refused", CHECK))
                .isEqualTo(before);
        assertThat(entries(id))
                .as(broken("S20", "the log (and audit chain) after " + what + " was refused", CHECK))
                .isEqualTo(entries);
        assertThat(store.outbox().countsOf(id))
                .as(broken("S20", "the outbox after " + what + " was refused", CHECK))
                .isEqualTo(outbox);
    }

    private LogProgress progress(EscalationId id) {
        return new LogProgress(id, LogProgress.Kind.COMMUNICATION, "We restarted the load", Visibility.CUSTOMER);
    }

    private long entries(EscalationId id) {
        return store.findForVendor(id).orElseThrow().facts().entryCount();
    }

    private EscalationId active() {
        EscalationId id = engine.escalate(
                        ina,
                        new EscalateCase(
                                CaseId.of(run + "-C"), "The load fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        engine.acknowledge(sam, new Acknowledge(id, StaffId.of(run + "-eve"), "Called Ina"));
        engine.agreePlan(
                eve,
                new AgreePlan(
                        id,
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        clock.instant().plusSeconds(3600)));
        return id;
    }

    private EscalationEngine engine() {
        return AuditTrailContract.auditedEngine(run, store, clock, new InMemorySubjectKeys());
    }
}
