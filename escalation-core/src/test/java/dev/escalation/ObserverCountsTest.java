package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.INA;
import static dev.escalation.World.TOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.LogProgress;
import dev.escalation.command.Resolve;
import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Visibility;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The counting callbacks of {@link EngineObserver}: {@code validated} once per command that passed validation (also
 * when refused afterwards, never for an invalid one), {@code hashed} with the records each write linked into the audit
 * chain, {@code rendered} with the notifications a delivery run rendered.
 */
class ObserverCountsTest {

    /** Counts every callback. */
    static final class Counting implements EngineObserver {
        final Map<Action, Integer> validated = new EnumMap<>(Action.class);
        final List<Integer> hashed = new ArrayList<>();
        final List<Integer> rendered = new ArrayList<>();

        @Override
        public void validated(Action action) {
            validated.merge(action, 1, Integer::sum);
        }

        @Override
        public void hashed(int records) {
            hashed.add(records);
        }

        @Override
        public void rendered(int notifications) {
            rendered.add(notifications);
        }

        int hashedTotal() {
            return hashed.stream().mapToInt(Integer::intValue).sum();
        }

        int renderedTotal() {
            return rendered.stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Test
    void each_callback_fires_with_the_right_count_in_a_small_lifecycle() {
        Counting counting = new Counting();
        World w = new World(b -> b.listener(counting)
                .auditTrail(
                        new AuditSettings(new InMemorySubjectKeys(), new InMemoryAuditAnchors(), AuditTrailTest.KEYS)));

        EscalationId id = w.active(); // escalate, acknowledge, agree plan
        w.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "note", Visibility.INTERNAL));
        // invalid: not validated, nothing hashed
        assertThatThrownBy(() -> w.engine.resolve(EVE, new Resolve(id, "")))
                .isInstanceOf(InvalidCommandException.class);
        // valid but not allowed to this actor: validated, nothing hashed
        assertThatThrownBy(() -> w.engine.resolve(TOM, new Resolve(id, "Fixed")))
                .isInstanceOf(NotAuthorizedException.class);
        w.engine.resolve(EVE, new Resolve(id, "Fixed"));

        assertThat(counting.validated)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        Action.ESCALATE, 1,
                        Action.ACKNOWLEDGE, 1,
                        Action.AGREE_PLAN, 1,
                        Action.LOG_PROGRESS, 1,
                        Action.RESOLVE, 2));
        // one call per successful write, each with the entries it linked; together the whole log
        assertThat(counting.hashed).hasSize(5).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(counting.hashedTotal()).isEqualTo(w.log(id).size());
        assertThat(counting.rendered).isEmpty();

        w.engine.deliverPending();
        assertThat(counting.rendered).isNotEmpty().allSatisfy(n -> assertThat(n).isPositive());
        assertThat(counting.renderedTotal())
                .isEqualTo(w.notifier.delivered().size())
                .isPositive();
        w.engine.deliverPending();
        assertThat(counting.renderedTotal())
                .as("nothing left to render")
                .isEqualTo(w.notifier.delivered().size());

        w.engine.escalate(INA, World.escalateC1()); // repeated: the open escalation is returned, nothing written
        assertThat(counting.validated.get(Action.ESCALATE)).isEqualTo(2);
        assertThat(counting.hashed).hasSize(5);
    }

    @Test
    void without_the_audit_trail_nothing_is_hashed() {
        Counting counting = new Counting();
        World w = new World(b -> b.listener(counting));
        w.active();
        assertThat(counting.validated).hasSize(3);
        assertThat(counting.hashed).isEmpty();
    }
}
