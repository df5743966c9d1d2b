package dev.escalation.inmemory;

import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link CustomerDirectory} held in memory; the host (or a test) adds accounts, touchpoints and cases. */
public final class InMemoryCustomerDirectory implements CustomerDirectory {

    private final ConcurrentHashMap<CustomerId, CustomerAccount> accounts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ContactId, Touchpoint> touchpoints = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CaseId, SupportCase> cases = new ConcurrentHashMap<>();

    /** Creates an empty directory. */
    public InMemoryCustomerDirectory() {}

    /**
     * Adds or replaces an account.
     *
     * @param account the account
     * @return this directory
     */
    public InMemoryCustomerDirectory add(CustomerAccount account) {
        accounts.put(account.id(), account);
        return this;
    }

    /**
     * Adds or replaces a touchpoint.
     *
     * @param touchpoint the touchpoint
     * @return this directory
     */
    public InMemoryCustomerDirectory add(Touchpoint touchpoint) {
        touchpoints.put(touchpoint.id(), touchpoint);
        return this;
    }

    /**
     * Adds or replaces a case.
     *
     * @param supportCase the case
     * @return this directory
     */
    public InMemoryCustomerDirectory add(SupportCase supportCase) {
        cases.put(supportCase.id(), supportCase);
        return this;
    }

    @Override
    public Optional<CustomerAccount> account(CustomerId id) {
        return Optional.ofNullable(accounts.get(id));
    }

    @Override
    public Optional<Touchpoint> touchpoint(ContactId id) {
        return Optional.ofNullable(touchpoints.get(id));
    }

    @Override
    public List<Touchpoint> touchpoints(CustomerId customer, CustomerRole role) {
        Objects.requireNonNull(role, "role");
        return touchpoints.values().stream()
                .filter(t ->
                        t.active() && t.customer().equals(customer) && t.roles().contains(role))
                .sorted(java.util.Comparator.comparing(Touchpoint::id))
                .toList();
    }

    @Override
    public Optional<SupportCase> supportCase(CaseId id) {
        return Optional.ofNullable(cases.get(id));
    }

    /**
     * Lists the cases of a customer (for demos and tests).
     *
     * @param customer the account
     * @return its cases, ordered by id
     */
    public List<SupportCase> cases(CustomerId customer) {
        return cases.values().stream()
                .filter(c -> c.customer().equals(customer))
                .sorted(java.util.Comparator.comparing(SupportCase::id))
                .toList();
    }
}
