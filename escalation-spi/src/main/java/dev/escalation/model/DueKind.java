package dev.escalation.model;

/** Which deadline a {@link dev.escalation.spi.DueItem} stands for. New kinds may be added in minor releases. */
public enum DueKind {
    /** Support Management must make first contact (acknowledge). */
    FIRST_CONTACT,
    /** The next meeting of the communication plan. */
    NEXT_MEETING,
    /** The escalation should be resolved. */
    RESOLUTION
}
