package dev.escalation.model;

/** Why a case is escalated. Each cause is either technical or non-technical ({@link #category()}). */
public enum Cause {
    /** A database is down or unreachable. */
    DATABASE_OUTAGE(Category.TECHNICAL),
    /** The software misbehaves. */
    SOFTWARE_ERROR(Category.TECHNICAL),
    /** The system is up but too slow to use. */
    PERFORMANCE_DEGRADATION(Category.TECHNICAL),
    /** Data was lost or corrupted. */
    DATA_LOSS(Category.TECHNICAL),
    /** A suspected or confirmed security incident. */
    SECURITY_INCIDENT(Category.TECHNICAL),
    /** Another technical cause. */
    OTHER_TECHNICAL(Category.TECHNICAL),
    /** The customer complains about the service. */
    COMPLAINT(Category.NON_TECHNICAL),
    /** The case has taken too long or the response was insufficient. */
    SLOW_RESPONSE(Category.NON_TECHNICAL),
    /** Another non-technical cause. */
    OTHER_NON_TECHNICAL(Category.NON_TECHNICAL);

    /** Technical or non-technical. */
    public enum Category {
        /** For example a database outage or a software error. */
        TECHNICAL,
        /** For example a complaint. */
        NON_TECHNICAL
    }

    private final Category category;

    Cause(Category category) {
        this.category = category;
    }

    /**
     * The category of this cause.
     *
     * @return technical or non-technical
     */
    public Category category() {
        return category;
    }
}
