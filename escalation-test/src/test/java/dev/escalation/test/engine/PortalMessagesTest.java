package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.GIL;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.IVY;
import static dev.escalation.test.engine.Cast.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.DataSubject;
import dev.escalation.DeliveryReport;
import dev.escalation.ErasureReport;
import dev.escalation.EscalationEngine;
import dev.escalation.NotAuthorizedException;
import dev.escalation.PortalMessageView;
import dev.escalation.command.LogProgress;
import dev.escalation.command.Withdraw;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.Visibility;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PortalMessage;
import dev.escalation.spi.PortalMessages;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Notifications per recipient and channel (issue 13, point 3): each recipient is addressed on the first of their
 * preferred channels that has a notifier; the portal channel stores into {@link PortalMessages} and
 * {@link EscalationEngine#messagesFor} reads an actor's own messages back; a recipient without a usable channel
 * becomes a {@code NO_CHANNEL} dead letter, counted.
 */
class PortalMessagesTest {

    private final InMemoryNotifier mail = new InMemoryNotifier();
    private final InMemoryPortalMessages portal = new InMemoryPortalMessages();

    /** The cast with e-mail and the portal channel; ina prefers the portal, then e-mail. */
    private Scenario world() {
        Scenario w = Cast.world(b -> b.portalMessages(portal)).notifiers(mail);
        Cast.prefer(w, "ina", DeliveryChannel.PORTAL, DeliveryChannel.EMAIL);
        return w;
    }

    private static List<PortalMessageView> all(EscalationEngine engine, Actor actor, int size) {
        List<PortalMessageView> all = new ArrayList<>();
        Optional<PageCursor> after = Optional.empty();
        do {
            Page<PortalMessageView> page = engine.messagesFor(actor, new PageRequest(after, size));
            all.addAll(page.items());
            after = page.next();
        } while (after.isPresent());
        return all;
    }

    /** A portal store that keeps its messages in {@link #portal} and answers the inbox reads with {@code read}. */
    private PortalMessages answering(BiFunction<PartyRef, PageRequest, Page<PortalMessage>> read) {
        return new PortalMessages() {
            @Override
            public boolean store(PortalMessage message) {
                return portal.store(message);
            }

            @Override
            public Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page) {
                return read.apply(recipient, page);
            }

            @Override
            public int eraseRecipient(PartyRef recipient) {
                return portal.eraseRecipient(recipient);
            }
        };
    }

    /** Gil's escalation of his own case (GLOBEX), its id. */
    private static EscalationId gilEscalates(Scenario w) {
        return w.engine()
                .escalate(
                        GIL,
                        new dev.escalation.command.EscalateCase(
                                Cast.G1,
                                "Login broken",
                                dev.escalation.model.Cause.SOFTWARE_ERROR,
                                dev.escalation.model.Criticality.HIGH,
                                null))
                .escalation();
    }

    /**
     * A portal message's id is its notification's key, which is longer than an id when the escalation's id is long
     * (ids have up to 128 characters): the inbox's next-page cursor names it, and following it reads on.
     */
    @Test
    void theInboxPagesOnPastMessagesWhoseKeysAreLongerThanAnId() {
        String longId = "E-" + "x".repeat(126);
        Scenario w = Cast.world(b -> b.portalMessages(portal).escalationIds(() -> EscalationId.of(longId)))
                .notifiers(mail);
        Cast.prefer(w, "ina", DeliveryChannel.PORTAL, DeliveryChannel.EMAIL);
        EscalationId id = Cast.active(w);
        w.engine().deliverPending();
        int stored = w.engine().messagesFor(INA, PageRequest.first(50)).items().size();
        assertThat(stored).isGreaterThan(1);

        List<PortalMessageView> paged = all(w.engine(), INA, 1);

        assertThat(paged)
                .hasSize(stored)
                .allSatisfy(m -> assertThat(m.escalation()).isEqualTo(id));
        assertThat(paged.get(0).id()).hasSizeGreaterThan(128);
    }

    @Test
    void aContactPreferringThePortalGetsAPortalMessageAndNoMail() {
        Scenario w = world();
        EscalationId id = Cast.escalated(w);

        DeliveryReport report = w.engine().deliverPending();

        assertThat(report.deadLettered()).isZero();
        List<PortalMessageView> messages = all(w.engine(), INA, 10);
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(NotificationKind.ESCALATION_CONFIRMED);
            assertThat(m.escalation()).isEqualTo(id);
            assertThat(m.caseId()).isEqualTo(Cast.C1);
            assertThat(m.at()).isEqualTo(w.clock().instant());
            assertThat(m.subject()).contains(id.value());
            assertThat(m.body()).isNotBlank();
        });
        assertThat(mail.delivered())
                .as("the confirmation went to the portal, the staff notification by e-mail")
                .extracting(n -> n.recipient().id())
                .doesNotContain("ina")
                .isNotEmpty();
        assertThat(portal.messagesFor(new PartyRef(Party.Kind.CONTACT, "ina"), PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(m -> assertThat(m.customer()).contains(dev.escalation.model.CustomerId.of("acme")));
    }

    @Test
    void aPortalMessageNamesTheLanguageItsTextIsInNotTheReadersWish() {
        // no text source has French: the text falls back to English
        assertThat(portalMessageLanguageFor(java.util.Locale.FRENCH)).isEqualTo(java.util.Locale.ENGLISH);
    }

    @Test
    void aPortalMessageInTheShippedGermanTextsNamesGerman() {
        // the shipped German texts: German, without the country
        assertThat(portalMessageLanguageFor(java.util.Locale.GERMANY)).isEqualTo(java.util.Locale.GERMAN);
    }

    /** The locale of the one portal message Ina gets for an escalation when she reads in {@code reader}. */
    private java.util.Locale portalMessageLanguageFor(java.util.Locale reader) {
        Scenario w = world();
        Cast.speaks(w, "ina", reader);
        Cast.escalated(w);
        w.engine().deliverPending();
        List<PortalMessageView> messages = all(w.engine(), INA, 10);
        assertThat(messages).hasSize(1);
        return messages.get(0).locale();
    }

    @Test
    void everyRecipientIsAddressedOnItsOwnPreferredChannel() {
        Scenario w = world();
        Cast.prefer(w, "ivy", DeliveryChannel.EMAIL, DeliveryChannel.PORTAL);
        EscalationId id = Cast.active(w);
        w.engine().deliverPending();
        int mailsBefore = mail.delivered().size();

        w.engine()
                .logProgress(
                        Cast.EVE,
                        new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, "Root cause found", Visibility.CUSTOMER));
        w.engine().deliverPending();

        assertThat(all(w.engine(), INA, 10))
                .extracting(PortalMessageView::kind)
                .contains(NotificationKind.PROGRESS_UPDATE);
        assertThat(mail.delivered().subList(mailsBefore, mail.delivered().size()))
                .extracting(n -> n.recipient().id())
                .doesNotContain("ina");
        assertThat(all(w.engine(), IVY, 10)).as("ivy prefers e-mail").isEmpty();
    }

    @Test
    void messagesAreTheActorsOwnNewestFirstAndKeysetPaged() {
        Scenario w = world();
        Cast.prefer(w, "gil", DeliveryChannel.PORTAL);
        Cast.escalated(w);
        w.engine().deliverPending();
        w.clock().advance(Duration.ofMinutes(5));
        // messages stored for ina by another path (another escalation's updates), with ties and at later instants
        for (int i = 0; i < 7; i++) {
            portal.store(new PortalMessage(
                    "extra-" + i,
                    new PartyRef(Party.Kind.CONTACT, "ina"),
                    Optional.of(dev.escalation.model.CustomerId.of("acme")),
                    EscalationId.of("E-9"),
                    Cast.C2,
                    NotificationKind.PROGRESS_UPDATE,
                    w.clock().instant().plusSeconds(i / 2),
                    java.util.Locale.ENGLISH,
                    "s" + i,
                    "b" + i,
                    java.util.Map.of(),
                    Optional.empty()));
        }

        List<PortalMessageView> one = all(w.engine(), INA, 1);
        List<PortalMessageView> many = all(w.engine(), INA, 500);

        assertThat(one).hasSize(8).containsExactlyElementsOf(many);
        assertThat(many)
                .isSortedAccordingTo(java.util.Comparator.comparing(PortalMessageView::at)
                        .thenComparing(PortalMessageView::id)
                        .reversed());
        assertThat(all(w.engine(), GIL, 10))
                .as("another customer's contact sees none of ina's")
                .isEmpty();
        assertThat(all(w.engine(), SAM, 10)).as("staff see their own only").isEmpty();
    }

    @Test
    void aStoreThatMixesRecipientsOrTenantsNeverLeaksThroughTheEngine() {
        PortalMessages leaky = answering((recipient, page) -> {
            List<PortalMessage> everything = new ArrayList<>();
            for (String who : List.of("ina", "gil")) {
                everything.addAll(portal.messagesFor(new PartyRef(Party.Kind.CONTACT, who), page)
                        .items());
            }
            return new Page<>(everything, Optional.empty());
        });
        Scenario w = Cast.world(b -> b.portalMessages(leaky)).notifiers(mail);
        Cast.prefer(w, "ina", DeliveryChannel.PORTAL);
        Cast.prefer(w, "gil", DeliveryChannel.PORTAL);
        w.engine().escalate(INA, Cast.escalateC1());
        gilEscalates(w);
        w.engine().deliverPending();
        // a message addressed to ina but filed under another customer (a forged tenant)
        portal.store(new PortalMessage(
                "forged",
                new PartyRef(Party.Kind.CONTACT, "gil"),
                Optional.of(dev.escalation.model.CustomerId.of("acme")),
                EscalationId.of("E-1"),
                Cast.C1,
                NotificationKind.CLOSED,
                w.clock().instant(),
                java.util.Locale.ENGLISH,
                "s",
                "b",
                java.util.Map.of(),
                Optional.empty()));

        assertThat(all(w.engine(), INA, 10))
                .singleElement()
                .satisfies(m -> assertThat(m.caseId()).isEqualTo(Cast.C1));
        assertThat(all(w.engine(), GIL, 10))
                .singleElement()
                .satisfies(m -> assertThat(m.caseId()).isEqualTo(Cast.G1));
    }

    @Test
    void erasingAContactDeletesTheirPortalMessagesAndKeepsEveryoneElses() {
        Scenario w = world();
        Cast.prefer(w, "gil", DeliveryChannel.PORTAL);
        EscalationId inas = Cast.escalated(w);
        w.engine()
                .escalate(
                        GIL,
                        new dev.escalation.command.EscalateCase(
                                Cast.G1,
                                "Login broken",
                                dev.escalation.model.Cause.SOFTWARE_ERROR,
                                dev.escalation.model.Criticality.HIGH,
                                null));
        w.engine().withdraw(INA, new Withdraw(inas, "Solved it ourselves"));
        w.engine().deliverPending();
        List<PortalMessage> inaBefore = portal.messagesFor(
                        new PartyRef(Party.Kind.CONTACT, "ina"), PageRequest.first(500))
                .items();
        List<PortalMessage> gilBefore = portal.messagesFor(
                        new PartyRef(Party.Kind.CONTACT, "gil"), PageRequest.first(500))
                .items();
        assertThat(inaBefore).as("ina's portal inbox before erasure").isNotEmpty();
        assertThat(gilBefore).as("gil's portal inbox").isNotEmpty();

        ErasureReport report = w.engine().operations().erasePerson(SAM, DataSubject.contact("ina"));

        assertThat(report.portalMessages()).isEqualTo(inaBefore.size());
        assertThat(portal.messagesFor(new PartyRef(Party.Kind.CONTACT, "ina"), PageRequest.first(500))
                        .items())
                .as("ina's portal messages after erasure")
                .isEmpty();
        assertThat(all(w.engine(), INA, 10)).isEmpty();
        assertThat(portal.messagesFor(new PartyRef(Party.Kind.CONTACT, "gil"), PageRequest.first(500))
                        .items())
                .as("another contact's portal messages stay unchanged")
                .containsExactlyElementsOf(gilBefore);
        assertThat(all(w.engine(), GIL, 10)).hasSize(gilBefore.size());
        assertThat(w.engine()
                        .operations()
                        .erasePerson(SAM, DataSubject.contact("ina"))
                        .portalMessages())
                .as("a second erasure removes nothing")
                .isZero();
    }

    @Test
    void erasureWithoutThePortalChannelReportsNoPortalMessages() {
        Scenario w = Cast.world().notifiers(mail);
        EscalationId inas = Cast.escalated(w);
        w.engine().withdraw(INA, new Withdraw(inas, "Solved it ourselves"));
        w.engine().deliverPending();

        assertThat(w.engine()
                        .operations()
                        .erasePerson(SAM, DataSubject.contact("ina"))
                        .portalMessages())
                .isZero();
    }

    @Test
    void unknownAndInactiveActorsAreRefused() {
        Scenario w = world();
        assertThatThrownBy(() -> w.engine().messagesFor(Actor.contact("nobody"), PageRequest.first(10)))
                .isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> w.engine().messagesFor(Cast.OLD, PageRequest.first(10)))
                .isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void withoutThePortalChannelNobodyHasPortalMessagesAndAPortalOnlyContactIsANoChannelDeadLetter() {
        Scenario w = Cast.world().notifiers(mail);
        Cast.prefer(w, "ina", DeliveryChannel.PORTAL);
        Cast.escalated(w);

        DeliveryReport report = w.engine().deliverPending();

        assertThat(w.engine().messagesFor(INA, PageRequest.first(10)).items()).isEmpty();
        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(w.engine().operations().outboxCounts(SAM).dead()).isEqualTo(1);
        assertThat(w.engine()
                        .operations()
                        .deadLetters(SAM, PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.code()).contains("NO_CHANNEL");
                    assertThat(d.effect()).isEqualTo("ESCALATION_CONFIRMED");
                    assertThat(d.recipient()).contains("CONTACT:ina");
                });
    }

    @Test
    void aContactWithNoChannelAtAllIsANoChannelDeadLetterCountedNotSkipped() {
        Scenario w = world();
        Cast.prefer(w, "ina");
        Cast.escalated(w);

        DeliveryReport report = w.engine().deliverPending();

        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(report.pending()).isZero();
        assertThat(w.engine().operations().outboxCounts(SAM).dead()).isEqualTo(1);
        assertThat(w.engine()
                        .operations()
                        .deadLetters(SAM, PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.code()).contains("NO_CHANNEL");
                    assertThat(d.recipient()).contains("CONTACT:ina");
                });
        assertThat(all(w.engine(), INA, 10)).isEmpty();
    }

    @Test
    void thePortalChannelAloneIsEnoughAndASecondPortalNotifierIsRefused() {
        assertThat(Cast.world(b -> b.portalMessages(portal)).notifiers(mail).engine())
                .isNotNull();
        assertThatThrownBy(() -> Cast.world(b -> b.portalMessages(portal))
                        .notifiers(mail, new InMemoryNotifier(DeliveryChannel.PORTAL)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PORTAL");
    }

    /**
     * A store that answers ina's inbox with gil's messages first: the engine drops them, and the cursor ina holds names
     * none of them (before: the store's cursor, naming GLOBEX's escalation, reached her); her own messages still come.
     */
    @Test
    void aLeakyStoresCursorNamesNoOtherRecipientsMessage() {
        PortalMessages leaky = answering((recipient, page) -> {
            List<PortalMessage> everything = new ArrayList<>();
            for (String who : List.of("gil", "ina")) { // gil's first
                everything.addAll(portal.messagesFor(new PartyRef(Party.Kind.CONTACT, who), PageRequest.first(500))
                        .items());
            }
            List<PortalMessage> one = everything.subList(0, Math.min(page.size(), everything.size()));
            PortalMessage last = one.get(one.size() - 1);
            return new Page<>(one, Optional.of(new PageCursor(last.at(), last.id())));
        });
        Scenario w = Cast.world(b -> b.portalMessages(leaky)).notifiers(new InMemoryNotifier());
        Cast.prefer(w, "ina", DeliveryChannel.PORTAL);
        Cast.prefer(w, "gil", DeliveryChannel.PORTAL);
        w.engine().escalate(INA, Cast.escalateC1());
        w.after(Duration.ofMinutes(1));
        EscalationId g = gilEscalates(w);
        w.engine().deliverPending();

        Page<PortalMessageView> first = w.engine().messagesFor(INA, PageRequest.first(1));

        assertThat(first.items()).isEmpty(); // gil's newest message was dropped
        assertThat(first.next().map(PageCursor::id).orElse(""))
                .as("ina's cursor")
                .doesNotContain(g.value())
                .doesNotContain("gil");
        assertThat(w.engine().messagesFor(INA, PageRequest.first(10)).items())
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.escalation()).isNotEqualTo(g));
    }

    /** A store that answers other recipients' messages without end: an empty last page, not an endless read. */
    @Test
    void aStoreThatAnswersOtherRecipientsWithoutEndGivesAnEmptyLastPage() {
        AtomicInteger reads = new AtomicInteger();
        PortalMessages endless = answering((recipient, page) -> {
            int n = reads.incrementAndGet();
            List<PortalMessage> gils = portal.messagesFor(new PartyRef(Party.Kind.CONTACT, "gil"), PageRequest.first(1))
                    .items();
            Instant at = Instant.parse("2030-01-01T00:00:00Z").minusSeconds(n); // always a new position
            return new Page<>(gils, Optional.of(new PageCursor(at, "m-" + n)));
        });
        Scenario w = Cast.world(b -> b.portalMessages(endless)).notifiers(new InMemoryNotifier());
        Cast.prefer(w, "gil", DeliveryChannel.PORTAL);
        gilEscalates(w);
        w.engine().deliverPending();
        reads.set(0);

        Page<PortalMessageView> page = w.engine().messagesFor(INA, PageRequest.first(5));

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
        assertThat(reads.get()).isBetween(2, 64);
    }
}
