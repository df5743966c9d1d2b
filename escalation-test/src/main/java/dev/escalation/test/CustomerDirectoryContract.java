package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CalendarSpec;
import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.OpeningHours;
import dev.escalation.model.Preferences;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link CustomerDirectory}: rules C1 and C2 of {@code RULES.md}. The directory is read-only for
 * the engine, so the factory receives the accounts, touchpoints and cases it must hold (load them into the backend,
 * or answer from them in a test double).
 */
public abstract class CustomerDirectoryContract {

    private final String run = Kit.run("c");
    private CustomerDirectory directory;
    private CustomerAccount acme;
    private CustomerAccount globex;
    private Touchpoint ina;
    private Touchpoint tom;
    private Touchpoint gone;
    private Touchpoint gil;
    private SupportCase c1;
    private SupportCase g1;

    /** Creates the contract. */
    protected CustomerDirectoryContract() {}

    /**
     * Creates the directory under test holding exactly the given data. Called once per test.
     *
     * @param accounts    the customer accounts
     * @param touchpoints the touchpoints (active and inactive)
     * @param cases       the support cases
     * @return the directory
     */
    protected abstract CustomerDirectory createDirectory(
            List<CustomerAccount> accounts, List<Touchpoint> touchpoints, List<SupportCase> cases);

    @BeforeEach
    final void createDirectoryUnderTest() {
        CustomerId a = CustomerId.of(run + "-acme");
        CustomerId g = CustomerId.of(run + "-globex");
        acme = new CustomerAccount(
                a,
                "ACME Größe " + Records.SUPPLEMENTARY_TEXT,
                Optional.of(new CalendarSpec(
                        "Europe/Berlin",
                        Optional.of("DE-BY"),
                        List.of(
                                new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(18, 0)),
                                new OpeningHours(DayOfWeek.FRIDAY, LocalTime.of(8, 0), LocalTime.of(14, 30))))),
                Optional.of(Locale.GERMANY),
                Optional.of(ZoneId.of("Europe/Berlin")),
                Optional.of("gold"));
        globex = new CustomerAccount(g, "Globex", Optional.empty());
        ina = new Touchpoint(
                ContactId.of(run + "-ina"),
                a,
                "Ina Ärger",
                "ina@acme.example",
                Optional.of("+49 89 1234"),
                Set.of(CustomerRole.INCIDENT_MANAGER, CustomerRole.TECHNICAL_CONTACT),
                true,
                new Preferences(
                        Optional.of(Locale.GERMAN),
                        Optional.of(ZoneId.of("Europe/Vienna")),
                        List.of(DeliveryChannel.SMS, DeliveryChannel.EMAIL)));
        tom = new Touchpoint(
                ContactId.of(run + "-tom"),
                a,
                "Tom",
                "tom@acme.example",
                Optional.empty(),
                Set.of(CustomerRole.TECHNICAL_CONTACT),
                true);
        gone = new Touchpoint(
                ContactId.of(run + "-gone"),
                a,
                "Gone",
                "gone@acme.example",
                Optional.empty(),
                Set.of(CustomerRole.INCIDENT_MANAGER),
                false);
        gil = new Touchpoint(
                ContactId.of(run + "-gil"),
                g,
                "Gil",
                "gil@globex.example",
                Optional.empty(),
                Set.of(CustomerRole.INCIDENT_MANAGER),
                true,
                new Preferences(Optional.empty(), Optional.empty(), List.of()));
        c1 = new SupportCase(CaseId.of(run + "-C-1"), a, "Nightly load fails");
        g1 = new SupportCase(CaseId.of(run + "-G-1"), g, "Portal slow");
        directory = createDirectory(List.of(acme, globex), List.of(ina, tom, gone, gil), List.of(c1, g1));
        assertThat(directory).as("createDirectory() returned null").isNotNull();
    }

    /** C1: account, touchpoint and supportCase return the records unchanged (inactive ones too); unknown ids: empty. */
    @Test
    void c1_lookUpsReturnTheRecordsUnchanged() {
        String check = "that every component is mapped: name, contract calendar, default locale and zone, tier; "
                + "roles, active, phone and preferences (locale, zone, channels in order, possibly none)";
        for (CustomerAccount a : List.of(acme, globex)) {
            assertThat(directory.account(a.id()))
                    .as(broken("C1", "account(" + a.id() + ") is not the account", check))
                    .contains(a);
        }
        for (Touchpoint t : List.of(ina, tom, gone, gil)) {
            assertThat(directory.touchpoint(t.id()))
                    .as(broken(
                            "C1",
                            "touchpoint(" + t.id() + ") is not the touchpoint (inactive ones are found too)",
                            check))
                    .contains(t);
        }
        for (SupportCase c : List.of(c1, g1)) {
            assertThat(directory.supportCase(c.id()))
                    .as(broken("C1", "supportCase(" + c.id() + ") is not the case", check))
                    .contains(c);
        }
        String unknown = "that a look-up of an unknown id returns Optional.empty()";
        assertThat(directory.account(CustomerId.of(run + "-nobody")))
                .as(broken("C1", "account of an unknown id is present", unknown))
                .isEmpty();
        assertThat(directory.touchpoint(ContactId.of(run + "-nobody")))
                .as(broken("C1", "touchpoint of an unknown id is present", unknown))
                .isEmpty();
        assertThat(directory.supportCase(CaseId.of(run + "-nothing")))
                .as(broken("C1", "supportCase of an unknown id is present", unknown))
                .isEmpty();
        // an id that differs from a known one only in case, or is a prefix of it, is another (unknown) id
        String exact = "that look-ups match the id exactly: case-sensitive (no case-insensitive collation or "
                + "equalsIgnoreCase) and whole (no prefix or LIKE search)";
        for (String variant : variants(acme.id().value())) {
            assertThat(directory.account(CustomerId.of(variant)))
                    .as(broken("C1", "account(" + variant + ") found the account " + acme.id(), exact))
                    .isEmpty();
        }
        for (String variant : variants(ina.id().value())) {
            assertThat(directory.touchpoint(ContactId.of(variant)))
                    .as(broken("C1", "touchpoint(" + variant + ") found the touchpoint " + ina.id(), exact))
                    .isEmpty();
        }
        for (String variant : variants(c1.id().value())) {
            assertThat(directory.supportCase(CaseId.of(variant)))
                    .as(broken("C1", "supportCase(" + variant + ") found the case " + c1.id(), exact))
                    .isEmpty();
        }
    }

    /** Ids a directory must not confuse with {@code id}: in upper and title case, and without its last character. */
    static List<String> variants(String id) {
        return List.of(
                id.toUpperCase(Locale.ROOT),
                id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1),
                id.substring(0, id.length() - 1));
    }

    /** C2: touchpoints(customer, role) lists exactly that customer's active touchpoints holding the role. */
    @Test
    void c2_touchpointsAreTheActiveHoldersOfTheRole() {
        String check = "that touchpoints filters by customer, by role and by active, and lists each touchpoint once";
        assertThat(directory.touchpoints(acme.id(), CustomerRole.INCIDENT_MANAGER))
                .as(broken("C2", "ACME's incident managers are not exactly [ina] (gone is inactive)", check))
                .containsExactly(ina);
        assertThat(directory.touchpoints(acme.id(), CustomerRole.TECHNICAL_CONTACT))
                .as(broken("C2", "ACME's technical contacts are not exactly ina and tom", check))
                .containsExactlyInAnyOrder(ina, tom);
        assertThat(directory.touchpoints(globex.id(), CustomerRole.INCIDENT_MANAGER))
                .as(broken("C2", "Globex's incident managers are not exactly [gil]", check))
                .containsExactly(gil);
        assertThat(directory.touchpoints(acme.id(), CustomerRole.BILLING_CONTACT))
                .as(broken("C2", "a role nobody holds has touchpoints", check))
                .isEmpty();
        assertThat(directory.touchpoints(CustomerId.of(run + "-nobody"), CustomerRole.INCIDENT_MANAGER))
                .as(broken("C2", "an unknown customer has touchpoints", check))
                .isEmpty();
    }
}
