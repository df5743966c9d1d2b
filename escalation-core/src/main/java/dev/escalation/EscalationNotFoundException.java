package dev.escalation;

/**
 * The escalation or case does not exist, or the actor may not know that it exists (another customer's data gets
 * the same answer as data that does not exist).
 */
public final class EscalationNotFoundException extends EscalationException {
    private static final long serialVersionUID = 1L;

    private final transient String what;

    EscalationNotFoundException(String what) {
        super(what + " was not found");
        this.what = what;
    }

    /**
     * What was not found, such as {@code "escalation E-42"} or {@code "case C-1"}.
     *
     * @return the description
     */
    public String what() {
        return what;
    }

    @Override
    public String code() {
        return "NOT_FOUND";
    }
}
