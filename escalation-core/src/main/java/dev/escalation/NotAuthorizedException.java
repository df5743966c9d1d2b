package dev.escalation;

/** The actor may not take this action, such as a contact who is not an Incident Manager escalating a case. */
public final class NotAuthorizedException extends EscalationException {
    private static final long serialVersionUID = 1L;

    private final transient Actor actor;
    private final transient @org.jspecify.annotations.Nullable Action action;

    NotAuthorizedException(Actor actor, @org.jspecify.annotations.Nullable Action action, String message) {
        super(message);
        this.actor = actor;
        this.action = action;
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
    public String code() {
        return "NOT_AUTHORIZED";
    }
}
