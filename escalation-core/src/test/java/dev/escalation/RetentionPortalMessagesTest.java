package dev.escalation;

import static dev.escalation.World.GIL;
import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.EscalateCase;
import dev.escalation.command.Withdraw;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.ErasureCounts;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PortalMessage;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.UnavailableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Retention removes the portal messages about the escalations it purges (they quote people's words), for every
 * recipient, and leaves the messages about kept escalations alone, another customer's included.
 */
class RetentionPortalMessagesTest {
    private static final PartyRef INA_REF = new PartyRef(Party.Kind.CONTACT, "ina");
    private static final PartyRef TOM_REF = new PartyRef(Party.Kind.CONTACT, "tom");
    private static final PartyRef GIL_REF = new PartyRef(Party.Kind.CONTACT, "gil");
    private static final PartyRef SAM_REF = new PartyRef(Party.Kind.STAFF, "sam");
    private static final PartyRef EVE_REF = new PartyRef(Party.Kind.STAFF, "eve");
    private static final List<PartyRef> EVERYONE = List.of(INA_REF, TOM_REF, GIL_REF, SAM_REF, EVE_REF);

    private final InMemoryPortalMessages inbox = new InMemoryPortalMessages();
    /** The port the engine uses: the inbox, down for {@code eraseEscalations} while {@link #down} is set. */
    private final Outage port = new Outage(inbox);

    private final World w = new World(b -> b.portalMessages(port));
    private int ids;

    /** Forwards to a port; {@code eraseEscalations} fails while {@link #down} is set (the ids have come). */
    static class Outage implements PortalMessages {
        final PortalMessages delegate;
        volatile boolean down;
        final List<Set<EscalationId>> erased = new ArrayList<>();

        Outage(PortalMessages delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean store(PortalMessage message) {
            return delegate.store(message);
        }

        @Override
        public Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page) {
            return delegate.messagesFor(recipient, page);
        }

        @Override
        public int eraseRecipient(PartyRef recipient) {
            return delegate.eraseRecipient(recipient);
        }

        @Override
        public int eraseEscalations(Set<EscalationId> escalations) {
            synchronized (erased) {
                erased.add(escalations);
            }
            if (down) {
                throw new UnavailableException("portal database down", null);
            }
            return delegate.eraseEscalations(escalations);
        }
    }

    /** A port written before {@code eraseEscalations}: it keeps the SPI's default. */
    static final class Older implements PortalMessages {
        final PortalMessages delegate;

        Older(PortalMessages delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean store(PortalMessage message) {
            return delegate.store(message);
        }

        @Override
        public Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page) {
            return delegate.messagesFor(recipient, page);
        }

        @Override
        public int eraseRecipient(PartyRef recipient) {
            return delegate.eraseRecipient(recipient);
        }
    }

    private PortalMessage about(EscalationId escalation, PartyRef to, String customer) {
        return new PortalMessage(
                "pm-" + ++ids,
                to,
                to.kind() == Party.Kind.CONTACT ? Optional.of(CustomerId.of(customer)) : Optional.empty(),
                escalation,
                CaseId.of("C-1"),
                NotificationKind.PROGRESS_UPDATE,
                w.clock.instant().plusSeconds(ids),
                Locale.ENGLISH,
                "Update",
                "Ina wrote: the nightly load fails",
                Map.of(),
                Optional.of("the nightly load fails"));
    }

    private List<PortalMessage> everyMessage() {
        List<PortalMessage> all = new ArrayList<>();
        for (PartyRef r : EVERYONE) {
            all.addAll(inbox.messagesFor(r, PageRequest.first(500)).items());
        }
        return all;
    }

    /** Ina's C-1 escalation, withdrawn 400 days ago; her open one of C-2 and Gil's (GLOBEX) recent withdrawn one. */
    private final class Setting {
        final EscalationId old;
        final EscalationId open;
        final EscalationId globex;
        final List<PortalMessage> kept = new ArrayList<>();

        Setting() {
            old = w.escalated();
            w.engine.withdraw(INA, new Withdraw(old, "solved it ourselves"));
            w.engine.deliverPending();
            w.clock.advance(Duration.ofDays(400));
            open = w.engine
                    .escalate(
                            INA,
                            new EscalateCase(CaseId.of("C-2"), "Slow", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                    .escalation();
            globex = w.engine
                    .escalate(
                            GIL,
                            new EscalateCase(CaseId.of("G-1"), "Login", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                    .escalation();
            w.engine.withdraw(GIL, new Withdraw(globex, "fixed"));
            w.engine.deliverPending();
            for (PartyRef to : List.of(INA_REF, TOM_REF, SAM_REF, EVE_REF)) {
                inbox.store(about(old, to, "acme"));
            }
            kept.add(about(open, INA_REF, "acme"));
            kept.add(about(open, SAM_REF, "acme"));
            kept.add(about(globex, GIL_REF, "globex"));
            kept.add(about(globex, SAM_REF, "globex"));
            kept.forEach(inbox::store);
        }
    }

    @Test
    void retentionRemovesEveryPortalMessageAboutAPurgedEscalationAndNoOther() {
        Setting s = new Setting();
        List<PortalMessage> before = everyMessage();
        long aboutOld =
                before.stream().filter(m -> m.escalation().equals(s.old)).count();
        assertThat(aboutOld)
                .as("messages about the old escalation, ours and the engine's")
                .isGreaterThanOrEqualTo(4);

        RetentionReport report = w.engine.operations().applyRetention(SAM, RetentionPolicy.closedAfterMonths(12));

        assertThat(report.escalations()).isOne();
        assertThat(report.portalMessages())
                .as("the report counts the removed messages")
                .isEqualTo(aboutOld);
        assertThat(report.portalKept()).isZero();
        assertThat(w.memoryStore.findForVendor(s.old)).isEmpty();
        assertThat(everyMessage())
                .as("no recipient keeps a message about the purged escalation")
                .noneMatch(m -> m.escalation().equals(s.old));
        List<PortalMessage> expected = new ArrayList<>(before);
        expected.removeIf(m -> m.escalation().equals(s.old));
        assertThat(everyMessage())
                .as("messages about kept escalations stay, another customer's included")
                .containsExactlyInAnyOrderElementsOf(expected)
                .containsAll(s.kept);
    }

    @Test
    void eachBatchRemovesTheMessagesOfItsOwnEscalationsOnce() {
        List<EscalationId> old = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            EscalationId id = w.escalatedOnNewCase("C-old-" + i);
            w.engine.withdraw(INA, new Withdraw(id, "solved"));
            inbox.store(about(id, TOM_REF, "acme"));
            old.add(id);
        }
        w.engine.deliverPending();
        w.clock.advance(Duration.ofDays(400));
        long aboutOld = everyMessage().stream()
                .filter(m -> old.contains(m.escalation()))
                .count();

        RetentionReport report = w.engine
                .operations()
                .applyRetention(SAM, RetentionPolicy.closedAfterMonths(12).inBatchesOf(2));

        assertThat(report.escalations()).isEqualTo(3);
        assertThat(port.erased)
                .as("one call per batch that purged, each with that batch's escalations")
                .hasSize(2)
                .allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(2));
        assertThat(port.erased.stream().flatMap(Set::stream)).containsExactlyInAnyOrderElementsOf(old);
        assertThat(everyMessage()).noneMatch(m -> old.contains(m.escalation()));
        assertThat(report.portalMessages()).isEqualTo(aboutOld).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aPortalOutageLeavesTheEscalationsForTheNextRunSoNoMessageOutlivesThem() {
        Setting s = new Setting();
        port.down = true;

        assertThatThrownBy(() -> w.engine.operations().applyRetention(SAM, RetentionPolicy.closedAfterMonths(12)))
                .isInstanceOfSatisfying(
                        EscalationUnavailableException.class,
                        e -> assertThat(e.isRetryable()).isTrue());
        assertThat(port.erased).as("the port was asked, and failed").containsExactly(Set.of(s.old));
        assertThat(w.memoryStore.findForVendor(s.old))
                .as("the escalation stays while its messages could not be removed")
                .isPresent();
        assertThat(everyMessage()).anyMatch(m -> m.escalation().equals(s.old));

        port.down = false;
        RetentionReport report = w.engine.operations().applyRetention(SAM, RetentionPolicy.closedAfterMonths(12));

        assertThat(report.escalations()).isOne();
        assertThat(report.portalMessages()).isGreaterThanOrEqualTo(4);
        assertThat(w.memoryStore.findForVendor(s.old)).isEmpty();
        assertThat(everyMessage()).noneMatch(m -> m.escalation().equals(s.old)).containsAll(s.kept);
    }

    @Test
    void aPortWithoutTheRemovalKeepsTheMessagesAndTheReportSaysSo() {
        World older = new World(b -> b.portalMessages(new Older(inbox)));
        EscalationId id = older.escalated();
        older.engine.withdraw(INA, new Withdraw(id, "solved"));
        PortalMessage m = about(id, TOM_REF, "acme");
        inbox.store(m);
        older.clock.advance(Duration.ofDays(400));

        RetentionReport report = older.engine.operations().applyRetention(SAM, RetentionPolicy.closedAfterMonths(12));

        assertThat(report.escalations())
                .as("the store's personal data goes at its time all the same")
                .isOne();
        assertThat(older.memoryStore.findForVendor(id)).isEmpty();
        assertThat(report.portalMessages()).isZero();
        assertThat(report.portalKept())
                .as("not claimed as removed: counted as kept")
                .isOne();
        assertThat(inbox.messagesFor(TOM_REF, PageRequest.first(10)).items()).contains(m);
    }

    @Test
    void aStoreThatDoesNotNameWhatItPurgesKeepsTheMessagesAndTheReportSaysSo() {
        InMemoryEscalationStore memory = new InMemoryEscalationStore();
        DataRetention plain = memory.retention().orElseThrow();
        DataRetention older = new DataRetention() { // written before purgeFinalBefore(cutoff, limit, beforeDelete)
                    @Override
                    public ErasureCounts erasePerson(PartyRef person, String marker) {
                        return plain.erasePerson(person, marker);
                    }

                    @Override
                    public int purgeFinalBefore(java.time.Instant cutoff, int limit) {
                        return plain.purgeFinalBefore(cutoff, limit);
                    }

                    @Override
                    public int purgeDeliveredBefore(java.time.Instant cutoff, java.time.Instant now, int limit) {
                        return plain.purgeDeliveredBefore(cutoff, now, limit);
                    }
                };
        EscalationStore store = (EscalationStore) Proxy.newProxyInstance(
                EscalationStore.class.getClassLoader(), new Class<?>[] {EscalationStore.class}, (p, method, args) -> {
                    if (method.getName().equals("retention")) {
                        return Optional.of(older);
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        World w2 = new World(b -> b.portalMessages(port), store);
        EscalationId id = w2.escalated();
        w2.engine.withdraw(INA, new Withdraw(id, "solved"));
        inbox.store(about(id, TOM_REF, "acme"));
        w2.clock.advance(Duration.ofDays(400));

        RetentionReport report = w2.engine
                .operations()
                .applyRetention(SAM, RetentionPolicy.closedAfterMonths(12).inBatchesOf(1));

        assertThat(report.escalations()).isOne();
        assertThat(memory.findForVendor(id)).isEmpty();
        assertThat(report.portalKept()).isOne();
        assertThat(report.portalMessages()).isZero();
        assertThat(port.erased).as("the port is not asked without the ids").isEmpty();
        assertThat(inbox.messagesFor(TOM_REF, PageRequest.first(10)).items())
                .anyMatch(m -> m.escalation().equals(id));
    }

    @Test
    void withoutAPortalNothingIsCountedAndTheStoreIsAskedAsBefore() {
        World plain = new World(b -> {});
        EscalationId id = plain.escalated();
        plain.engine.withdraw(INA, new Withdraw(id, "solved"));
        plain.clock.advance(Duration.ofDays(400));

        RetentionReport report = plain.engine.operations().applyRetention(SAM, RetentionPolicy.closedAfterMonths(12));

        assertThat(report.escalations()).isOne();
        assertThat(report.portalMessages()).isZero();
        assertThat(report.portalKept()).isZero();
    }
}
