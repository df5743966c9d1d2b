package dev.escalation;

import dev.escalation.model.EscalationId;

/** The actor may not take this action, such as a contact who is not an Incident Manager escalating a case. */
public final class NotAuthorizedException extends EscalationException {
    private static final long serialVersionUID = 1L;

    private final transient Actor actor;
    private final transient @org.jspecify.annotations.Nullable Action action;
    private final transient @org.jspecify.annotations.Nullable EscalationId escalation;
    private final Reason reason;

    /** Why the actor was refused: the sub-reason of the code {@code NOT_AUTHORIZED}. Stable names. */
    public enum Reason {
        /** The actor lacks the role the action needs (a staff role, or Incident Manager). */
        WRONG_ROLE,
        /** The actor is none of the parties who may take the action on this escalation. */
        NOT_PARTY,
        /** Only the escalation's appointed Escalation Manager may take the action. */
        NOT_MANAGER,
        /** The contact belongs to another customer than the escalation's. */
        OTHER_CUSTOMER,
        /** The actor is unknown to the directories or inactive. */
        INACTIVE,
        /** The action or query is vendor-scoped and the actor is a customer contact. */
        NOT_STAFF,
        /** The action or query is the customer's and the actor is staff. */
        NOT_CONTACT,
        /** A customer contact may take the action, but not with this content (the row's contact rule). */
        CONTACT_RULE
    }

    NotAuthorizedException(Actor actor, @org.jspecify.annotations.Nullable Action action, String message) {
        this(actor, action, null, Reason.NOT_PARTY, message);
    }

    NotAuthorizedException(
            Actor actor,
            @org.jspecify.annotations.Nullable Action action,
            @org.jspecify.annotations.Nullable EscalationId escalation,
            Reason reason,
            String message) {
        super(message);
        this.actor = actor;
        this.action = action;
        this.escalation = escalation;
        this.reason = reason;
    }

    /**
     * Why the actor was refused.
     *
     * @return the sub-reason
     */
    public Reason subReason() {
        return reason;
    }

    @Override
    public java.util.Optional<String> reason() {
        return java.util.Optional.of(reason.name());
    }

    /**
     * The escalation the action was refused on.
     *
     * @return its id, or empty for a refusal before any escalation was read
     */
    public java.util.Optional<EscalationId> escalation() {
        return java.util.Optional.ofNullable(escalation);
    }

    /**
     * Who was refused.
     *
     * @return the actor
     */
    public Actor actor() {
        return actor;
    }

    /**
     * What was refused.
     *
     * @return the action, or empty when the actor was refused a read (a query rather than a lifecycle action)
     */
    public java.util.Optional<Action> action() {
        return java.util.Optional.ofNullable(action);
    }

    @Override
    Object[] messageArgs(dev.escalation.text.Texts texts, java.util.Locale locale) {
        return args(texts, locale, action, escalation, null, "");
    }

    @Override
    public String code() {
        return "NOT_AUTHORIZED";
    }
}
