package dev.escalation;

import dev.escalation.model.PolicyRef;
import dev.escalation.spi.CustomerAccount;
import java.util.Optional;

/**
 * Chooses the SLA policy version a new escalation of a customer runs under
 * ({@link EscalationEngineBuilder#policySelector}). The escalation records the chosen {@link PolicyRef} and keeps that
 * version for its whole life (unless migrated with {@link EscalationOperations#migratePolicy}); registering a newer
 * version later changes only escalations raised after it.
 *
 * <p>Without a selector the engine selects by the account's {@link CustomerAccount#tier() tier}: the highest
 * registered version of the policy whose id equals the tier, else the builder's current policy
 * ({@link EscalationEngineBuilder#slaPolicy}). A selector that returns empty gets the same default. Must be
 * thread-safe and fast; it is called once per new escalation, with no store transaction open.
 */
@FunctionalInterface
public interface PolicySelector {

    /**
     * The version for a new escalation of {@code account}.
     *
     * @param account the customer's account, as the customer directory returned it
     * @return a registered version, or empty for the default (tier, then the builder's current policy)
     */
    Optional<PolicyRef> select(CustomerAccount account);
}
