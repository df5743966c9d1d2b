package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.INA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.escalation.command.AddParticipant;
import dev.escalation.command.AmendPlan;
import dev.escalation.command.ExpectsVersion;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.ResumeClock;
import dev.escalation.model.Channel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.Visibility;
import dev.escalation.spi.StoredEscalation;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Random sequences of commands on an active escalation (progress by the customer and the manager, plan amendments,
 * participants, pausing and resuming the clock), each with a random expected version (none, the current one, one
 * before or after it, or any small version): exactly the commands whose version is absent or matches apply (the
 * version grows by one, the log by their entries); every other one is refused as {@code STALE_VERSION} and leaves
 * the stored escalation, its log and its pending side effects as they were.
 */
class ExpectedVersionProperties {

    /** One step: which command, and how its expected version is chosen. */
    record Step(int command, int versionChoice, long anyVersion) {}

    @Property(tries = 200)
    void exactlyTheCommandsWithAMatchingOrNoVersionApply(@ForAll("steps") List<Step> steps) {
        World w = new World();
        EscalationId id = w.active();
        boolean paused = false;
        int n = 0;
        for (Step step : steps) {
            n++;
            w.clock.advance(Duration.ofMinutes(7));
            StoredEscalation before = w.stored(id);
            long current = before.version();
            Long expected = switch (step.versionChoice()) {
                case 0 -> null;
                case 1 -> current;
                case 2 -> current - 1;
                case 3 -> current + 1;
                default -> step.anyVersion();
            };
            int entries = w.log(id).size();
            long pending = w.pending();
            boolean applies = expected == null || expected == current;
            Statistics.collect(applies ? "applies" : "refused");
            Runnable call = command(w, id, step.command(), paused, n, expected);
            if (applies) {
                call.run();
                assertThat(w.stored(id).version())
                        .as("version after an applied command")
                        .isEqualTo(current + 1);
                assertThat(w.log(id).size()).as("log after an applied command").isGreaterThan(entries);
                if (step.command() == 4) {
                    paused = !paused;
                }
            } else {
                EscalationConflictException e = thrown(call::run, EscalationConflictException.class);
                assertThat(e)
                        .as("refusal of expected version %s at %s", expected, current)
                        .isNotNull();
                assertThat(e.subReason()).isEqualTo(EscalationConflictException.Reason.STALE_VERSION);
                assertThat(w.stored(id)).isEqualTo(before);
                assertThat(w.log(id)).hasSize(entries);
                assertThat(w.pending()).isEqualTo(pending);
            }
        }
        Statistics.coverage(c -> {
            c.check("applies").percentage(p -> p > 20);
            c.check("refused").percentage(p -> p > 20);
        });
    }

    private static Runnable command(World w, EscalationId id, int which, boolean paused, int n, Long expected) {
        ExpectsVersion c = switch (which) {
            case 0 -> new LogProgress(id, LogProgress.Kind.COMMUNICATION, "Called back " + n, Visibility.CUSTOMER);
            case 1 -> new LogProgress(id, LogProgress.Kind.NOTE, "Internal " + n, Visibility.INTERNAL);
            case 2 ->
                new AmendPlan(
                        id,
                        Duration.ofHours(1 + n % 5),
                        Channel.PHONE,
                        w.clock.instant().plus(Duration.ofHours(2)),
                        "Cadence " + n);
            case 3 ->
                new AddParticipant(id, Party.Kind.EXTERNAL, "x-" + n, "Guest " + n, "guest" + n + "@partner.example");
            default -> paused ? new ResumeClock(id, "Back " + n) : new PauseClock(id, "Waiting " + n);
        };
        ExpectsVersion sent = expected == null ? c : withVersion(c, expected);
        return () -> {
            if (sent instanceof LogProgress && which == 0) {
                w.engine.logProgress(INA, (LogProgress) sent);
            } else if (sent instanceof LogProgress) {
                w.engine.logProgress(EVE, (LogProgress) sent);
            } else if (sent instanceof AmendPlan) {
                w.engine.amendPlan(EVE, (AmendPlan) sent);
            } else if (sent instanceof AddParticipant) {
                w.engine.addParticipant(EVE, (AddParticipant) sent);
            } else if (sent instanceof ResumeClock) {
                w.engine.resumeClock(EVE, (ResumeClock) sent);
            } else {
                w.engine.pauseClock(EVE, (PauseClock) sent);
            }
        };
    }

    private static ExpectsVersion withVersion(ExpectsVersion c, long version) {
        if (c instanceof LogProgress) {
            return ((LogProgress) c).expectingVersion(version);
        }
        if (c instanceof AmendPlan) {
            return ((AmendPlan) c).expectingVersion(version);
        }
        if (c instanceof AddParticipant) {
            return ((AddParticipant) c).expectingVersion(version);
        }
        if (c instanceof ResumeClock) {
            return ((ResumeClock) c).expectingVersion(version);
        }
        return ((PauseClock) c).expectingVersion(version);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.longs().between(1, 12))
                .as(Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(12);
    }

    private static <T extends Throwable> T thrown(ThrowingCallable call, Class<T> type) {
        return catchThrowableOfType(type, call);
    }
}
