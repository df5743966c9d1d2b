package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.GIL;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.AuditSettings;
import dev.escalation.CustomerQuery;
import dev.escalation.DataSubject;
import dev.escalation.EscalationNotFoundException;
import dev.escalation.EscalationUnavailableException;
import dev.escalation.PortalMessageView;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.StaffId;
import dev.escalation.spi.Notification;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PortalMessages;
import dev.escalation.test.Scenario;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stores that return another tenant's rows (a {@link PlantedStore} around the in-memory store, a portal-message store
 * that files another customer's messages under the reader's customer): the engine never hands them on.
 */
class StoreFaultsTest {
    private static final CustomerId ACME = CustomerId.of("acme");

    private final InMemoryNotifier mail = new InMemoryNotifier();
    private final InMemoryPortalMessages portal = new InMemoryPortalMessages();

    static EscalationId gilEscalates(Scenario w) {
        return w.engine()
                .escalate(
                        GIL,
                        new dev.escalation.command.EscalateCase(
                                Cast.G1, "Login broken", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
    }

    /** A planted store around the world's in-memory store, which the world's engine now uses. */
    static PlantedStore planted(Scenario w) {
        PlantedStore store = new PlantedStore(w.store());
        w.configure(b -> b.store(store));
        return store;
    }

    /** A portal store that answers a contact's inbox with every contact's messages, each re-filed as the reader's. */
    private PortalMessages refiling() {
        return StoreFaultProperties.refiling(portal, () -> true);
    }

    @Test
    void anotherCustomersPortalMessageFiledUnderTheReadersCustomerIsNotShown() {
        Scenario w = Cast.world(b -> b.portalMessages(refiling())).notifiers(mail);
        Cast.prefer(w, "ina", DeliveryChannel.PORTAL);
        Cast.prefer(w, "gil", DeliveryChannel.PORTAL);
        EscalationId inas = Cast.escalated(w);
        EscalationId gils = gilEscalates(w);
        w.engine().deliverPending();
        assertThat(portal.messagesFor(new PartyRef(Party.Kind.CONTACT, "gil"), PageRequest.first(10))
                        .items())
                .as("gil has a message the store can mis-file")
                .isNotEmpty();

        for (boolean restarted : List.of(false, true)) {
            if (restarted) { // a new engine on the same stores: it has seen no escalation lately, so it loads them
                w.configure(b -> {});
            }
            List<PortalMessageView> inbox =
                    w.engine().messagesFor(INA, PageRequest.first(50)).items();

            assertThat(inbox).as("restarted: %s", restarted).isNotEmpty().allSatisfy(m -> {
                assertThat(m.escalation()).isEqualTo(inas);
                assertThat(m.caseId()).isEqualTo(Cast.C1);
            });
            assertThat(inbox).noneMatch(m -> m.escalation().equals(gils));
        }
    }

    @Test
    void dueWorkWhoseEscalationLoadsAsAnotherCustomersRemindsNobodyAndIsTriedAgain() {
        Scenario w = Cast.world().notifiers(mail);
        PlantedStore store = planted(w);
        EscalationId inas = Cast.active(w); // eve's plan: the first update in 2 h, reminded before
        EscalationId gils = gilEscalates(w);
        w.engine().deliverPending();
        int before = mail.delivered().size();
        store.swap.put(inas, gils);
        w.clock().advance(Duration.ofHours(3));

        assertThatThrownBy(() -> w.engine().processDueWork()).isInstanceOf(EscalationUnavailableException.class);
        w.engine().deliverPending();

        List<Notification> sent =
                mail.delivered().subList(before, mail.delivered().size());
        assertThat(sent).as("nothing reminded about another escalation").isEmpty();

        store.swap.clear();
        w.clock().advance(Duration.ofHours(1)); // the lease has run out: the item is due again
        w.engine().processDueWork();
        w.engine().deliverPending();
        List<Notification> later =
                mail.delivered().subList(before, mail.delivered().size());
        assertThat(later)
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.escalation()).isEqualTo(inas))
                .noneMatch(n -> n.recipient().id().equals("gil"));
    }

    @Test
    void anAuditTrailLoadedAsAnotherEscalationIsNotFound() throws Exception {
        java.security.KeyPair signing = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Scenario w = Cast.world(
                b -> b.auditTrail(new AuditSettings(new InMemorySubjectKeys(), new InMemoryAuditAnchors(), signing)));
        PlantedStore store = planted(w);
        EscalationId inas = Cast.escalated(w);
        EscalationId gils = gilEscalates(w);
        store.swap.put(inas, gils);

        assertThatThrownBy(() -> w.engine().auditTrail(SAM, inas)).isInstanceOf(EscalationNotFoundException.class);
        assertThatThrownBy(() -> w.engine().operations().audit().verify(SAM, inas))
                .isInstanceOf(EscalationNotFoundException.class);
        assertThatThrownBy(() -> w.engine().operations().audit().anchor(SAM, inas))
                .isInstanceOf(EscalationNotFoundException.class);
        store.swap.clear();
        assertThat(w.engine().auditTrail(SAM, inas).records()).isNotEmpty();
    }

    @Test
    void aPersonalDataExportOfAnotherPersonIsNeitherShownNorErased() {
        Scenario w = Cast.world();
        PlantedStore store = planted(w);
        Cast.escalated(w);
        EscalationId gils = gilEscalates(w);
        store.exportAs = new PartyRef(Party.Kind.CONTACT, "gil");

        assertThatThrownBy(() -> w.engine().operations().exportPerson(SAM, DataSubject.contact("ina")))
                .isInstanceOf(EscalationUnavailableException.class);
        assertThatThrownBy(() -> w.engine().operations().erasePerson(SAM, DataSubject.contact("ina")))
                .isInstanceOf(EscalationUnavailableException.class)
                .hasMessageNotContaining(gils.value());

        store.exportAs = null;
        assertThat(w.engine()
                        .operations()
                        .exportPerson(SAM, DataSubject.contact("ina"))
                        .escalations())
                .noneMatch(i -> i.escalation().equals(gils))
                .isNotEmpty();
    }

    @Test
    void aRepeatedEscalateWhoseEscalationLoadsAsAnotherOneReturnsNoOtherEscalation() {
        Scenario w = Cast.world();
        PlantedStore store = planted(w);
        EscalationId c1 = Cast.escalated(w);
        EscalationId c2 = w.engine()
                .escalate(
                        INA,
                        new dev.escalation.command.EscalateCase(
                                Cast.C2, "Slow", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        store.swap.put(c1, c2);

        try {
            assertThat(w.engine().escalate(INA, Cast.escalateC1()).escalation()).isEqualTo(c1);
        } catch (dev.escalation.EscalationException refused) {
            assertThat(refused.isRetryable()).as(refused.code()).isTrue();
            assertThat(refused.getMessage()).doesNotContain(c2.value());
        }
    }

    @Test
    void aSubmissionKeyTheStoreSharesAcrossCustomersNeverAnswersWithAnotherCustomersEscalation() {
        Scenario w = Cast.world();
        PlantedStore store = planted(w);
        EscalationId gils = w.engine()
                .escalate(
                        GIL,
                        new dev.escalation.command.EscalateCase(
                                Cast.G1, "Login broken", Cause.SOFTWARE_ERROR, Criticality.HIGH, "form-1"))
                .escalation();
        store.globalSubmissions = true;
        dev.escalation.command.EscalateCase inas = new dev.escalation.command.EscalateCase(
                Cast.C1, "The nightly load fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, "form-1");

        try {
            EscalationId answered = w.engine().escalate(INA, inas).escalation();
            assertThat(answered).as("ina's receipt").isNotEqualTo(gils);
        } catch (dev.escalation.EscalationException refused) {
            assertThat(refused.isRetryable()).as(refused.code()).isTrue();
            assertThat(refused.getMessage())
                    .as("the refusal names nothing of GLOBEX's")
                    .doesNotContain(gils.value())
                    .doesNotContain(Cast.G1.value());
            for (Throwable t = refused.getCause(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage()))
                        .as("its cause names nothing of GLOBEX's")
                        .doesNotContain(gils.value());
            }
        }
        assertThat(Cast.stored(w, gils).version())
                .as("GLOBEX's escalation is unchanged")
                .isEqualTo(1);
    }

    @Test
    void aQueryThatIgnoresItsCaseDoesNotMakeAnotherCaseLookEscalated() {
        Scenario w = Cast.world();
        PlantedStore store = planted(w);
        EscalationId c1 = Cast.escalated(w);
        store.ignoresFilters = true;

        for (dev.escalation.Actor asks : List.of(INA, SAM)) {
            assertThat(w.engine().openEscalationOfCase(asks, Cast.C2))
                    .as("%s asks for C-2, which has no escalation", asks)
                    .isEmpty();
            assertThat(w.engine().openEscalationOfCase(asks, Cast.C1))
                    .map(EscalationSummary::id)
                    .contains(c1);
        }
        w.engine().withdraw(INA, new dev.escalation.command.Withdraw(c1, "solved it ourselves"));
        for (dev.escalation.Actor asks : List.of(INA, SAM)) {
            assertThat(w.engine().openEscalationOfCase(asks, Cast.C1))
                    .as("%s asks for C-1, whose escalation was withdrawn", asks)
                    .isEmpty();
        }
    }

    @Test
    void internalEntriesInACustomersLogPageNeverReachTheContact() {
        Scenario w = Cast.world();
        PlantedStore store = planted(w);
        EscalationId id = Cast.active(w);
        w.engine()
                .logProgress(
                        Cast.EVE,
                        new dev.escalation.command.LogProgress(
                                id,
                                dev.escalation.command.LogProgress.Kind.NOTE,
                                "Customer's DBA is weak",
                                dev.escalation.model.Visibility.INTERNAL));
        store.leakEntries = true;

        for (int size : List.of(1, 2, 100)) {
            List<dev.escalation.TimelineEntry> contact = new java.util.ArrayList<>();
            PageRequest page = PageRequest.first(size);
            for (int pages = 0; pages < 50; pages++) {
                dev.escalation.model.Page<dev.escalation.TimelineEntry> p =
                        w.engine().timeline(INA, id, page);
                contact.addAll(p.items());
                if (p.next().isEmpty()) {
                    break;
                }
                page = PageRequest.after(p.next().get(), size);
            }
            assertThat(contact).as("page size %s", size).isNotEmpty();
            assertThat(contact)
                    .as("page size %s", size)
                    .extracting(dev.escalation.TimelineEntry::visibility)
                    .containsOnly(dev.escalation.model.Visibility.CUSTOMER);
            assertThat(contact.toString()).doesNotContain("DBA");
        }
        assertThat(w.engine().timeline(SAM, id, PageRequest.first(100)).items().toString())
                .contains("DBA");
    }

    @Test
    void byIdReadsAndCommandsLoadedAsAnotherCustomersEscalationShowNothingOfIt() {
        Scenario w = Cast.world();
        PlantedStore store = planted(w);
        EscalationId inas = Cast.escalated(w);
        EscalationId gils = gilEscalates(w);
        store.swap.put(inas, gils);

        assertThat(w.engine().find(INA, inas)).isEmpty();
        assertThat(w.engine().find(SAM, inas)).isEmpty();
        assertThatThrownBy(() -> w.engine().timeline(INA, inas, PageRequest.first(10)))
                .isInstanceOf(EscalationNotFoundException.class);
        assertThatThrownBy(() -> w.engine().deadlines(INA, inas)).isInstanceOf(EscalationNotFoundException.class);
        assertThatThrownBy(() ->
                        w.engine().changeCriticality(INA, new ChangeCriticality(inas, Criticality.CRITICAL, null)))
                .isInstanceOf(EscalationNotFoundException.class);
        assertThatThrownBy(() -> w.engine().acknowledge(SAM, new Acknowledge(inas, StaffId.of("eve"), "Called")))
                .isInstanceOf(EscalationNotFoundException.class);
        assertThat(Cast.stored(w, gils).version())
                .as("the other escalation is unchanged")
                .isEqualTo(1);
    }

    @Test
    void pagesThatCarryOtherCustomersEscalationsAreCutToTheContactsOwn() {
        Scenario w = Cast.world();
        PlantedStore store = planted(w);
        EscalationId inas = Cast.escalated(w);
        gilEscalates(w);
        store.leakPages = true;

        assertThat(w.engine()
                        .escalationsOfCustomer(INA, CustomerQuery.all(), PageRequest.first(10))
                        .items())
                .extracting(EscalationSummary::id)
                .containsExactly(inas);
        assertThat(w.engine()
                        .escalationsOfCustomer(INA, CustomerQuery.open(), PageRequest.first(10))
                        .items())
                .extracting(EscalationSummary::id)
                .containsExactly(inas);
        assertThat(w.engine().openEscalationOfCase(GIL, Cast.C1)).isEmpty();
    }

    @Test
    void eachStoreFaultIsAWarningWithIdsOnly() {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Scenario w = Cast.world(b -> b.portalMessages(refiling())).notifiers(mail);
            PlantedStore store = new PlantedStore(w.store());
            w.configure(b -> b.store(store).portalMessages(refiling()));
            Cast.prefer(w, "ina", DeliveryChannel.PORTAL);
            Cast.prefer(w, "gil", DeliveryChannel.PORTAL);
            EscalationId inas = Cast.escalated(w);
            EscalationId gils = gilEscalates(w);
            w.engine().deliverPending();
            captured.reset();
            store.swap.put(inas, gils);
            store.leakPages = true;

            assertThat(w.engine().find(INA, inas)).isEmpty();
            w.engine().escalationsOfCustomer(INA, CustomerQuery.all(), PageRequest.first(10));
            w.engine().messagesFor(INA, PageRequest.first(10));
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log)
                .contains("WARN", "store fault: read of escalation E-1 returned another escalation's row")
                .contains("store fault: customer list returned 1 rows outside the caller's scope")
                .contains("store fault: portal inbox returned")
                .doesNotContain("Contact gil", "gil@customer.example", "Login broken", "nightly load", "Contact ina");
    }
}
