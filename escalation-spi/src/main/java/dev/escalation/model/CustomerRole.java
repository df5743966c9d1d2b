package dev.escalation.model;

/** Roles a customer touchpoint is given at onboarding. Only {@link #INCIDENT_MANAGER} may escalate. */
public enum CustomerRole {
    /** Raises escalations and agrees the communication plan with the Escalation Manager. */
    INCIDENT_MANAGER,
    /** Technical contact for the support engineers. */
    TECHNICAL_CONTACT,
    /** Owns the business relationship. */
    BUSINESS_OWNER,
    /** Executive who sponsors the account. */
    EXECUTIVE_SPONSOR,
    /** Receives invoices. */
    BILLING_CONTACT
}
