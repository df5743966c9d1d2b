package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PortalMessage;
import dev.escalation.spi.PortalMessages;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PortalMessages}: rules M1 to M6 of {@code RULES.md}. Every test uses recipients and message
 * ids unique to the test instance, so one backend may serve all tests without being emptied in between.
 */
public abstract class PortalMessagesContract {

    private final String run = Kit.run("m");
    private PortalMessages messages;

    /** Creates the contract. */
    protected PortalMessagesContract() {}

    /**
     * Creates the port under test. Called once per test; it need not be empty.
     *
     * @return the port
     */
    protected abstract PortalMessages createPortalMessages();

    /**
     * The precision the backend keeps instants at; the kit writes instants truncated to it and expects them back
     * unchanged.
     *
     * @return the unit; nanoseconds by default
     */
    protected TemporalUnit instantPrecision() {
        return ChronoUnit.NANOS;
    }

    @BeforeEach
    final void createPortUnderTest() {
        messages = createPortalMessages();
        assertThat(messages).as("createPortalMessages() returned null").isNotNull();
    }

    private Instant at(Instant instant) {
        return instant.truncatedTo(instantPrecision());
    }

    private PartyRef contact(String name) {
        return new PartyRef(Party.Kind.CONTACT, run + "-" + name);
    }

    private PortalMessage message(String id, PartyRef to, Instant at) {
        return new PortalMessage(
                run + "-" + id,
                to,
                to.kind() == Party.Kind.CONTACT ? Optional.of(CustomerId.of(run + "-cust")) : Optional.empty(),
                EscalationId.of(run + "-e"),
                new CaseId(run + "-case"),
                NotificationKind.PROGRESS_UPDATE,
                at(at),
                Locale.ENGLISH,
                "Update " + id,
                "Body " + id,
                Map.of("entry", new EntryParam.Code("STATUS_UPDATE")),
                Optional.empty());
    }

    /** Follows the cursors to the end, at most 10,000 pages. */
    private List<PortalMessage> all(PartyRef recipient, int size, String rule) {
        List<PortalMessage> all = new ArrayList<>();
        Optional<PageCursor> after = Optional.empty();
        for (int pages = 0; pages < 10_000; pages++) {
            Page<PortalMessage> page = messages.messagesFor(recipient, new PageRequest(after, size));
            assertThat(page.items().size())
                    .as(broken(rule, "a page held more than its size " + size, "that messagesFor limits the page"))
                    .isLessThanOrEqualTo(size);
            all.addAll(page.items());
            if (page.next().isEmpty()) {
                return all;
            }
            assertThat(page.items())
                    .as(broken(rule, "a page with a next cursor was empty", "that only a last page is empty"))
                    .isNotEmpty();
            after = page.next();
        }
        throw new AssertionError(broken(rule, "paging did not end", "that the cursor moves on"));
    }

    /**
     * M1: every component of a message survives {@code store} and comes back from {@code messagesFor} unchanged:
     * customer present and empty, text present and empty, every {@link EntryParam} variant in its order (a count
     * beyond 2^53, an instant at the declared precision), texts outside the BMP, a locale with a country.
     */
    @Test
    void m1_everyComponentSurvives() {
        PartyRef ina = contact("ina");
        PartyRef sam = new PartyRef(Party.Kind.STAFF, run + "-sam");
        Instant t = at(Records.T0.plusNanos(123_456_789));
        Map<String, EntryParam> params = new LinkedHashMap<>();
        params.put("text", new EntryParam.Text(Records.SUPPLEMENTARY_TEXT));
        params.put("at", new EntryParam.At(at(Records.T0.plusNanos(987_654_321))));
        params.put("span", new EntryParam.Span(Duration.ofMinutes(90).plusNanos(5)));
        params.put("code", new EntryParam.Code("CRITICAL"));
        params.put("ref", new EntryParam.Ref(run + "-manager"));
        params.put("count", new EntryParam.Count(Records.LARGE_COUNT));
        PortalMessage full = new PortalMessage(
                run + "-full",
                ina,
                Optional.of(CustomerId.of(run + "-acme")),
                EscalationId.of(run + "-e1"),
                new CaseId(run + "-c1"),
                NotificationKind.CRITICALITY_CHANGED,
                t,
                Locale.GERMANY,
                "Kritikalität geändert " + Records.SUPPLEMENTARY_TEXT,
                "Zeile 1\nZeile 2 " + Records.AWKWARD_TEXT,
                params,
                Optional.of("Begründung " + Records.SUPPLEMENTARY_TEXT));
        PortalMessage bare = new PortalMessage(
                run + "-bare",
                sam,
                Optional.empty(),
                EscalationId.of(run + "-e2"),
                new CaseId(run + "-c2"),
                NotificationKind.ESCALATION_RECEIVED,
                t.plusSeconds(1),
                Locale.ENGLISH,
                "s",
                "",
                Map.of(),
                Optional.empty());
        String check = "that store writes and messagesFor reads every component of PortalMessage (customer, params "
                + "with their variants and order, text, locale, the instant at the declared precision)";
        assertThat(messages.store(full))
                .as(broken("M1", "store of a new message returned false", "that store returns true for a new id"))
                .isTrue();
        assertThat(messages.store(bare))
                .as(broken("M1", "store of a new message returned false", "that store returns true for a new id"))
                .isTrue();
        List<PortalMessage> read =
                messages.messagesFor(ina, PageRequest.first(10)).items();
        assertThat(read)
                .as(broken("M1", "the message came back changed or not at all", check))
                .containsExactly(full);
        assertThat(List.copyOf(read.get(0).params().keySet()))
                .as(broken("M1", "the parameters came back in another order", check))
                .containsExactly("text", "at", "span", "code", "ref", "count");
        assertThat(messages.messagesFor(sam, PageRequest.first(10)).items())
                .as(broken("M1", "a message without customer, text and parameters came back changed", check))
                .containsExactly(bare);
    }

    /**
     * M1: a message whose values are at their longest, in characters outside ASCII and outside the BMP, survives: an
     * id of {@value PortalMessage#MAX_ID_LENGTH} characters, the recipient's, customer's, escalation's and case's ids
     * of 128, a 4,000-character text and a long body.
     */
    @Test
    void m1_longestValuesSurvive() {
        PartyRef to = new PartyRef(Party.Kind.CONTACT, Records.longest(run + "-ina", 128));
        PortalMessage longest = new PortalMessage(
                Records.longest(run + "-id", PortalMessage.MAX_ID_LENGTH),
                to,
                Optional.of(CustomerId.of(Records.longest(run + "-acme", 128))),
                EscalationId.of(Records.longest(run + "-e", 128)),
                new CaseId(Records.longest(run + "-case", 128)),
                NotificationKind.PROGRESS_UPDATE,
                at(Records.T0),
                Locale.forLanguageTag("de-DE-u-ca-gregory-nu-latn"),
                Records.longest("Betreff", 500),
                Records.longest("Zeile", 20_000),
                Map.of("text", new EntryParam.Text(Records.longest("Wert", 4000))),
                Optional.of(Records.longest("Begründung", 4000)));
        String check = "that every column holds the longest value the model and the engine allow (ids of 128, the "
                + "message id of " + PortalMessage.MAX_ID_LENGTH + " characters, texts of thousands, more bytes than "
                + "characters), without truncating";
        assertThat(Rules.thrown(() -> messages.store(longest)))
                .as(broken("M1", "store refused a message whose values are at their longest", check))
                .isNull();
        assertThat(messages.messagesFor(to, PageRequest.first(10)).items())
                .as(broken("M1", "the message with the longest values came back changed or not at all", check))
                .containsExactly(longest);
        assertThat(messages.eraseRecipient(to))
                .as(broken("M5", "erasing the recipient with the longest id did not remove their message", check))
                .isEqualTo(1);
    }

    /**
     * M2: {@code store} is idempotent on the id: a second message with a known id (same or other content) returns
     * {@code false} and changes nothing; the first one is listed once, unchanged.
     */
    @Test
    void m2_storeIsIdempotentOnTheId() {
        PartyRef ina = contact("ina");
        PortalMessage first = message("k1", ina, Records.T0);
        PortalMessage other = new PortalMessage(
                first.id(),
                ina,
                first.customer(),
                first.escalation(),
                first.caseId(),
                NotificationKind.CLOSED,
                at(Records.T0.plusSeconds(60)),
                Locale.GERMAN,
                "Other subject",
                "Other body",
                Map.of(),
                Optional.of("other"));
        String check =
                "that the message id is a unique key and a repeated delivery neither adds nor replaces a message "
                        + "(INSERT … ON CONFLICT DO NOTHING, or catch the unique violation)";
        assertThat(messages.store(first))
                .as(broken("M2", "the first store returned false", check))
                .isTrue();
        assertThat(messages.store(first))
                .as(broken("M2", "a repeated store returned true", check))
                .isFalse();
        assertThat(messages.store(other))
                .as(broken("M2", "a store with a known id and other content returned true", check))
                .isFalse();
        assertThat(messages.messagesFor(ina, PageRequest.first(10)).items())
                .as(broken("M2", "the recipient's list is not exactly the first message, once", check))
                .containsExactly(first);
    }

    /**
     * M3: {@code messagesFor} returns only the recipient's messages: not another person's, not those of a staff member
     * whose id equals a contact's (the kind is part of the recipient), and nothing for an unknown recipient.
     */
    @Test
    void m3_aRecipientSeesOnlyItsOwnMessages() {
        PartyRef ina = contact("ina");
        PartyRef inaStaff = new PartyRef(Party.Kind.STAFF, ina.id());
        PartyRef bob = contact("bob");
        PortalMessage toIna = message("ina-1", ina, Records.T0);
        PortalMessage toInaStaff = message("ina-staff-1", inaStaff, Records.T0.plusSeconds(1));
        PortalMessage toBob = message("bob-1", bob, Records.T0.plusSeconds(2));
        messages.store(toIna);
        messages.store(toInaStaff);
        messages.store(toBob);
        String check = "that messagesFor filters by the recipient's kind and id";
        assertThat(messages.messagesFor(ina, PageRequest.first(500)).items())
                .as(broken("M3", "a contact's list holds messages of others", check))
                .containsExactly(toIna);
        assertThat(messages.messagesFor(inaStaff, PageRequest.first(500)).items())
                .as(broken("M3", "a staff member's list holds a contact's message with the same id", check))
                .containsExactly(toInaStaff);
        assertThat(messages.messagesFor(bob, PageRequest.first(500)).items())
                .as(broken("M3", "a contact's list holds messages of others", check))
                .containsExactly(toBob);
        assertThat(messages.messagesFor(contact("nobody"), PageRequest.first(500))
                        .items())
                .as(broken("M3", "an unknown recipient has messages", check))
                .isEmpty();
    }

    /**
     * M4: a recipient's list is newest first (descending by {@code at}, then by id in code-point order); followed to
     * the end it returns every message exactly once at page sizes 1, 2, 3, 7 and 500, with many ties on {@code at};
     * messages stored while a client pages (newer than every listed one) do not appear behind the cursor, and nothing
     * is skipped or repeated.
     */
    @Test
    void m4_newestFirstAndKeysetPaged() {
        PartyRef ina = contact("ina");
        List<PortalMessage> stored = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // ties: groups of three share an instant; ids in an order unlike the insertion order
            String id = "n" + (char) ('a' + (i * 7) % 23) + i;
            PortalMessage m = message(id, ina, Records.T0.plusSeconds(i / 3));
            stored.add(m);
            messages.store(m);
        }
        List<PortalMessage> expected = stored.stream()
                .sorted(Comparator.comparing(PortalMessage::at)
                        .thenComparing(PortalMessage::id)
                        .reversed())
                .toList();
        String check = "that messagesFor orders by (at DESC, id DESC) and starts a page strictly after the cursor's "
                + "(at, id), comparing ids by code point";
        for (int size : new int[] {1, 2, 3, 7, 500}) {
            assertThat(all(ina, size, "M4"))
                    .as(broken(
                            "M4", "paging at size " + size + " did not return the list newest first, each once", check))
                    .containsExactlyElementsOf(expected);
        }
        Page<PortalMessage> first = messages.messagesFor(ina, PageRequest.first(4));
        PortalMessage newer = message("zz-newer", ina, Records.T0.plusSeconds(3_600));
        messages.store(newer);
        List<PortalMessage> rest = new ArrayList<>(first.items());
        Optional<PageCursor> after = first.next();
        for (int pages = 1; after.isPresent(); pages++) {
            assertThat(pages)
                    .as(broken("M4", "paging did not end after a message was stored meanwhile", check))
                    .isLessThan(1_000);
            Page<PortalMessage> page = messages.messagesFor(ina, new PageRequest(after, 4));
            rest.addAll(page.items());
            after = page.next();
        }
        assertThat(rest)
                .as(broken("M4", "a message stored while paging appeared behind the cursor, or one was skipped", check))
                .containsExactlyElementsOf(expected);
        assertThat(messages.messagesFor(ina, PageRequest.first(1)).items())
                .as(broken("M4", "the newest message is not first", check))
                .containsExactly(newer);
    }

    /**
     * M5: {@code eraseRecipient} removes exactly that recipient's messages and returns their number: their list is
     * empty afterwards; another contact's messages and those of a staff member whose id equals the contact's stay
     * unchanged; a repeated call and an unknown recipient remove none.
     */
    @Test
    void m5_eraseRecipientRemovesExactlyThatRecipientsMessages() {
        PartyRef ina = contact("ina");
        PartyRef inaStaff = new PartyRef(Party.Kind.STAFF, ina.id());
        PartyRef bob = contact("bob");
        List<PortalMessage> inas = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PortalMessage m = message("ina-" + i, ina, Records.T0.plusSeconds(i));
            inas.add(m);
            messages.store(m);
        }
        PortalMessage toInaStaff = message("ina-staff-1", inaStaff, Records.T0.plusSeconds(1));
        PortalMessage toBob = message("bob-1", bob, Records.T0.plusSeconds(2));
        messages.store(toInaStaff);
        messages.store(toBob);
        String check = "that eraseRecipient deletes by the recipient's kind and id, and returns the number deleted";
        assertThat(messages.messagesFor(ina, PageRequest.first(500)).items())
                .as(broken("M5", "the recipient's messages were not stored", check))
                .hasSize(inas.size());

        assertThat(messages.eraseRecipient(ina))
                .as(broken("M5", "eraseRecipient did not return the number of the recipient's messages", check))
                .isEqualTo(inas.size());
        assertThat(messages.messagesFor(ina, PageRequest.first(500)).items())
                .as(broken("M5", "the recipient still has messages after eraseRecipient", check))
                .isEmpty();
        assertThat(messages.messagesFor(inaStaff, PageRequest.first(500)).items())
                .as(broken("M5", "a staff member's message with the contact's id was erased or changed", check))
                .containsExactly(toInaStaff);
        assertThat(messages.messagesFor(bob, PageRequest.first(500)).items())
                .as(broken("M5", "another recipient's message was erased or changed", check))
                .containsExactly(toBob);
        assertThat(messages.eraseRecipient(ina))
                .as(broken("M5", "a repeated eraseRecipient removed messages", check))
                .isZero();
        assertThat(messages.eraseRecipient(contact("nobody")))
                .as(broken("M5", "eraseRecipient of an unknown recipient removed messages", check))
                .isZero();
        assertThat(messages.messagesFor(inaStaff, PageRequest.first(500)).items())
                .as(broken("M5", "a staff member's message with the contact's id was erased", check))
                .containsExactly(toInaStaff);
    }

    private PortalMessage about(String id, PartyRef to, String customer, EscalationId escalation) {
        PortalMessage m = message(id, to, Records.T0.plusSeconds(id.length()));
        return new PortalMessage(
                m.id(),
                to,
                to.kind() == Party.Kind.CONTACT ? Optional.of(CustomerId.of(run + "-" + customer)) : Optional.empty(),
                escalation,
                m.caseId(),
                m.kind(),
                m.at(),
                m.locale(),
                m.subject(),
                m.body(),
                m.params(),
                Optional.of("quoted words"));
    }

    /**
     * M6: {@code eraseEscalations} removes exactly the messages about the given escalations, for every recipient and
     * whatever customer they were filed under, and returns their number; messages about other escalations stay (one
     * whose id holds a given one's, another customer's); a repeated call, an empty set and unknown escalations remove
     * none. A port that keeps the SPI's default ({@code UnsupportedOperationException}) fails.
     */
    @Test
    void m6_eraseEscalationsRemovesExactlyTheirMessages() {
        EscalationId gone = EscalationId.of(run + "-e1");
        EscalationId alsoGone = EscalationId.of(run + "-e2");
        EscalationId longer = EscalationId.of(run + "-e10");
        EscalationId other = EscalationId.of(run + "-e3");
        PartyRef ina = contact("ina");
        PartyRef gil = contact("gil");
        PartyRef sam = new PartyRef(Party.Kind.STAFF, run + "-sam");
        List<PortalMessage> removed = List.of(
                about("g-ina", ina, "acme", gone),
                about("g-sam", sam, "acme", gone),
                about("g2-gil", gil, "globex", alsoGone),
                about("g2-ina-other", ina, "acme", alsoGone));
        List<PortalMessage> kept = List.of(
                about("k-ina", ina, "acme", other),
                about("k-sam-longer", sam, "acme", longer),
                about("k-gil", gil, "globex", other));
        removed.forEach(messages::store);
        kept.forEach(messages::store);
        String check =
                "that eraseEscalations deletes by the escalation id (equality, every recipient), and returns the "
                        + "number deleted";
        int n;
        try {
            n = messages.eraseEscalations(Set.of(gone, alsoGone));
        } catch (UnsupportedOperationException e) {
            throw new AssertionError(broken("M6", "eraseEscalations is not implemented (the SPI's default)", check));
        }
        assertThat(n)
                .as(broken("M6", "eraseEscalations did not return the number of the escalations' messages", check))
                .isEqualTo(removed.size());
        List<PortalMessage> left = new ArrayList<>();
        for (PartyRef r : List.of(ina, gil, sam)) {
            left.addAll(messages.messagesFor(r, PageRequest.first(500)).items());
        }
        assertThat(left)
                .as(broken("M6", "a message about an erased escalation is left for its recipient", check))
                .noneMatch(m -> m.escalation().equals(gone) || m.escalation().equals(alsoGone));
        assertThat(left)
                .as(broken(
                        "M6",
                        "a message about another escalation (another customer's, or one whose id holds an erased"
                                + " one's) was removed or changed",
                        check))
                .containsExactlyInAnyOrderElementsOf(kept);
        assertThat(messages.eraseEscalations(Set.of(gone, alsoGone)))
                .as(broken("M6", "a repeated eraseEscalations removed messages", check))
                .isZero();
        assertThat(messages.eraseEscalations(Set.of()))
                .as(broken("M6", "eraseEscalations of no escalation removed messages", check))
                .isZero();
        assertThat(messages.eraseEscalations(Set.of(EscalationId.of(run + "-nothing"))))
                .as(broken("M6", "eraseEscalations of an unknown escalation removed messages", check))
                .isZero();
    }
}
