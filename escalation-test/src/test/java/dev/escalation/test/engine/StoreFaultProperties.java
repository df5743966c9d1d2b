package dev.escalation.test.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.CustomerQuery;
import dev.escalation.EscalationException;
import dev.escalation.EscalationView;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PortalMessage;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.SupportCase;
import dev.escalation.test.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random tenants' escalations (one to three cases each of ACME and GLOBEX, each escalated), a contact of either
 * customer reading, and one planted store fault on a read path (a by-id load that answers another customer's or
 * another of the reader's escalations, pages that carry every customer's escalations, a portal-message store that
 * files every contact's messages under the reader's customer): no object any read returns to the contact is another
 * customer's, and no command the contact gives changes another customer's escalation.
 */
class StoreFaultProperties {
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final CustomerId GLOBEX = CustomerId.of("globex");

    /** The planted fault. */
    enum Fault {
        BY_ID_ANOTHER_CUSTOMERS,
        BY_ID_ANOTHER_OF_MINE,
        PAGES_OF_EVERY_CUSTOMER,
        PORTAL_REFILED
    }

    @Property(tries = 200)
    void aPlantedStoreFaultNeverHandsAContactAnotherCustomersData(
            @ForAll @IntRange(min = 1, max = 3) int acmeCases,
            @ForAll @IntRange(min = 1, max = 3) int globexCases,
            @ForAll boolean inaReads,
            @ForAll Fault fault,
            @ForAll @IntRange(min = 0, max = 5) int pick,
            @ForAll @IntRange(min = 1, max = 4) int pageSize) {
        InMemoryPortalMessages portal = new InMemoryPortalMessages();
        AtomicBoolean refile = new AtomicBoolean();
        Scenario w = Cast.world(b -> b.portalMessages(refiling(portal, refile::get)));
        PlantedStore store = StoreFaultsTest.planted(w);
        Cast.prefer(w, "ina", DeliveryChannel.PORTAL);
        Cast.prefer(w, "gil", DeliveryChannel.PORTAL);
        Map<CustomerId, List<EscalationId>> owned = new HashMap<>();
        Map<EscalationId, CaseId> caseOf = new HashMap<>();
        escalate(w, ACME, "A-", acmeCases, Cast.INA, owned, caseOf);
        escalate(w, GLOBEX, "B-", globexCases, Cast.GIL, owned, caseOf);
        w.engine().deliverPending();

        Actor reader = inaReads ? Cast.INA : Cast.GIL;
        CustomerId mine = inaReads ? ACME : GLOBEX;
        List<EscalationId> own = owned.get(mine);
        List<EscalationId> foreign = owned.get(inaReads ? GLOBEX : ACME);
        switch (fault) {
            case BY_ID_ANOTHER_CUSTOMERS ->
                store.swap.put(own.get(pick % own.size()), foreign.get(pick % foreign.size()));
            case BY_ID_ANOTHER_OF_MINE -> store.swap.put(own.get(pick % own.size()), own.get((pick + 1) % own.size()));
            case PAGES_OF_EVERY_CUSTOMER -> store.leakPages = true;
            case PORTAL_REFILED -> refile.set(true);
        }
        Map<EscalationId, Long> foreignVersions = new HashMap<>();
        foreign.forEach(id -> foreignVersions.put(
                id, w.store().findForVendor(id).orElseThrow().version()));

        List<EscalationId> everyId = new ArrayList<>(own);
        everyId.addAll(foreign);
        for (EscalationId id : everyId) {
            Optional<EscalationView> view = w.engine().find(reader, id);
            view.ifPresent(v -> {
                assertThat(v.id()).as("find(%s)", id).isEqualTo(id);
                assertThat(v.customer()).isEqualTo(mine);
            });
            quietly(() -> w.engine().timeline(reader, id, PageRequest.first(pageSize)));
            quietly(() -> w.engine().deadlines(reader, id));
            quietly(() -> w.engine().changeCriticality(reader, new ChangeCriticality(id, Criticality.CRITICAL, null)));
        }
        for (CustomerQuery q : List.of(CustomerQuery.all(), CustomerQuery.open())) {
            assertThat(all(p -> w.engine().escalationsOfCustomer(reader, q, p), pageSize))
                    .allSatisfy(s -> {
                        assertThat(s.customer()).isEqualTo(mine);
                        assertThat(own).contains(s.id());
                    });
        }
        for (CaseId c : caseOf.values()) {
            w.engine()
                    .openEscalationOfCase(reader, c)
                    .ifPresent(s -> assertThat(own).contains(s.id()));
        }
        assertThat(all(p -> w.engine().messagesFor(reader, p), pageSize))
                .allSatisfy(m -> assertThat(own).contains(m.escalation()))
                .noneMatch(m -> foreign.stream().map(caseOf::get).anyMatch(m.caseId()::equals));
        foreign.forEach(
                id -> assertThat(w.store().findForVendor(id).orElseThrow().version())
                        .as("another customer's escalation %s is unchanged", id)
                        .isEqualTo(foreignVersions.get(id)));
    }

    private static void escalate(
            Scenario w,
            CustomerId customer,
            String prefix,
            int cases,
            Actor im,
            Map<CustomerId, List<EscalationId>> owned,
            Map<EscalationId, CaseId> caseOf) {
        for (int i = 0; i < cases; i++) {
            CaseId c = CaseId.of(prefix + i);
            w.customerDirectory().add(new SupportCase(c, customer, "Case " + i));
            EscalationId id = w.engine()
                    .escalate(
                            im,
                            new dev.escalation.command.EscalateCase(
                                    c, "It fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                    .escalation();
            owned.computeIfAbsent(customer, k -> new ArrayList<>()).add(id);
            caseOf.put(id, c);
        }
    }

    /** A refusal is an answer too; what a read returns is checked by its caller. */
    private static void quietly(Runnable call) {
        try {
            call.run();
        } catch (EscalationException refused) {
            assertThat(refused.code()).isIn("NOT_FOUND", "UNAVAILABLE", "ILLEGAL_TRANSITION", "NOT_AUTHORIZED");
        }
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> read, int size) {
        List<T> all = new ArrayList<>();
        Optional<PageCursor> after = Optional.empty();
        for (int pages = 0; pages < 50; pages++) {
            Page<T> page = read.apply(new PageRequest(after, size));
            all.addAll(page.items());
            after = page.next();
            if (after.isEmpty()) {
                break;
            }
        }
        return all;
    }

    /**
     * The in-memory portal store; while {@code refile} is set, a reader's inbox holds every contact's messages, each
     * filed under the reader's customer (ina's ACME, anyone else's GLOBEX).
     */
    static PortalMessages refiling(InMemoryPortalMessages portal, java.util.function.BooleanSupplier refile) {
        return new PortalMessages() {
            @Override
            public boolean store(PortalMessage message) {
                return portal.store(message);
            }

            @Override
            public Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page) {
                if (!refile.getAsBoolean()) {
                    return portal.messagesFor(recipient, page);
                }
                CustomerId tenant = recipient.id().equals("ina") ? ACME : GLOBEX;
                List<PortalMessage> all = new ArrayList<>();
                for (String who : List.of("ina", "gil")) {
                    for (PortalMessage m : portal.messagesFor(new PartyRef(Party.Kind.CONTACT, who), page)
                            .items()) {
                        all.add(new PortalMessage(
                                m.id(),
                                recipient,
                                Optional.of(tenant),
                                m.escalation(),
                                m.caseId(),
                                m.kind(),
                                m.at(),
                                m.locale(),
                                m.subject(),
                                m.body(),
                                m.params(),
                                m.text()));
                    }
                }
                all.sort(java.util.Comparator.comparing(PortalMessage::at)
                        .thenComparing(PortalMessage::id)
                        .reversed());
                return new Page<>(all, Optional.empty());
            }

            @Override
            public int eraseRecipient(PartyRef recipient) {
                return portal.eraseRecipient(recipient);
            }
        };
    }
}
