package dev.escalation.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import java.time.Duration;
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
