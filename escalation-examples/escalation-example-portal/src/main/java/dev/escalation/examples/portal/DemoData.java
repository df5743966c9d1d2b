package dev.escalation.examples.portal;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.command.EscalateCase;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.Preferences;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The seeded people, customers and cases of the demo. In a real host these come from the onboarding data (customer
 * touchpoints) and the staff directory; the sign-in users of {@link SecurityConfiguration} have the same names.
 */
final class DemoData {
    static final CustomerId ACME = CustomerId.of("acme");
    static final CustomerId GLOBEX = CustomerId.of("globex");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** A person who can sign in (password {@link SecurityConfiguration#DEMO_PASSWORD}). */
    record Person(String user, String name, String descriptionEn, String descriptionDe, boolean staff) {}

    static final List<Person> PEOPLE = List.of(
            new Person(
                    "ina",
                    "Ina Incident",
                    "ACME · Incident Manager · Berlin",
                    "ACME · Incident Manager · Berlin",
                    false),
            new Person(
                    "tom",
                    "Tom Technical",
                    "ACME · technical contact (not an Incident Manager)",
                    "ACME · technischer Kontakt (kein Incident Manager)",
                    false),
            new Person(
                    "gil",
                    "Gil Globex",
                    "GLOBEX · Incident Manager · New York",
                    "GLOBEX · Incident Manager · New York",
                    false),
            new Person("sam", "Sam Support", "Vendor · Support Management", "Hersteller · Support Management", true),
            new Person("eve", "Eve Escalation", "Vendor · Escalation Manager", "Hersteller · Escalation Manager", true),
            new Person("dan", "Dan Developer", "Vendor · support engineer", "Hersteller · Support-Ingenieur", true));

    private DemoData() {}

    /** A contact's preferences: their language and zone; notifications go to the portal inbox. */
    private static Preferences prefs(Locale locale, ZoneId zone) {
        return new Preferences(Optional.of(locale), Optional.of(zone), List.of(DeliveryChannel.PORTAL));
    }

    /** Staff read the desk in the vendor's zone; their notifications go to the portal inbox too. */
    private static Preferences staffPrefs() {
        return new Preferences(Optional.empty(), Optional.of(BERLIN), List.of(DeliveryChannel.PORTAL));
    }

    static InMemoryCustomerDirectory customers() {
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
        customers
                .add(new CustomerAccount(
                        ACME,
                        "ACME Corp",
                        Optional.empty(),
                        Optional.of(Locale.GERMAN),
                        Optional.of(BERLIN),
                        Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("ina"),
                        ACME,
                        "Ina Incident",
                        "ina@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true,
                        prefs(Locale.GERMAN, BERLIN)))
                .add(new Touchpoint(
                        ContactId.of("tom"),
                        ACME,
                        "Tom Technical",
                        "tom@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.TECHNICAL_CONTACT),
                        true,
                        prefs(Locale.GERMAN, BERLIN)))
                .add(new SupportCase(CaseId.of("C-1"), ACME, "Nightly load fails with out-of-memory"))
                .add(new SupportCase(CaseId.of("C-2"), ACME, "Invoices show wrong tax totals"))
                .add(new SupportCase(CaseId.of("C-3"), ACME, "Production database unreachable"))
                .add(new SupportCase(CaseId.of("C-4"), ACME, "Export to CSV is slow"))
                .add(new SupportCase(CaseId.of("C-5"), ACME, "Backup job hangs every weekend"));
        customers
                .add(new CustomerAccount(
                        GLOBEX,
                        "Globex Inc.",
                        Optional.empty(),
                        Optional.of(Locale.ENGLISH),
                        Optional.of(NEW_YORK),
                        Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("gil"),
                        GLOBEX,
                        "Gil Globex",
                        "gil@globex.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true,
                        prefs(Locale.ENGLISH, NEW_YORK)))
                .add(new SupportCase(CaseId.of("G-1"), GLOBEX, "Single sign-on rejects every user"))
                .add(new SupportCase(CaseId.of("G-2"), GLOBEX, "Mobile app crashes on start"))
                .add(new SupportCase(CaseId.of("G-3"), GLOBEX, "Reports time out at month end"));
        return customers;
    }

    static InMemoryStaffDirectory staff() {
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        staff.add(new StaffMember(
                        StaffId.of("sam"),
                        "Sam Support",
                        "sam@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.SUPPORT_MANAGEMENT),
                        true,
                        staffPrefs()))
                .add(new StaffMember(
                        StaffId.of("eve"),
                        "Eve Escalation",
                        "eve@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.ESCALATION_MANAGER),
                        true,
                        staffPrefs()))
                .add(new StaffMember(
                        StaffId.of("dan"),
                        "Dan Developer",
                        "dan@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.SUPPORT_ENGINEER),
                        true,
                        staffPrefs()));
        return staff;
    }

    /**
     * GLOBEX has an escalation already, so the support desk is not empty and tenant isolation is visible. Idempotent:
     * on a kept database the same submission id returns the stored escalation.
     */
    static void seedEscalations(EscalationEngine engine) {
        engine.escalate(
                Actor.contact("gil"),
                new EscalateCase(
                        CaseId.of("G-1"),
                        "Nobody at Globex can sign in since this morning's certificate rotation.",
                        Cause.SOFTWARE_ERROR,
                        Criticality.HIGH,
                        "seed-globex-1"));
    }
}
