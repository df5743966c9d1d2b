package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.PolicyRef;
import dev.escalation.sla.SlaPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The SLA policy versions registered with an {@link EscalationEngineBuilder}. Not thread-safe. */
final class PolicyRegistry {
    private final Map<PolicyRef, SlaPolicy> byRef = new LinkedHashMap<>();

    /**
     * Registers a version.
     *
     * @throws IllegalArgumentException if another policy with the same id and version was registered
     */
    void add(SlaPolicy p) {
        requireNonNull(p, "policy");
        SlaPolicy earlier = byRef.putIfAbsent(p.ref(), p);
        if (earlier != null && earlier != p) {
            throw new IllegalArgumentException("SLA policy " + p.ref() + " is registered twice");
        }
    }

    /**
     * The registered versions.
     *
     * @param chosen the version new escalations run under, if any
     * @throws IllegalStateException if the chosen version is not registered
     */
    Map<PolicyRef, SlaPolicy> resolve(Optional<PolicyRef> chosen) {
        if (chosen.isPresent() && !byRef.containsKey(chosen.get())) {
            throw new IllegalStateException("SLA policy " + chosen.get() + " is not registered: "
                    + ".slaPolicy(SlaPolicy) or .slaPolicies(...)");
        }
        return Map.copyOf(byRef);
    }
}
