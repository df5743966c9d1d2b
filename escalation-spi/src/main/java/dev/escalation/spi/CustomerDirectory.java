package dev.escalation.spi;

import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import java.util.List;
import java.util.Optional;

/**
 * The host's onboarding data: customer accounts, their touchpoints with customer roles, and their cases.
 *
 * <p>Thread-safe; read-only for the engine. Throws {@link UnavailableException} when it cannot answer; the engine
 * then applies nothing and reports a retryable error.
 */
public interface CustomerDirectory {

    /**
     * Finds a customer account.
     *
     * @param id the account
     * @return the account, or empty
     */
    Optional<CustomerAccount> account(CustomerId id);

    /**
     * Finds a touchpoint.
     *
     * @param id the contact
     * @return the touchpoint, or empty
     */
    Optional<Touchpoint> touchpoint(ContactId id);

    /**
     * Lists the active touchpoints of an account that hold a role.
     *
     * @param customer the account
     * @param role     the role
     * @return the touchpoints, possibly empty
     */
    List<Touchpoint> touchpoints(CustomerId customer, CustomerRole role);

    /**
     * Finds a support case.
     *
     * @param id the case
     * @return the case, or empty
     */
    Optional<SupportCase> supportCase(CaseId id);
}
