package dev.escalation.test.engine;

import dev.escalation.Actor;
import dev.escalation.EscalationEngineBuilder;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.EscalateCase;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Preferences;
import dev.escalation.model.StaffId;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The cast of the engine's behaviour tests, seeded into the kit's {@link Scenario} (the one fixture): customers ACME
 * (ina = Incident Manager, tom = technical contact, ivy = Incident Manager and Business Owner, old = inactive Incident
 * Manager) and GLOBEX (gil = Incident Manager); the scenario's staff sam, eve, max, dan, hal; cases C-1, C-2 (ACME)
 * and G-1 (GLOBEX); delivery lease 1 min, batch 100, 3 attempts. Plus the steps most tests start from and reads of
 * the store.
 */
final class Cast {
    static final Actor INA = Actor.contact("ina");
    static final Actor IVY = Actor.contact("ivy");
    static final Actor TOM = Actor.contact("tom");
    static final Actor OLD = Actor.contact("old");
    static final Actor GIL = Actor.contact("gil");
    static final Actor SAM = Actor.staff("sam");
    static final Actor EVE = Actor.staff("eve");
    static final Actor MAX = Actor.staff("max");
    static final Actor DAN = Actor.staff("dan");
    static final Actor HAL = Actor.staff("hal");
    static final CaseId C1 = CaseId.of("C-1");
    static final CaseId C2 = CaseId.of("C-2");
    static final CaseId G1 = CaseId.of("G-1");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private Cast() {}

    /** A scenario with the cast, at Tuesday 12 January 2027, 10:00 Berlin. */
    static Scenario world() {
        return world(b -> {});
    }

    /** A scenario with the cast and further engine settings (applied last). */
    static Scenario world(Consumer<EscalationEngineBuilder> customise) {
        return Scenario.create()
                .given(Cast::seed)
                .configure(b -> b.delivery(Duration.ofMinutes(1), 100, 3))
                .configure(customise);
    }

    /** Replaces {@code contact}'s preferences by these channels, in this order (no own zone or language). */
    static void prefer(Scenario w, String contact, DeliveryChannel... channels) {
        withPreferences(w, contact, p -> new Preferences(Optional.empty(), Optional.empty(), List.of(channels)));
    }

    /** Gives a contact a language of their own, keeping their zone and channels. */
    static void speaks(Scenario w, String contact, java.util.Locale locale) {
        withPreferences(w, contact, p -> new Preferences(Optional.of(locale), p.zone(), p.channels()));
    }

    private static void withPreferences(
            Scenario w, String contact, java.util.function.UnaryOperator<Preferences> change) {
        Touchpoint t = w.customerDirectory().touchpoint(ContactId.of(contact)).orElseThrow();
        w.customerDirectory()
                .add(new Touchpoint(
                        t.id(),
                        t.customer(),
                        t.displayName(),
                        t.email(),
                        t.phone(),
                        t.roles(),
                        t.active(),
                        change.apply(t.preferences())));
    }

    /** Gives {@code contact} a zone of its own in the customer directory (by e-mail, no own language). */
    static void zone(Scenario w, String contact, ZoneId zone) {
        withPreferences(
                w, contact, p -> new Preferences(Optional.empty(), Optional.of(zone), List.of(DeliveryChannel.EMAIL)));
    }

    /** A scenario with the cast and the engine's own delivery defaults (attempts and backoff as shipped). */
    static Scenario worldWithDefaultDelivery() {
        return Scenario.create().given(Cast::seed);
    }

    /** A scenario with the cast whose engine works on {@code store} (another scenario's, to share its data). */
    static Scenario world(Consumer<EscalationEngineBuilder> customise, EscalationStore store) {
        return world(customise.andThen(b -> b.store(store)));
    }

    private static void seed(InMemoryCustomerDirectory customers) {
        CustomerId acme = CustomerId.of("acme");
        CustomerId globex = CustomerId.of("globex");
        customers
                .add(new CustomerAccount(acme, "ACME", Optional.empty()))
                .add(new CustomerAccount(globex, "GLOBEX", Optional.empty()))
                .add(contact("ina", acme, true, CustomerRole.INCIDENT_MANAGER))
                .add(contact("ivy", acme, true, CustomerRole.INCIDENT_MANAGER, CustomerRole.BUSINESS_OWNER))
                .add(contact("tom", acme, true, CustomerRole.TECHNICAL_CONTACT))
                .add(contact("old", acme, false, CustomerRole.INCIDENT_MANAGER))
                .add(contact("gil", globex, true, CustomerRole.INCIDENT_MANAGER))
                .add(new SupportCase(C1, acme, "Nightly load fails"))
                .add(new SupportCase(C2, acme, "Slow queries"))
                .add(new SupportCase(G1, globex, "Login broken"));
    }

    private static Touchpoint contact(String id, CustomerId customer, boolean active, CustomerRole... roles) {
        return new Touchpoint(
                ContactId.of(id),
                customer,
                "Contact " + id,
                id + "@customer.example",
                Optional.of("+49 30 " + id.length()),
                Set.of(roles),
                active);
    }

    static EscalateCase escalateC1() {
        return new EscalateCase(C1, "The nightly load fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, null);
    }

    /** Ina escalates C-1 (HIGH). */
    static EscalationId escalated(Scenario s) {
        return s.engine().escalate(INA, escalateC1()).escalation();
    }

    /** Escalated, then acknowledged by sam with eve as manager. */
    static EscalationId acknowledged(Scenario s) {
        EscalationId id = escalated(s);
        s.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        return id;
    }

    /** Acknowledged, then eve agrees a daily video-call plan, first update in 2 h. */
    static EscalationId active(Scenario s) {
        EscalationId id = acknowledged(s);
        s.engine()
                .agreePlan(
                        EVE,
                        new AgreePlan(
                                id,
                                Duration.ofDays(1),
                                Channel.VIDEO_CALL,
                                s.clock().instant().plus(Duration.ofHours(2))));
        return id;
    }

    static StoredEscalation stored(Scenario s, EscalationId id) {
        return s.store().findForVendor(id).orElseThrow();
    }

    /** The whole stored log of an escalation (tests read it; the engine's commands never do). */
    static List<StoredEntry> log(Scenario s, EscalationId id) {
        List<StoredEntry> all = new ArrayList<>();
        while (true) {
            List<StoredEntry> page = s.store().entriesForVendor(id, all.size(), 500);
            all.addAll(page);
            if (page.size() < 500) {
                return all;
            }
        }
    }

    static StoredEntry lastEntry(Scenario s, EscalationId id) {
        List<StoredEntry> log = log(s, id);
        return log.get(log.size() - 1);
    }

    /** Side effects neither delivered nor dead-lettered. */
    static long pending(Scenario s) {
        return s.store().outbox().counts().pending();
    }
}
