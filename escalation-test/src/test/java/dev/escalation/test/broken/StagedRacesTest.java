package dev.escalation.test.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.escalation.test.broken.BrokenAdaptersTest.Due;
import dev.escalation.test.broken.BrokenAdaptersTest.Store;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.platform.testkit.engine.Events;

/**
 * The staged races of the kit, run again and again: each wrapper that stages one (S4, S19, S8b, S10, D8) must fail its
 * rule in every run, and the plain in-memory adapters must pass those rules in every run. The contracts and the
 * engine runs are {@link BrokenAdaptersTest}'s.
 */
class StagedRacesTest {

    @RepeatedTest(20)
    void loadsOutsideLockFailsS4InEveryRun() {
        assertFails(Fault.LOADS_OUTSIDE_LOCK, Store.class, "s4_concurrentChangesLoseNothing", "S4");
    }

    @RepeatedTest(20)
    void skipsLateCommitsFailsS19InEveryRun() {
        assertFails(Fault.SKIPS_LATE_COMMITS, Store.class, "s19_changeFeedHoldsEveryWriteExactlyOnce", "S19");
    }

    @RepeatedTest(20)
    void vanishesWhileMovingFailsS8bInEveryRun() {
        assertFails(
                Fault.VANISHES_WHILE_MOVING,
                Store.class,
                "s8b_escalationMovingBetweenListedStatesIsNeverMissing",
                "S8b");
    }

    @RepeatedTest(20)
    void mismapsCaseConflictFailsS10InEveryRun() {
        assertFails(Fault.MISMAPS_CASE_CONFLICT, Store.class, "s10_concurrentCreatesForOneCaseExactlyOneWins", "S10");
    }

    @RepeatedTest(20)
    void claimsDueWithoutLockFailsD8InEveryRun() {
        assertFails(Fault.CLAIMS_DUE_WITHOUT_LOCK, Due.class, "d8_concurrentClaimantsNeverShareAnItem", "D8");
    }

    @RepeatedTest(20)
    void plainDueWorkPassesD8InEveryRun() {
        Events tests = BrokenAdaptersTest.run(null, selectMethod(Due.class, "d8_concurrentClaimantsNeverShareAnItem"));
        assertThat(tests.failed().count()).as("the plain store failed D8").isZero();
        assertThat(tests.succeeded().count()).as("D8 ran").isEqualTo(1);
    }

    @RepeatedTest(20)
    void plainStorePassesTheStagedRulesInEveryRun() {
        for (String method : List.of(
                "s4_concurrentChangesLoseNothing",
                "s19_changeFeedHoldsEveryWriteExactlyOnce",
                "s8b_escalationMovingBetweenListedStatesIsNeverMissing",
                "s10_concurrentCreatesForOneCaseExactlyOneWins")) {
            Events tests = BrokenAdaptersTest.run(null, selectMethod(Store.class, method));
            assertThat(tests.failed().count())
                    .as("the plain store failed %s", method)
                    .isZero();
            assertThat(tests.succeeded().count()).as("%s ran", method).isEqualTo(1);
        }
    }

    private static void assertFails(Fault f, Class<?> contract, String method, String rule) {
        Events tests = BrokenAdaptersTest.run(f, selectMethod(contract, method));
        assertThat(BrokenAdaptersTest.rulesOf(tests.failed()))
                .as("%s must fail rule %s in every run", f, rule)
                .containsExactly(rule);
    }
}
