package dev.escalation.examples.portal;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.command.EscalateCase;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The seeded people, customers and cases of the demo. In a real host these come from the onboarding data (customer
 * touchpoints) and the staff directory.
 */
final class DemoData {
    static final CustomerId ACME = CustomerId.of("acme");
    static final CustomerId GLOBEX = CustomerId.of("globex");

    /** A person the actor picker offers. */
    record Persona(String key, String name, String description, boolean staff) {}

    static final List<Persona> PERSONAS = List.of(
            new Persona("contact:ina", "Ina Incident", "ACME · Incident Manager", false),
            new Persona("contact:tom", "Tom Technical", "ACME · technical contact (not an Incident Manager)", false),
            new Persona("contact:gil", "Gil Globex", "GLOBEX · Incident Manager", false),
            new Persona("staff:sam", "Sam Support", "Vendor · Support Management", true),
            new Persona("staff:eve", "Eve Escalation", "Vendor · Escalation Manager", true),
            new Persona("staff:dan", "Dan Developer", "Vendor · support engineer", true));

    private EscalationId globexEscalation;

    private DemoData() {}

    static DemoData seedDirectories(InMemoryCustomerDirectory customers, InMemoryStaffDirectory staff) {
        customers
                .add(new CustomerAccount(ACME, "ACME Corp", Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("ina"),
                        ACME,
                        "Ina Incident",
                        "ina@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new Touchpoint(
                        ContactId.of("tom"),
                        ACME,
                        "Tom Technical",
                        "tom@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.TECHNICAL_CONTACT),
                        true))
                .add(new SupportCase(CaseId.of("C-1"), ACME, "Nightly load fails with out-of-memory"))
                .add(new SupportCase(CaseId.of("C-2"), ACME, "Invoices show wrong tax totals"))
                .add(new SupportCase(CaseId.of("C-3"), ACME, "Production database unreachable"))
                .add(new SupportCase(CaseId.of("C-4"), ACME, "Export to CSV is slow"));
        customers
                .add(new CustomerAccount(GLOBEX, "Globex Inc.", Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("gil"),
                        GLOBEX,
                        "Gil Globex",
                        "gil@globex.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new SupportCase(CaseId.of("G-1"), GLOBEX, "Single sign-on rejects every user"))
                .add(new SupportCase(CaseId.of("G-2"), GLOBEX, "Mobile app crashes on start"));
        staff.add(new StaffMember(
                        StaffId.of("sam"),
                        "Sam Support",
                        "sam@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.SUPPORT_MANAGEMENT),
                        true))
                .add(new StaffMember(
                        StaffId.of("eve"),
                        "Eve Escalation",
                        "eve@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.ESCALATION_MANAGER),
                        true))
                .add(new StaffMember(
                        StaffId.of("dan"),
                        "Dan Developer",
                        "dan@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.SUPPORT_ENGINEER),
                        true));
        return new DemoData();
    }

    /** GLOBEX has an escalation already, so the support desk is not empty and tenant isolation is visible. */
    void seedEscalations(EscalationEngine engine) {
        EscalationReceipt receipt = engine.escalate(
                Actor.contact("gil"),
                new EscalateCase(
                        CaseId.of("G-1"),
                        "Nobody at Globex can sign in since this morning's certificate rotation.",
                        Cause.SOFTWARE_ERROR,
                        Criticality.HIGH,
                        "seed-globex-1"));
        globexEscalation = receipt.escalation();
    }

    /** The seeded GLOBEX escalation. */
    EscalationId globexEscalation() {
        return globexEscalation;
    }
}
