package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.NoHolidayDataException;
import dev.escalation.model.PolicyRef;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.UnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Resolves a builder's settings into the engine's configuration, after checking the whole. */
final class EngineAssembly {
    private EngineAssembly() {}

    /**
     * The configuration of the engine the builder's settings {@code b} describe.
     *
     * @throws IllegalStateException naming each missing required call, or for an inconsistent whole
     * @throws InvalidCommandException if a policy's target spans more than {@link SlaPolicy#MAX_TARGET_WEEKS} weeks
     *     of the coverage calendar ({@link SlaLimits#checkCoverage}), or the coverage calendar's holiday source has no
     *     data for a date the checks ask ({@link NoHolidayDataException}: {@code calendar.HolidayData})
     * @throws EscalationUnavailableException if that holiday source is unavailable ({@link UnavailableException})
     */
    static EngineConfig assemble(EngineSettings b) {
        BuilderChecks.requireAll(
                b.clock != null,
                b.store != null,
                b.customers != null,
                b.staff != null,
                !b.notifiers.isEmpty(),
                b.ticketing != null,
                b.coverage != null);
        if (requireNonNull(b.store).capabilities() == null) { // read by every query and data-protection call
            throw new IllegalStateException("the store " + b.store.getClass().getName()
                    + " declares no capabilities: capabilities() returned null");
        }
        Clock clock = EngineClock.of(requireNonNull(b.clock));
        BusinessCalendar coverage = requireNonNull(b.coverage);
        Map<PolicyRef, SlaPolicy> versions = b.slaPolicies.resolve(b.policy);
        HotlineAdvisor advisor;
        try {
            advisor = HotlineAdvisor.checked(coverage, b.hotline, clock.instant());
            if (!versions.isEmpty()) {
                checkMeasurable(coverage, clock.instant());
                SlaLimits.checkCoverage(versions.values(), coverage);
            }
        } catch (NoHolidayDataException e) { // asking again gives the same answer: refused as everywhere
            InvalidCommandException refusal = InvalidCommandException.of(
                    "calendar",
                    "HolidayData",
                    "the coverage calendar's holiday data do not cover a date the checks of build() need (from the"
                            + " clock's instant on)" + Inputs.why(e));
            refusal.initCause(e);
            throw refusal;
        } catch (UnavailableException e) { // the holiday source's backend is down: retryable, as everywhere
            throw new EscalationUnavailableException(
                    "the coverage calendar's holiday source is unavailable; build() needs it, try again later", e);
        }
        CommandValidator validator = CommandValidator.of(b.validatorFactory);
        DuePlanner planner = new DuePlanner(new SlaClock(versions, coverage, b.holidayRegions));
        // a directory's failure, null or answer for another id is its unavailability (UNAVAILABLE, nothing applied)
        CustomerDirectory customers = CheckedDirectories.customers(requireNonNull(b.customers));
        return new EngineConfig(
                clock,
                customers,
                CheckedDirectories.staff(requireNonNull(b.staff)),
                requireNonNull(b.store),
                b.notifiers.resolve(clock, customers),
                requireNonNull(b.ticketing),
                advisor,
                coverage.zone(),
                b.listeners,
                validator,
                b.ids,
                b.policy,
                b.lifecycle,
                planner,
                new EngineConfig.Worker(
                        b.instanceName,
                        b.lease,
                        b.batchSize,
                        b.maxAttempts,
                        b.baseBackoff,
                        b.maxBackoff,
                        b.shutdownTimeout),
                b.notifiers.portal(),
                dev.escalation.text.Texts.of(coverage.zone(), b.texts, InvalidCommandException::of),
                new PolicyChoice(b.policy, b.selector, versions.keySet()),
                b.audit);
    }

    /**
     * SLA targets are walked window by window: in a coverage calendar open a few microseconds a week a target of hours
     * would take billions of weeks. So, with SLA policies, it must be open at least 5 hours in the 5 weeks from now.
     */
    private static void checkMeasurable(BusinessCalendar coverage, Instant now) {
        if (coverage.between(now, now.plus(Duration.ofDays(35))).compareTo(Duration.ofHours(5)) < 0) {
            throw new IllegalStateException(
                    "the coverage calendar is open less than 5 hours in the 5 weeks from now:"
                            + " too little to measure SLA targets in (add opening hours, or pass BusinessCalendar.alwaysOpen())");
        }
    }
}
