package dev.escalation.sla;

/** Which calendar a deadline's business time is measured in. */
public enum SlaCalendar {
    /** The vendor's coverage hours (the engine builder's {@code coverage}). */
    VENDOR_COVERAGE,
    /**
     * The customer's contract calendar ({@code CustomerAccount.contractCalendar()}); a customer without one is
     * measured in vendor coverage.
     */
    CUSTOMER_CONTRACT
}
