package dev.escalation.model;

/** Who may read a progress entry. Customer-side actors never see {@link #INTERNAL} entries. */
public enum Visibility {
    /** Vendor staff only. */
    INTERNAL,
    /** Vendor staff and the customer's contacts. */
    CUSTOMER
}
