package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.GIL;
import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.escalation.command.AmendPlan;
import dev.escalation.command.LogProgress;
import dev.escalation.command.Resolve;
import dev.escalation.model.Channel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import java.time.Duration;
import java.util.Locale;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * A command's expected version ({@code expectingVersion}): checked on the loaded row inside the unit of work, a
 * mismatch refused as a non-retryable {@code CONFLICT}/{@code STALE_VERSION} that writes nothing; without one a
 * command behaves as before.
 */
class ExpectedVersionTest {
    private final World w = new World();

    private LogProgress progress(EscalationId id) {
        return new LogProgress(id, LogProgress.Kind.COMMUNICATION, "Restarted the load", Visibility.CUSTOMER);
    }

    @Test
    void aFormSentTwiceAppliesOnce() {
        EscalationId id = w.active();
        long version = w.engine.find(INA, id).orElseThrow().version();
        int entries = w.log(id).size();
        long pending = w.pending();
        int events = w.events.size();

        EscalationView after = w.engine.logProgress(INA, progress(id).expectingVersion(version));
        assertThat(after.version()).isEqualTo(version + 1);
        assertThat(w.log(id)).hasSize(entries + 1);
        long pendingAfterFirst = w.pending();
        assertThat(pendingAfterFirst).isGreaterThan(pending);
        var stored = w.stored(id);
        int eventsAfterFirst = w.events.size();
        assertThat(eventsAfterFirst).isGreaterThan(events);

        EscalationConflictException e = thrown(
                () -> w.engine.logProgress(INA, progress(id).expectingVersion(version)),
                EscalationConflictException.class);
        assertThat(e.code()).isEqualTo("CONFLICT");
        assertThat(e.subReason()).isEqualTo(EscalationConflictException.Reason.STALE_VERSION);
        assertThat(e.reason()).contains("STALE_VERSION");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.expectedVersion()).hasValue(version);
        assertThat(e.currentVersion()).hasValue(version + 1);
        assertThat(e.escalation()).isEqualTo(id);
        assertThat(e.localizedMessage(Locale.ENGLISH))
                .contains("changed since you loaded it")
                .contains(id.value());
        assertThat(e.localizedMessage(Locale.GERMAN)).contains("geändert, seit Sie sie geladen haben");

        assertThat(w.stored(id).version()).isEqualTo(version + 1);
        assertThat(w.log(id)).hasSize(entries + 1);
        assertThat(w.pending()).isEqualTo(pendingAfterFirst);
        assertThat(w.stored(id)).isEqualTo(stored);
        assertThat(w.events).hasSize(eventsAfterFirst);
    }

    @Test
    void aStaleAmendmentOfASecondUserIsRefused() {
        EscalationId id = w.active();
        long seenByEve = w.engine.find(EVE, id).orElseThrow().version();
        long seenByIna = w.engine.find(INA, id).orElseThrow().version();
        w.engine.logProgress(INA, progress(id).expectingVersion(seenByIna));
        AmendPlan amend = new AmendPlan(
                        id,
                        Duration.ofHours(4),
                        Channel.PHONE,
                        w.clock.instant().plus(Duration.ofHours(3)),
                        "Shorter cadence")
                .expectingVersion(seenByEve);
        var before = w.stored(id);

        EscalationConflictException e = thrown(() -> w.engine.amendPlan(EVE, amend), EscalationConflictException.class);

        assertThat(e.subReason()).isEqualTo(EscalationConflictException.Reason.STALE_VERSION);
        assertThat(w.stored(id)).isEqualTo(before);
        // reloaded, the same amendment applies
        long reloaded = w.engine.find(EVE, id).orElseThrow().version();
        assertThat(w.engine.amendPlan(EVE, amend.expectingVersion(reloaded)).version())
                .isEqualTo(reloaded + 1);
    }

    @Test
    void withoutAnExpectedVersionACommandBehavesAsBefore() {
        EscalationId id = w.active();
        int entries = w.log(id).size();
        w.engine.logProgress(INA, progress(id));
        w.engine.logProgress(INA, progress(id));
        assertThat(w.log(id)).hasSize(entries + 2);
        assertThat(progress(id).expectedVersion()).isNull();
    }

    @Test
    void theVersionIsCheckedBeforeTheStateSoADoubleResolveSaysStale() {
        EscalationId id = w.active();
        long version = w.engine.find(EVE, id).orElseThrow().version();
        Resolve resolve = new Resolve(id, "Fixed the index").expectingVersion(version);
        w.engine.resolve(EVE, resolve);
        EscalationConflictException e = thrown(() -> w.engine.resolve(EVE, resolve), EscalationConflictException.class);
        assertThat(e.subReason()).isEqualTo(EscalationConflictException.Reason.STALE_VERSION);
    }

    @Test
    void anotherCustomersContactStillGetsNotFound() {
        EscalationId id = w.active();
        long version = w.stored(id).version();
        assertThat(thrown(
                        () -> w.engine.logProgress(GIL, progress(id).expectingVersion(version + 5)),
                        EscalationNotFoundException.class))
                .isNotNull();
    }

    @Test
    void aVersionBelowOneIsAnInvalidCommand() {
        EscalationId id = w.active();
        for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
            InvalidCommandException e = thrown(
                    () -> w.engine.logProgress(INA, progress(id).expectingVersion(bad)), InvalidCommandException.class);
            assertThat(e.violations())
                    .extracting(InvalidCommandException.Violation::code)
                    .containsExactly("expectedVersion.Positive");
        }
    }

    @Test
    void aPolicyMigrationOnAStaleViewIsRefusedAndOnTheCurrentOneApplies() {
        World sla = new World(b -> b.slaPolicy(SlaFixtures.V1).slaPolicies(SlaFixtures.V2));
        EscalationId id = sla.active();
        long seen = sla.engine.find(SAM, id).orElseThrow().version();
        sla.engine.logProgress(INA, progress(id)); // someone else changed it since SAM looked
        var before = sla.stored(id);
        long pending = sla.pending();
        int events = sla.events.size();

        EscalationConflictException e = thrown(
                () -> sla.engine.operations().migratePolicy(SAM, id, SlaFixtures.V2.ref(), seen),
                EscalationConflictException.class);

        assertThat(e.subReason()).isEqualTo(EscalationConflictException.Reason.STALE_VERSION);
        assertThat(e.expectedVersion()).hasValue(seen);
        assertThat(e.currentVersion()).hasValue(seen + 1);
        assertThat(sla.stored(id)).isEqualTo(before);
        assertThat(sla.pending()).isEqualTo(pending);
        assertThat(sla.events).hasSize(events);
        assertThat(before.policy()).contains(SlaFixtures.V1.ref());

        EscalationView migrated = sla.engine.operations().migratePolicy(SAM, id, SlaFixtures.V2.ref(), seen + 1);
        assertThat(migrated.version()).isEqualTo(seen + 2);
        assertThat(sla.stored(id).policy()).contains(SlaFixtures.V2.ref());
        assertThat(sla.log(id).get(sla.log(id).size() - 1).kind()).isEqualTo(ProgressKind.POLICY_MIGRATED);
        // sent twice (the same view), the migration applies once
        assertThat(thrown(
                        () -> sla.engine.operations().migratePolicy(SAM, id, SlaFixtures.V1.ref(), seen + 1),
                        EscalationConflictException.class))
                .isNotNull();
        assertThat(sla.stored(id).policy()).contains(SlaFixtures.V2.ref());
    }

    @Test
    void aPolicyMigrationChecksTenantThenVersionThenWhoAsEveryCommand() {
        World sla = new World(b -> b.slaPolicy(SlaFixtures.V1).slaPolicies(SlaFixtures.V2));
        EscalationId id = sla.active();
        long current = sla.stored(id).version();
        var before = sla.stored(id);
        // another customer's contact: the escalation does not exist for them, whatever version they name
        for (long version : new long[] {current, current + 3}) {
            assertThat(thrown(
                            () -> sla.engine.operations().migratePolicy(GIL, id, SlaFixtures.V2.ref(), version),
                            EscalationNotFoundException.class))
                    .isNotNull();
        }
        // the customer's own contact may read the version anyway: a stale one is STALE_VERSION (checked before who,
        // as for every command), the current one is refused for who they are
        assertThat(thrown(
                        () -> sla.engine.operations().migratePolicy(INA, id, SlaFixtures.V2.ref(), current + 3),
                        EscalationConflictException.class))
                .isNotNull();
        NotAuthorizedException refused = thrown(
                () -> sla.engine.operations().migratePolicy(INA, id, SlaFixtures.V2.ref(), current),
                NotAuthorizedException.class);
        assertThat(refused).isNotNull();
        assertThat(refused.action()).contains(Action.MIGRATE_POLICY);
        assertThat(thrown(
                        () -> sla.engine.operations().migratePolicy(EVE, id, SlaFixtures.V2.ref(), current),
                        NotAuthorizedException.class))
                .isNotNull();
        assertThat(sla.stored(id)).isEqualTo(before);
    }

    @Test
    void aPolicyMigrationExpectingAVersionBelowOneIsAnInvalidCommandNamingEveryBrokenField() {
        World sla = new World(b -> b.slaPolicy(SlaFixtures.V1).slaPolicies(SlaFixtures.V2));
        EscalationId id = sla.active();
        var before = sla.stored(id);
        for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
            InvalidCommandException e = thrown(
                    () -> sla.engine.operations().migratePolicy(SAM, id, SlaFixtures.V2.ref(), bad),
                    InvalidCommandException.class);
            assertThat(e.violations())
                    .extracting(InvalidCommandException.Violation::code)
                    .containsExactly("expectedVersion.Positive");
            InvalidCommandException both = thrown(
                    () -> sla.engine.operations().migratePolicy(SAM, id, null, bad), InvalidCommandException.class);
            assertThat(both.violations())
                    .extracting(InvalidCommandException.Violation::code)
                    .containsExactlyInAnyOrder("policy.NotNull", "expectedVersion.Positive");
        }
        assertThat(sla.stored(id)).isEqualTo(before);
    }

    private static <T extends Throwable> T thrown(ThrowingCallable call, Class<T> type) {
        return catchThrowableOfType(type, call);
    }
}
