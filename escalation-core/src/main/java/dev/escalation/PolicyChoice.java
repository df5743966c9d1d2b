package dev.escalation;

import dev.escalation.model.EscalationId;
import dev.escalation.model.PolicyRef;
import dev.escalation.spi.CustomerAccount;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * Selects the policy version of a new escalation: the host's {@link PolicySelector}, else the highest known version
 * whose id is the account's tier, else the builder's current policy.
 *
 * @param current  the builder's current policy, if any
 * @param selector the host's selector, if any
 * @param known    the registered versions
 */
record PolicyChoice(Optional<PolicyRef> current, Optional<PolicySelector> selector, Set<PolicyRef> known) {

    PolicyChoice {
        known = Set.copyOf(known);
    }

    /**
     * The version for a new escalation of {@code account}.
     *
     * @throws UnknownPolicyException if the selector chose a version that is not registered
     */
    Optional<PolicyRef> select(EscalationId id, Optional<CustomerAccount> account) {
        Optional<PolicyRef> chosen = Optional.empty();
        if (account.isPresent() && selector.isPresent()) {
            chosen = Optional.ofNullable(selector.get().select(account.get())).flatMap(x -> x);
        } else if (account.isPresent() && account.get().tier().isPresent()) {
            String tier = account.get().tier().get();
            chosen = known.stream().filter(r -> r.id().equals(tier)).max(Comparator.comparingInt(PolicyRef::version));
        }
        if (chosen.isPresent() && !known.contains(chosen.get())) {
            throw new UnknownPolicyException(Optional.of(id), chosen.get(), known);
        }
        return chosen.or(() -> current);
    }
}
