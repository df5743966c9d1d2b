package dev.escalation;

import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PolicyRef;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.Ticketing;
import dev.escalation.text.Texts;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The checked, immutable configuration {@link EscalationEngineBuilder#build()} hands to the engine: every port and
 * setting resolved, nothing defaulted here.
 *
 * @param clock      the engine's only source of time
 * @param customers  the customer directory
 * @param staff      the staff directory
 * @param store      the store
 * @param notifiers  one notifier per channel (at least one)
 * @param ticketing  the ticketing system
 * @param hotline    coverage calendar and hotline numbers
 * @param vendorZone the coverage calendar's zone, in which staff read instants
 * @param listeners  in-process listeners for domain events
 * @param validator  the command validator
 * @param ids        the escalation id supplier
 * @param policy     the SLA policy version of new escalations, if any
 * @param lifecycle  the transition table
 * @param planner    derives due work and deadlines
 * @param worker     how outbox messages and due work are claimed and retried
 * @param portal     where portal messages are kept, if the portal channel is on
 * @param texts      the texts people read: the host's sources, then the shipped bundles
 * @param choice     selects the SLA policy version of a new escalation per customer
 * @param audit      the audit trail's settings, when it is on
 */
record EngineConfig(
        Clock clock,
        CustomerDirectory customers,
        StaffDirectory staff,
        EscalationStore store,
        Map<DeliveryChannel, Notifier> notifiers,
        Ticketing ticketing,
        HotlineAdvisor hotline,
        ZoneId vendorZone,
        List<EscalationListener> listeners,
        CommandValidator validator,
        Supplier<EscalationId> ids,
        Optional<PolicyRef> policy,
        Lifecycle lifecycle,
        DuePlanner planner,
        Worker worker,
        Optional<PortalMessages> portal,
        Texts texts,
        PolicyChoice choice,
        Optional<AuditSettings> audit) {

    EngineConfig {
        notifiers = Map.copyOf(notifiers);
        listeners = List.copyOf(listeners);
    }

    /**
     * Claiming and retrying outbox messages and due work.
     *
     * @param claimant    the name claims are made under
     * @param lease       how long a claim holds
     * @param batchSize   messages or due items per claim
     * @param maxAttempts attempts before a side effect is dead-lettered
     * @param baseBackoff the first retry's wait
     * @param maxBackoff  the longest wait
     * @param shutdownTimeout how long stopping the background worker waits for a running run
     */
    record Worker(
            String claimant,
            Duration lease,
            int batchSize,
            int maxAttempts,
            Duration baseBackoff,
            Duration maxBackoff,
            Duration shutdownTimeout) {}
}
