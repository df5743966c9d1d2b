package dev.escalation.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.model.ProgressKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiConsumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every duration of a policy is bounded: an absurd target (centuries of business time up to {@code Long.MAX_VALUE}
 * seconds) would make every escalation's SLA planning walk the calendar for hours; an absurd repeat interval would
 * overflow the instants of the repeats. Refused at build, naming the setting; the bound itself is accepted.
 */
class SlaPolicyLimitsProperties {

    private static final String[] SETTINGS = {
        "firstContact", "resolution", "repeatAfterBreach", "planAnswerWithin", "contactEvery", "escalateMissedMeeting"
    };

    private static void set(SlaPolicy.Builder b, String setting, Duration d) {
        switch (setting) {
            case "firstContact" -> b.firstContact(Criticality.CRITICAL, d);
            case "resolution" -> b.resolution(Criticality.HIGH, d);
            case "repeatAfterBreach" -> b.repeatAfterBreach(d, 100);
            case "planAnswerWithin" -> b.planAnswerWithin(d);
            case "contactEvery" -> b.contactEvery(d);
            case "escalateMissedMeeting" -> b.escalateMissedMeeting(d);
            default -> throw new AssertionError(setting);
        }
    }

    @Property(tries = 1000)
    void aDurationBeyondTheBoundIsRefusedNamingTheSetting(
            @ForAll("settings") String setting, @ForAll("beyond") Duration d) {
        SlaPolicy.Builder b = SlaPolicy.builder("edge", 1);
        assertThatThrownBy(() -> set(b, setting, d))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(setting)
                .hasMessageContaining("at most");
    }

    @Property(tries = 1000)
    void aDurationWithinTheBoundIsKept(@ForAll("settings") String setting, @ForAll("within") Duration d) {
        SlaPolicy.Builder b = SlaPolicy.builder("edge", 1);
        set(b, setting, d);
        SlaPolicy p = b.build();
        BiConsumer<String, Duration> kept = (s, v) -> assertThat(v).as(s).isEqualTo(d);
        switch (setting) {
            case "firstContact" ->
                kept.accept(
                        setting,
                        p.target(DueKind.FIRST_CONTACT, Criticality.CRITICAL).orElseThrow());
            case "resolution" ->
                kept.accept(
                        setting, p.target(DueKind.RESOLUTION, Criticality.HIGH).orElseThrow());
            case "repeatAfterBreach" -> kept.accept(setting, p.repeatEvery().orElseThrow());
            case "planAnswerWithin" -> kept.accept(setting, p.planAnswerWithin());
            case "contactEvery" ->
                kept.accept(
                        setting,
                        p.target(DueKind.CUSTOMER_CONTACT, Criticality.LOW).orElseThrow());
            case "escalateMissedMeeting" ->
                kept.accept(setting, p.missedMeetingAfter().orElseThrow());
            default -> throw new AssertionError(setting);
        }
    }

    /** The warning share is taken from 0 (no warning) to 99 and refused outside, at any integer. */
    @Property(tries = 1000)
    void aWarningShareIsKeptFromZeroToNinetyNine(@ForAll("shares") int percent) {
        SlaPolicy.Builder b = SlaPolicy.builder("edge", 1);
        if (percent >= 0 && percent <= 99) {
            assertThat(b.warnAt(percent).build().warningPercent()).isEqualTo(percent);
        } else {
            assertThatThrownBy(() -> b.warnAt(percent))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("warnAt");
            assertThat(b.build().warningPercent()).as("the default stays").isEqualTo(75);
        }
    }

    /** A breach is repeated 1 to 100 times; any other count is refused and leaves the policy without repeats. */
    @Property(tries = 1000)
    void aRepeatCountIsKeptFromOneToAHundred(@ForAll("shares") int times) {
        SlaPolicy.Builder b = SlaPolicy.builder("edge", 1);
        if (times >= 1 && times <= 100) {
            SlaPolicy p = b.repeatAfterBreach(Duration.ofHours(2), times).build();
            assertThat(p.maxRepeats()).isEqualTo(times);
            assertThat(p.repeatEvery()).contains(Duration.ofHours(2));
        } else {
            assertThatThrownBy(() -> b.repeatAfterBreach(Duration.ofHours(2), times))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("repeat");
            assertThat(b.build().repeatEvery()).isEmpty();
        }
    }

    /** What counts as contact: the kinds given, or a held meeting when none is given. */
    @Property(tries = 200)
    void contactCountsAreTheKindsGivenOrAHeldMeeting(@ForAll Set<ProgressKind> kinds) {
        SlaPolicy p = SlaPolicy.builder("edge", 1)
                .contactEvery(Duration.ofHours(8), kinds.toArray(ProgressKind[]::new))
                .build();
        assertThat(p.countsAsContact()).isEqualTo(kinds.isEmpty() ? EnumSet.of(ProgressKind.MEETING_HELD) : kinds);
        assertThat(SlaPolicy.builder("edge", 1).build().countsAsContact())
                .as("without a contact target")
                .containsExactly(ProgressKind.MEETING_HELD);
    }

    @Provide
    Arbitrary<Integer> shares() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-2, 102), Arbitraries.integers(), Arbitraries.of(0, 1, 99, 100, 101));
    }

    @Example
    void theBoundIsTenYearsAndNotOneNanosecondMore() {
        assertThat(SlaPolicy.MAX_DURATION).isEqualTo(Duration.ofDays(3660));
        SlaPolicy.builder("edge", 1).firstContact(Criticality.CRITICAL, SlaPolicy.MAX_DURATION);
        assertThatThrownBy(() -> SlaPolicy.builder("edge", 1)
                        .firstContact(Criticality.CRITICAL, SlaPolicy.MAX_DURATION.plusNanos(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> settings() {
        return Arbitraries.of(SETTINGS);
    }

    @Provide
    Arbitrary<Duration> beyond() {
        long max = SlaPolicy.MAX_DURATION.getSeconds();
        return Arbitraries.oneOf(
                Arbitraries.longs()
                        .between(max, Long.MAX_VALUE)
                        .flatMap(s -> Arbitraries.integers()
                                .between(s == max ? 1 : 0, 999_999_999)
                                .map(n -> Duration.ofSeconds(s, n))),
                Arbitraries.of(
                        Duration.ofDays(100_000),
                        Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
                        SlaPolicy.MAX_DURATION.plusNanos(1)));
    }

    @Provide
    Arbitrary<Duration> within() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, SlaPolicy.MAX_DURATION.toNanos()).map(Duration::ofNanos),
                Arbitraries.of(Duration.ofNanos(1), SlaPolicy.MAX_DURATION));
    }
}
