package dev.escalation.internal.validation;

import jakarta.validation.Validator;

/**
 * A cheap pre-check of commands that accepts a valid command without running Jakarta Validation. It answers only
 * "certainly valid" ({@code true}) or "ask the validator" ({@code false}): it never reports an error, so the
 * validator stays the single source of every violation (field, rule, message).
 *
 * <p>It cannot drift from the constraint annotations: for each command class, at first use, it derives a
 * {@link PrecheckPlan} from the validator's own constraint metadata ({@link Validator#getConstraintsForClass}) and
 * keeps it in a {@link ClassValue}. A plan checks exactly the constraints the validator reports, with the same rules
 * ({@link SafeIdValidator#problem}, {@link SafeTextValidator#problem}, and the Jakarta rules of the few built-in
 * constraints the commands use, see {@link PrecheckRules}). A class with anything the plan does not model (an unknown
 * constraint type or validator, groups, payloads, class-level constraints, a container other than {@code List}, a
 * component type outside the supported ones, a class that is no record) gets a plan that never accepts: its commands
 * always go to the validator.
 *
 * <p>Build it only on a validator whose constraint validators are the ones the metadata names, such as the engine's
 * own default factory; a host's factory may replace validators or interpolate differently, so the engine does not
 * pre-check with it. Not API: this package is not exported. Thread-safe.
 */
public final class Precheck {
    /** How deep cascaded records are followed before the validator is asked instead. */
    static final int MAX_DEPTH = 8;

    private final Validator validator;

    private final ClassValue<PrecheckPlan> plans = new ClassValue<>() {
        @Override
        protected PrecheckPlan computeValue(Class<?> type) {
            return PrecheckPlan.of(type, validator);
        }
    };

    /**
     * A pre-check deriving its plans from {@code validator}'s constraint metadata.
     *
     * @param validator the validator whose constraints are pre-checked
     */
    public Precheck(Validator validator) {
        this.validator = validator;
    }

    /**
     * Whether the command certainly passes the validator (in the default group). {@code false} means only "ask the
     * validator", not "invalid".
     *
     * @param command the command, not null
     * @return {@code true} if the validator would find no violation
     */
    public boolean accepts(Object command) {
        return accepts(command, 0);
    }

    /**
     * Whether commands of this class can be accepted at all (a plan was derived), for tests and diagnostics.
     *
     * @param type the command's class
     * @return {@code false} if every command of the class goes to the validator
     */
    public boolean covers(Class<?> type) {
        return plans.get(type).covered();
    }

    boolean accepts(Object bean, int depth) {
        return depth <= MAX_DEPTH && plans.get(bean.getClass()).accepts(bean, this, depth);
    }
}
