package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.Preferences;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link StaffDirectory}: rules P1 and P2 of {@code RULES.md}. The directory is read-only for the
 * engine, so the factory receives the staff members it must hold.
 */
public abstract class StaffDirectoryContract {

    private final String run = Kit.run("p");
    private StaffDirectory directory;
    private StaffMember sam;
    private StaffMember eve;
    private StaffMember max;
    private StaffMember hal;

    /** Creates the contract. */
    protected StaffDirectoryContract() {}

    /**
     * Creates the directory under test holding exactly the given staff members. Called once per test.
     *
     * @param members the members (active and inactive)
     * @return the directory
     */
    protected abstract StaffDirectory createDirectory(List<StaffMember> members);

    @BeforeEach
    final void createDirectoryUnderTest() {
        sam = new StaffMember(
                StaffId.of(run + "-sam"),
                "Sam Šimek " + Records.SUPPLEMENTARY_TEXT,
                "sam@vendor.example",
                Optional.of("+49 911 1"),
                Set.of(StaffRole.SUPPORT_MANAGEMENT),
                true,
                new Preferences(
                        Optional.of(Locale.forLanguageTag("cs-CZ")),
                        Optional.of(ZoneId.of("Europe/Prague")),
                        List.of(DeliveryChannel.PORTAL, DeliveryChannel.SMS)));
        eve = new StaffMember(
                StaffId.of(run + "-eve"),
                "Eve",
                "eve@vendor.example",
                Optional.empty(),
                Set.of(StaffRole.ESCALATION_MANAGER),
                true);
        max = new StaffMember(
                StaffId.of(run + "-max"),
                "Max",
                "max@vendor.example",
                Optional.empty(),
                Set.of(StaffRole.ESCALATION_MANAGER),
                false);
        hal = new StaffMember(
                StaffId.of(run + "-hal"),
                "Hal",
                "hal@vendor.example",
                Optional.empty(),
                Set.of(StaffRole.HEAD_OF_SUPPORT, StaffRole.SUPPORT_MANAGEMENT),
                true);
        directory = createDirectory(List.of(sam, eve, max, hal));
        assertThat(directory).as("createDirectory() returned null").isNotNull();
    }

    /** P1: member returns each staff member unchanged (inactive ones too); an unknown id: empty. */
    @Test
    void p1_memberReturnsTheRecordUnchanged() {
        String check = "that every component is mapped: name, e-mail, phone, roles, active and preferences (locale, "
                + "zone, channels in order)";
        for (StaffMember m : List.of(sam, eve, max, hal)) {
            assertThat(directory.member(m.id()))
                    .as(broken(
                            "P1",
                            "member(" + m.id() + ") is not the staff member (inactive ones are found too)",
                            check))
                    .contains(m);
        }
        assertThat(directory.member(StaffId.of(run + "-nobody")))
                .as(broken("P1", "member of an unknown id is present", "that an unknown id returns Optional.empty()"))
                .isEmpty();
        for (String variant : CustomerDirectoryContract.variants(eve.id().value())) {
            assertThat(directory.member(StaffId.of(variant)))
                    .as(broken(
                            "P1",
                            "member(" + variant + ") found the staff member " + eve.id(),
                            "that member matches the id exactly: case-sensitive (no case-insensitive collation or "
                                    + "equalsIgnoreCase) and whole (no prefix or LIKE search)"))
                    .isEmpty();
        }
    }

    /** P2: withRole lists exactly the active staff members holding the role. */
    @Test
    void p2_withRoleListsTheActiveHoldersOfTheRole() {
        String check = "that withRole filters by role and by active, and lists each member once";
        assertThat(directory.withRole(StaffRole.SUPPORT_MANAGEMENT))
                .as(broken("P2", "Support Management is not exactly sam and hal", check))
                .containsExactlyInAnyOrder(sam, hal);
        assertThat(directory.withRole(StaffRole.ESCALATION_MANAGER))
                .as(broken("P2", "the Escalation Managers are not exactly [eve] (max left)", check))
                .containsExactly(eve);
        assertThat(directory.withRole(StaffRole.SUPPORT_ENGINEER))
                .as(broken("P2", "a role nobody holds has members", check))
                .isEmpty();
    }
}
