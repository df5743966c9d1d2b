package dev.escalation.model;

/** Which deadline a {@link dev.escalation.spi.DueItem} stands for. New kinds may be added in minor releases. */
public enum DueKind {
    /** Support Management must make first contact (acknowledge). */
    FIRST_CONTACT,
    /** The next meeting of the communication plan. */
    NEXT_MEETING,
    /** The escalation should be resolved. */
    RESOLUTION,
    /** The customer should hear from the vendor again (the policy's contact target). */
    CUSTOMER_CONTACT,
    /** An improvement action from the lessons learned is due (reminds its owner, also after closing). */
    IMPROVEMENT_ACTION
}
