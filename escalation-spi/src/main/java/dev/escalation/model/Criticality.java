package dev.escalation.model;

/** How critical an escalation is, in ascending order. Only {@link #CRITICAL} triggers hotline advice out of hours. */
public enum Criticality {
    /** Minor business impact. */
    LOW,
    /** Noticeable business impact. */
    MEDIUM,
    /** Serious business impact. */
    HIGH,
    /** Business stopped. */
    CRITICAL
}
