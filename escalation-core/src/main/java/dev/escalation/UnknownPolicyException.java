package dev.escalation;

import dev.escalation.model.EscalationId;
import dev.escalation.model.PolicyRef;
import java.util.Optional;
import java.util.Set;

/**
 * An escalation runs under an SLA policy version the engine does not know: register it with
 * {@code EscalationEngineBuilder.slaPolicies(...)} (older versions stay available so running escalations keep the
 * version they started with). Thrown when deadlines are read or planned; nothing was changed.
 */
public final class UnknownPolicyException extends EscalationException {
    private static final long serialVersionUID = 1L;

    private final transient Optional<EscalationId> escalation;
    /** The unknown version. */
    private final transient PolicyRef policy;
    /** The versions the engine knows. */
    private final transient Set<PolicyRef> known;

    UnknownPolicyException(Optional<EscalationId> escalation, PolicyRef policy, Set<PolicyRef> known) {
        super(escalation.map(id -> "escalation " + id + " runs under").orElse("the requested")
                + " SLA policy " + policy + ", which this engine does not know (known: " + known
                + "); register it with EscalationEngine.builder().slaPolicies(...)");
        this.escalation = escalation;
        this.policy = policy;
        this.known = Set.copyOf(known);
    }

    /**
     * The escalation, if the policy was looked up for one.
     *
     * @return the escalation
     */
    public Optional<EscalationId> escalation() {
        return escalation;
    }

    /**
     * The unknown policy version.
     *
     * @return the reference
     */
    public PolicyRef policy() {
        return policy;
    }

    /**
     * The versions the engine knows.
     *
     * @return the references
     */
    public Set<PolicyRef> known() {
        return known;
    }

    @Override
    public String code() {
        return "UNKNOWN_POLICY";
    }
}
