package dev.escalation.sla;

/** Where a {@link Deadline} stands at the instant it was read. */
public enum DeadlineState {
    /** Not yet due, and the warning instant (if any) not reached. */
    PENDING,
    /** The pre-breach warning instant is reached; the deadline is not. */
    WARNED,
    /** The deadline passed before it was met (or it was met late). */
    BREACHED,
    /** It was met in time (acknowledged before the first-contact target, resolved before the resolution target). */
    MET
}
