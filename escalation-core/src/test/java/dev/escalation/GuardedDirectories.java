package dev.escalation;

import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.util.List;
import java.util.Optional;

/**
 * Directories that fail the test when the engine calls them from inside a unit of work (while a
 * {@link RecordingStore} runs its {@code decide}): the engine must read every directory datum before the store call.
 */
final class GuardedDirectories {
    private GuardedDirectories() {}

    private static void check(String method) {
        if (RecordingStore.insideUnitOfWork()) {
            throw new GuardViolation("directory " + method + " called inside a unit of work");
        }
    }

    static CustomerDirectory customers(CustomerDirectory d) {
        return new CustomerDirectory() {
            @Override
            public Optional<CustomerAccount> account(CustomerId id) {
                check("account");
                return d.account(id);
            }

            @Override
            public Optional<Touchpoint> touchpoint(ContactId id) {
                check("touchpoint");
                return d.touchpoint(id);
            }

            @Override
            public List<Touchpoint> touchpoints(CustomerId customer, CustomerRole role) {
                check("touchpoints");
                return d.touchpoints(customer, role);
            }

            @Override
            public Optional<SupportCase> supportCase(CaseId id) {
                check("supportCase");
                return d.supportCase(id);
            }
        };
    }

    static StaffDirectory staff(StaffDirectory d) {
        return new StaffDirectory() {
            @Override
            public Optional<StaffMember> member(StaffId id) {
                check("member");
                return d.member(id);
            }

            @Override
            public List<StaffMember> withRole(StaffRole role) {
                check("withRole");
                return d.withRole(role);
            }
        };
    }
}
