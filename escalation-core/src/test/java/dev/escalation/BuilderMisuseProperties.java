package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.StaffId;
import dev.escalation.text.TextSource;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Builder misuse, as a sequence of calls on a complete builder: absurd settings (zero, negative and "forever" leases,
 * backoffs and time-outs, batch sizes and attempts out of range, blank or bidi instance names, empty or null hotline
 * numbers and texts), ports given twice (a second store replaces the first, a second notifier of a channel is refused),
 * policies registered twice, chosen without being registered, selected by a selector that answers an unknown version,
 * a coverage calendar that closes. Each call either takes its value or refuses it at once with an
 * {@link IllegalArgumentException} or {@link NullPointerException}; {@code build()} either builds or refuses the
 * whole as its Javadoc says ({@link IllegalStateException}, {@link InvalidCommandException}); and an engine that was
 * built never fails later, at its first use (escalate, acknowledge, deliver with a notifier down and up, due work, the
 * background worker), with anything but an {@link EscalationException} that its contract names — a setting is wrong
 * at {@code build()} or never.
 */
class BuilderMisuseProperties {
    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();
    private static final Duration HUGE = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    /** One builder call: its name and what it does. */
    private record Call(String name, Consumer<EscalationEngineBuilder> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Property(tries = 150)
    void aSettingIsWrongAtBuildOrNever(@ForAll("calls") List<Call> calls) {
        List<String> wrong = new ArrayList<>();
        World w;
        try {
            w = new World(b -> {
                for (Call c : calls) {
                    try {
                        c.apply().accept(b);
                    } catch (IllegalArgumentException | NullPointerException e) {
                        // refused at once: documented
                    } catch (RuntimeException e) {
                        wrong.add(c + ": " + e);
                    }
                }
            });
        } catch (IllegalStateException | InvalidCommandException e) {
            assertThat(wrong).isEmpty();
            return; // refused at build(): documented
        }
        assertThat(wrong).as("builder calls").isEmpty();
        try {
            w.engine.escalate(World.INA, World.escalateC1());
            w.engine.acknowledge(
                    World.SAM,
                    new Acknowledge(
                            w.engine.escalate(World.INA, World.escalateC1()).escalation(),
                            StaffId.of("eve"),
                            "Called Ina"));
        } catch (EscalationException e) {
            assertThat(e).as("a first command of a built engine").isNotInstanceOf(EscalationUnavailableException.class);
        }
        w.notifier.setAvailable(false);
        for (int i = 0; i < 4; i++) {
            w.engine.deliverPending();
            w.engine.processDueWork();
            w.clock.advance(Duration.ofDays(3));
        }
        w.notifier.setAvailable(true);
        w.engine.deliverPending();
        w.engine.start(Duration.ofMillis(10));
        w.engine.close();
    }

    @Provide
    Arbitrary<List<Call>> calls() {
        Arbitrary<Duration> durations = Arbitraries.of(
                Duration.ZERO,
                Duration.ofNanos(-1),
                Duration.ofNanos(1),
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                Duration.ofDays(1),
                Duration.ofDays(8),
                Duration.ofDays(365L * 10_000),
                FOREVER,
                HUGE);
        Arbitrary<Integer> ints = Arbitraries.of(Integer.MIN_VALUE, -1, 0, 1, 100, 500, 501, Integer.MAX_VALUE);
        Arbitrary<String> names = Arbitraries.of("node-1", "", "   ", "a\u202Eb", "\u0000", "x".repeat(201), "\ud800");
        HotlineNumber germany = new HotlineNumber("Germany", "+49 911 2399 110");
        Arbitrary<Call> call = Arbitraries.oneOf(
                net.jqwik.api.Combinators.combine(durations, ints, ints)
                        .as((lease, batch, attempts) -> new Call(
                                "delivery(" + lease + ", " + batch + ", " + attempts + ")",
                                b -> b.delivery(lease, batch, attempts))),
                net.jqwik.api.Combinators.combine(durations, durations)
                        .as((base, max) -> new Call("backoff(" + base + ", " + max + ")", b -> b.backoff(base, max))),
                durations.map(d -> new Call("shutdownTimeout(" + d + ")", b -> b.shutdownTimeout(d))),
                names.map(n -> new Call("instanceName(" + n.length() + " chars)", b -> b.instanceName(n))),
                Arbitraries.of(
                        new Call("hotline()", b -> b.hotline()),
                        new Call("hotline(null)", b -> b.hotline((HotlineNumber[]) null)),
                        new Call("hotline(germany, null)", b -> b.hotline(germany, null)),
                        new Call("texts(null)", b -> b.texts((TextSource[]) null)),
                        new Call("texts(empty source)", b -> b.texts(TextSource.of(Locale.ENGLISH, Map.of()))),
                        new Call("store(second)", b -> b.store(new InMemoryEscalationStore())),
                        new Call("notifier(second of a channel)", b -> b.notifier(new InMemoryNotifier())),
                        new Call(
                                "portalMessages twice",
                                b -> b.portalMessages(new InMemoryPortalMessages())
                                        .portalMessages(new InMemoryPortalMessages())),
                        new Call("slaPolicy(V1)", b -> b.slaPolicy(SlaFixtures.V1)),
                        new Call("slaPolicies(V1, V2)", b -> b.slaPolicies(SlaFixtures.V1, SlaFixtures.V2)),
                        new Call("slaPolicies(null)", b -> b.slaPolicies((dev.escalation.sla.SlaPolicy[]) null)),
                        new Call("policy(unregistered)", b -> b.policy(new PolicyRef("nope", 9))),
                        new Call(
                                "policySelector(unknown version)",
                                b -> b.policySelector(a -> Optional.of(new PolicyRef("nope", 9)))),
                        new Call("holidayRegions(null answers)", b -> b.holidayRegions(r -> null)),
                        new Call(
                                "listener(throws)",
                                b -> b.listener(e -> {
                                    throw new IllegalStateException("listener fails");
                                })),
                        new Call("coverage(always open)", b -> b.coverage(BusinessCalendar.alwaysOpen())),
                        new Call(
                                "coverage(one hour a week)",
                                b -> b.coverage(BusinessCalendar.builder(ZoneId.of("UTC"))
                                        .open(java.time.DayOfWeek.SUNDAY, LocalTime.of(3, 0), LocalTime.of(4, 0))
                                        .build())),
                        new Call("validatorFactory(null)", b -> b.validatorFactory(null))));
        return call.list().ofMinSize(1).ofMaxSize(6);
    }
}
