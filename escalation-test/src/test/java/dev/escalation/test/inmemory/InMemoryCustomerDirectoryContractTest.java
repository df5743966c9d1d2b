package dev.escalation.test.inmemory;

import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.CustomerDirectoryContract;
import java.util.List;

/** The in-memory customer directory passes the directory contract. */
class InMemoryCustomerDirectoryContractTest extends CustomerDirectoryContract {

    @Override
    protected CustomerDirectory createDirectory(
            List<CustomerAccount> accounts, List<Touchpoint> touchpoints, List<SupportCase> cases) {
        InMemoryCustomerDirectory directory = new InMemoryCustomerDirectory();
        accounts.forEach(directory::add);
        touchpoints.forEach(directory::add);
        cases.forEach(directory::add);
        return directory;
    }
}
