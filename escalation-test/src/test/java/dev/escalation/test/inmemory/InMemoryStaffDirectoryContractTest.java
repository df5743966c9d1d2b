package dev.escalation.test.inmemory;

import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import dev.escalation.test.StaffDirectoryContract;
import java.util.List;

/** The in-memory staff directory passes the directory contract. */
class InMemoryStaffDirectoryContractTest extends StaffDirectoryContract {

    @Override
    protected StaffDirectory createDirectory(List<StaffMember> members) {
        InMemoryStaffDirectory directory = new InMemoryStaffDirectory();
        members.forEach(directory::add);
        return directory;
    }
}
