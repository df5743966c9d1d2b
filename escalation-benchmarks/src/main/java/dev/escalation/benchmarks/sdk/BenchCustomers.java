package dev.escalation.benchmarks.sdk;

import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The customer directory of the benchmarks: one customer (ACME) with an Incident Manager and a technical contact,
 * and an unbounded number of open support cases, {@code C-<n>}, answered from the id like a host's case table would
 * (so the escalate benchmarks can use a fresh case per call without seeding millions of cases).
 */
public final class BenchCustomers implements CustomerDirectory {
    public static final CustomerId ACME = CustomerId.of("acme");
    private static final CustomerAccount ACCOUNT = new CustomerAccount(ACME, "ACME Corp", Optional.empty());
    private static final Touchpoint INA = new Touchpoint(
            ContactId.of("ina"),
            ACME,
            "Ina Incident",
            "ina@acme.example",
            Optional.empty(),
            Set.of(CustomerRole.INCIDENT_MANAGER),
            true);
    private static final Touchpoint TOM = new Touchpoint(
            ContactId.of("tom"),
            ACME,
            "Tom Technical",
            "tom@acme.example",
            Optional.empty(),
            Set.of(CustomerRole.TECHNICAL_CONTACT),
            true);
    private static final Map<ContactId, Touchpoint> CONTACTS = Map.of(INA.id(), INA, TOM.id(), TOM);

    @Override
    public Optional<CustomerAccount> account(CustomerId id) {
        return ACME.equals(id) ? Optional.of(ACCOUNT) : Optional.empty();
    }

    @Override
    public Optional<Touchpoint> touchpoint(ContactId id) {
        return Optional.ofNullable(CONTACTS.get(id));
    }

    @Override
    public List<Touchpoint> touchpoints(CustomerId customer, CustomerRole role) {
        return ACME.equals(customer) && role == CustomerRole.INCIDENT_MANAGER ? List.of(INA) : List.of();
    }

    @Override
    public Optional<SupportCase> supportCase(CaseId id) {
        return id.value().startsWith("C-")
                ? Optional.of(new SupportCase(id, ACME, "Nightly load fails"))
                : Optional.empty();
    }
}
