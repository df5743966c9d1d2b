package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static dev.escalation.test.Rules.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.escalation.model.ActorRef;
import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.Capability;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.ErasureCounts;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PersonalData;
import dev.escalation.spi.StoredEscalation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the optional {@link DataRetention} facet of an {@link EscalationStore} (capability
 * {@link Capability#RETENTION}): rules R1 to R9 of {@code RULES.md}. Erasure is checked by reading everything the
 * ports can read; purging by what is left. A store that does not declare the capability has every rule skipped with
 * the reason. The store must start empty.
 */
public abstract class DataRetentionContract {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String MARKER = "[erased]";

    private final String run = Kit.run("r");
    private EscalationStore store;
    private Instant at;

    /** Creates the contract. */
    protected DataRetentionContract() {}

    /**
     * Creates the store whose retention is under test: empty. Called once per test.
     *
     * @return a new, empty store
     */
    protected abstract EscalationStore createStore();

    /**
     * Releases what {@link #createStore()} acquired. Called after each test.
     *
     * @param store the store
     */
    protected void disposeStore(EscalationStore store) {
        // nothing to release by default
    }

    @BeforeEach
    final void createStoreUnderTest() {
        store = createStore();
        assertThat(store).as("createStore() returned null").isNotNull();
        ChronoUnit precision = store.capabilities().instantPrecision();
        at = Records.T0.plusNanos(111_222_333).truncatedTo(precision);
    }

    @AfterEach
    final void disposeStoreUnderTest() {
        if (store != null) {
            disposeStore(store);
        }
    }

    private DataRetention retention() {
        assumeTrue(
                store.capabilities().has(Capability.RETENTION),
                "capability not declared: capabilities() does not hold RETENTION, so rules R1 to R9 (erasure, "
                        + "purging and export) are not checked");
        return store.retention()
                .orElseThrow(() -> new AssertionError(broken(
                        "R1",
                        "the store declares RETENTION but retention() is empty",
                        "that retention() returns the facet")));
    }

    private EscalationId esc(String name) {
        return EscalationId.of(run + "-" + name);
    }

    /** One person of the erasure test: their id and every personal value the contract writes about them. */
    private record Person(Party party, String wrote, String update, String pauseReason) {
        List<String> values() {
            return List.of(party.displayName(), party.email(), wrote, update, pauseReason);
        }

        ContactId contact() {
            return ContactId.of(party.id());
        }
    }

    private Person person(String name) {
        return new Person(
                new Party(
                        Party.Kind.CONTACT,
                        run + "-" + name,
                        name + " Pünktlich 𝔓 " + run,
                        name + "." + run + "@example.org"),
                name + " wrote: the warehouse is down " + run,
                name + " reports: still down " + run,
                name + " is on holiday until Monday " + run);
    }

    /** Writes an escalation raised by {@code p} in which {@code p}'s values stand everywhere the store keeps data. */
    private StoredEscalation raisedBy(Person p, String name, CustomerId customer, Person other) {
        Party sam = Records.party(Party.Kind.STAFF, "sam");
        EscalationId id = esc(name);
        StoredEscalation first = Records.escalation(id, customer, CaseId.of("case-" + name))
                .raisedBy(p.contact())
                .raisedAt(at)
                .message(p.wrote())
                .state(EscalationState.LESSONS_LEARNED)
                .participants(List.of(p.party(), sam, other.party()))
                .lessonsLearned(Optional.of(new LessonsLearned(
                        LessonsLearned.Status.SCHEDULED,
                        Optional.of(at.plusSeconds(86_400)),
                        List.of(p.party(), sam),
                        "",
                        List.of(),
                        "")))
                .facts(f -> new EscalationFacts(
                        f.entryCount(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(at.plusSeconds(60)),
                        Optional.of(p.pauseReason()),
                        List.of(new ExcludedSpan(
                                at.plusSeconds(10),
                                at.plusSeconds(20),
                                ExcludedSpan.Kind.PAUSED,
                                Optional.of(p.pauseReason()))),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        0,
                        false))
                .build();
        ActorRef actor = ActorRef.contact(p.contact());
        Map<String, EntryParam> added = new LinkedHashMap<>();
        added.put("participant", new EntryParam.Ref(p.party().id()));
        added.put("participantKind", new EntryParam.Code("CONTACT"));
        added.put("participantName", new EntryParam.Text(p.party().displayName()));
        Party toP = p.party();
        OutboxMessage notifyP = Records.message(customer, Records.request(run + "-" + name + "-n1", id, toP), at);
        OutboxMessage open = Records.message(
                customer,
                new dev.escalation.spi.TicketCommand.Open(
                        run + "-" + name + "-open",
                        id,
                        customer,
                        first.caseId(),
                        "Escalation " + name,
                        "neutral",
                        first.criticality()),
                at.plusSeconds(1));
        OutboxMessage addP = Records.message(
                customer, Records.addParticipant(run + "-" + name + "-add", id, toP), at.plusSeconds(2));
        OutboxMessage post = Records.message(
                customer,
                Records.postUpdate(run + "-" + name + "-post", id, "quoting: " + p.update()),
                at.plusSeconds(2));
        OutboxMessage quoting = Records.message(
                customer,
                new dev.escalation.spi.NotificationRequest(
                        run + "-" + name + "-quote",
                        id,
                        first.caseId(),
                        dev.escalation.model.NotificationKind.PROGRESS_UPDATE,
                        Optional.empty(),
                        sam,
                        Records.params("reason", new EntryParam.Text(p.pauseReason())),
                        Optional.of(p.update()),
                        Optional.empty()),
                at.plusSeconds(3));
        OutboxMessage deadToP = Records.message(
                customer,
                Records.request(
                        run + "-" + name + "-dead", id, toP, Optional.of(dev.escalation.model.DeliveryChannel.SMS)),
                at.plusSeconds(4));
        Map<String, String> data = new LinkedHashMap<>();
        data.put("contact", p.party().displayName());
        DueItem due = new DueItem(
                DueItem.keyOf(id, DueKind.NEXT_MEETING, "reminder", at.plusSeconds(3600)),
                id,
                customer,
                DueKind.NEXT_MEETING,
                "reminder",
                at.plusSeconds(3600),
                data);
        EscalationWrite write = Records.creation(first)
                .entries(List.of(
                        Records.entry(
                                at,
                                ProgressKind.ESCALATED,
                                actor,
                                Visibility.CUSTOMER,
                                Optional.of(p.wrote()),
                                Records.params("cause", new EntryParam.Code("DATABASE_OUTAGE"))),
                        Records.entry(
                                at.plusSeconds(5),
                                ProgressKind.STATUS_UPDATE,
                                actor,
                                Visibility.CUSTOMER,
                                Optional.of(p.update()),
                                Map.of()),
                        Records.entry(
                                at.plusSeconds(6),
                                ProgressKind.PARTICIPANT_ADDED,
                                ActorRef.staff(StaffId.of("sam")),
                                Visibility.CUSTOMER,
                                Optional.empty(),
                                added),
                        Records.entry(
                                at.plusSeconds(10),
                                ProgressKind.CLOCK_PAUSED,
                                actor,
                                Visibility.CUSTOMER,
                                Optional.of(p.pauseReason()),
                                Map.of()),
                        Records.entry(
                                at.plusSeconds(11),
                                ProgressKind.NOTE,
                                ActorRef.staff(StaffId.of("sam")),
                                Visibility.INTERNAL,
                                Optional.of("sam's own note " + run),
                                Map.of())))
                .messages(notifyP, open, addP, post, quoting, deadToP)
                .due(due)
                .build();
        store.create(write);
        return first;
    }

    /** Everything the ports can read, as text. */
    private String everythingReadable(List<EscalationId> ids, CustomerId customer) {
        StringBuilder all = new StringBuilder();
        for (EscalationId id : ids) {
            all.append(store.findForVendor(id)).append('\n');
            all.append(store.findForCustomer(customer, id)).append('\n');
            all.append(Kit.entries(store, id, 7)).append('\n');
            all.append(store.entriesForCustomer(customer, id, 0, PageRequest.MAX_SIZE))
                    .append('\n');
        }
        all.append(Kit.all(p -> store.listForCustomer(customer, p), 10, "R1")).append('\n');
        all.append(Kit.all(p -> store.listForVendor(EnumSet.allOf(EscalationState.class), p), 10, "R1"))
                .append('\n');
        all.append(Kit.all(p -> store.outbox().deadLetters(p), 10, "R1")).append('\n');
        all.append(store.dueWork().due(at.plus(Duration.ofDays(3650)), PageRequest.MAX_SIZE))
                .append('\n');
        return all.toString();
    }

    // ------------------------------------------------------------------------------------------------ R1 to R8

    /**
     * R1: erasure of a person leaves none of their values readable through any port (the escalations they raised, their
     * name and address as participant, attendee and recipient, the texts they wrote and the parameters about them,
     * pause reasons, outbox payloads pending and dead, due items), keeps the ids, changes nothing of anyone else, and a
     * second erasure changes nothing.
     */
    @Test
    void r1_erasureLeavesNoValueOfThePersonReadable() {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme");
        Person pia = person("pia");
        Person quinn = person("quinn");
        StoredEscalation piaRaised = raisedBy(pia, "p", acme, quinn);
        StoredEscalation quinnRaised = raisedBy(quinn, "q", acme, person("rex"));
        // open the tickets (so that the ticket calls are readable by claims) and park a notification as a dead letter
        List<ClaimedMessage> claimed = store.outbox().claim("r1", at.plusSeconds(10), LEASE, 100);
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (ClaimedMessage c : claimed) {
            String key = c.message().idempotencyKey();
            outcomes.add(
                    key.endsWith("-dead")
                            ? new DeliveryOutcome.DeadLetter(c, "PERMANENT", "x")
                            : key.endsWith("-open")
                                    ? new DeliveryOutcome.Delivered(c, Optional.of("REF-" + key))
                                    : new DeliveryOutcome.Released(c));
        }
        store.outbox().finish(outcomes, at.plusSeconds(11));
        List<EscalationId> ids = List.of(piaRaised.id(), quinnRaised.id());
        String before = everythingReadable(ids, acme) + pendingPayloads();
        for (String v : pia.values()) {
            assertThat(before).as("the contract's set-up writes %s", v).contains(v);
        }
        Optional<StoredEscalation> quinnBefore = store.findForVendor(quinnRaised.id());
        OutboxCounts quinnCounts = store.outbox().countsOf(quinnRaised.id());
        StoredEscalation piaBefore = store.findForVendor(piaRaised.id()).orElseThrow();
        String piaDueBefore = dueOf(piaRaised.id());

        ErasureCounts counts = retention.erasePerson(PartyRef.of(pia.party()), MARKER);

        String after = everythingReadable(ids, acme) + pendingPayloads();
        String check = "that erasePerson finds the person's values everywhere the store keeps them (escalation "
                + "message, participants, lessons-learned attendees, pause reasons, entry texts they wrote, entry "
                + "parameters about them, outbox payloads pending and dead, due item data) and replaces them";
        for (String v : pia.values()) {
            assertThat(after)
                    .as(broken("R1", "after erasure the ports still read \"" + v + "\"", check))
                    .doesNotContain(v);
        }
        assertThat(after)
                .as(broken("R1", "the erasure marker was not written", "that erased values are replaced by the marker"))
                .contains(MARKER);
        StoredEscalation erased = store.findForVendor(piaRaised.id()).orElseThrow();
        assertThat(erased.toString())
                .as(broken(
                        "R1",
                        "erasure changed pia's escalation otherwise than by putting the marker for her values",
                        "that erasure replaces each of the person's values by the marker and keeps everything else "
                                + "(the message's place, participants, spans, instants, ids, the version)"))
                .isEqualTo(marked(piaBefore.toString(), pia));
        assertThat(dueOf(piaRaised.id()))
                .as(broken(
                        "R1",
                        "erasure changed the due items of pia's escalation otherwise than by putting the marker for "
                                + "her values",
                        "that erasure keeps every entry of a due item's data, replacing only the person's values"))
                .isEqualTo(marked(piaDueBefore, pia))
                .contains(MARKER);
        assertThat(erased.raisedBy())
                .as(broken("R1", "erasure removed the person's id", "that ids (pseudonyms the host owns) stay"))
                .isEqualTo(pia.contact());
        assertThat(erased.participants().stream().map(Party::id).toList())
                .as(broken("R1", "erasure removed participants or their ids", "that ids stay"))
                .containsExactly(pia.party().id(), "sam", quinn.party().id());
        assertThat(after)
                .as(broken("R1", "erasure removed other people's data", "that only the person's values are replaced"))
                .contains("sam's own note " + run)
                .contains(quinn.party().displayName());
        assertThat(store.findForVendor(quinnRaised.id()))
                .as(broken("R1", "erasure of pia changed the escalation quinn raised", "the scope of the erasure"))
                .isEqualTo(quinnBefore);
        assertThat(store.outbox().countsOf(quinnRaised.id()))
                .as(broken("R1", "erasure changed the number of another escalation's messages", "the scope"))
                .isEqualTo(quinnCounts);
        assertThat(counts)
                .as(broken(
                        "R1",
                        "erasePerson reported " + counts + ", not 1 escalation, 4 entries, 5 messages and 1 due item",
                        "that every changed row is counted once"))
                .isEqualTo(new ErasureCounts(1, 4, 5, 1));
        String once = everythingReadable(ids, acme) + pendingPayloads();
        ErasureCounts again = retention.erasePerson(PartyRef.of(pia.party()), MARKER);
        assertThat(again.isEmpty() && once.equals(everythingReadable(ids, acme) + pendingPayloads()))
                .as(broken("R1", "a second erasure of the same person changed something: " + again, "idempotency"))
                .isTrue();
    }

    /**
     * R1: a pause still running, whose reason the person wrote, on an escalation that holds nothing else of theirs
     * (raised by another contact, the person no participant, no closed paused span yet): the erasure replaces the
     * current pause reason too, although nothing in the escalation's other parts changed.
     */
    @Test
    void r1_aRunningPauseIsErasedWhereThePersonLeftNothingElse() {
        StoredEscalation erased = pausedByTheErasedPersonOnly("running", true);
        assertThat(erased.facts().pauseReason())
                .as(broken("R1", "the current pause reason is not the marker", "that erased values become the marker"))
                .contains(MARKER);
    }

    /** R1: as above for a pause that has ended: the reason of its paused span is replaced. */
    @Test
    void r1_anEndedPauseIsErasedWhereThePersonLeftNothingElse() {
        StoredEscalation erased = pausedByTheErasedPersonOnly("ended", false);
        assertThat(erased.facts().excluded().get(0).reason())
                .as(broken("R1", "the paused span's reason is not the marker", "that erased values become the marker"))
                .contains(MARKER);
    }

    /**
     * An escalation quinn raised that pia paused (her only trace: the pause entry and its reason, in the facts as the
     * current pause or in a closed span), after pia's erasure; fails R1 if the reason is still readable.
     */
    private StoredEscalation pausedByTheErasedPersonOnly(String name, boolean running) {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme");
        Person pia = person("pia");
        Person quinn = person("quinn");
        EscalationId id = esc(name);
        Optional<String> reason = Optional.of(pia.pauseReason());
        StoredEscalation paused = raisedIn(id, acme, quinn, EscalationState.ACTIVE)
                .participants(List.of(quinn.party()))
                .facts(f -> new EscalationFacts(
                        f.entryCount(),
                        Optional.empty(),
                        Optional.empty(),
                        running ? Optional.of(at.plusSeconds(10)) : Optional.empty(),
                        running ? reason : Optional.empty(),
                        running
                                ? List.of()
                                : List.of(new ExcludedSpan(
                                        at.plusSeconds(10), at.plusSeconds(20), ExcludedSpan.Kind.PAUSED, reason)),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        0,
                        false))
                .build();
        store.create(Records.creation(paused)
                .entries(List.of(
                        Records.entry(
                                at,
                                ProgressKind.ESCALATED,
                                ActorRef.contact(quinn.contact()),
                                Visibility.CUSTOMER,
                                Optional.of(quinn.wrote()),
                                Records.params("cause", new EntryParam.Code("DATABASE_OUTAGE"))),
                        Records.entry(
                                at.plusSeconds(10),
                                ProgressKind.CLOCK_PAUSED,
                                ActorRef.contact(pia.contact()),
                                Visibility.CUSTOMER,
                                reason,
                                Map.of())))
                .build());
        assertThat(everythingReadable(List.of(id), acme))
                .as("the contract's set-up writes the pause reason")
                .contains(pia.pauseReason());

        retention.erasePerson(PartyRef.of(pia.party()), MARKER);

        assertThat(everythingReadable(List.of(id), acme))
                .as(broken(
                        "R1",
                        "after erasure the ports still read the reason of a pause (" + name + ") the person wrote",
                        "that erasePerson replaces a pause reason in the facts also where nothing else of the"
                                + " escalation changed"))
                .doesNotContain(pia.pauseReason())
                .contains(quinn.wrote());
        return store.findForVendor(id).orElseThrow();
    }

    /** The due items of an escalation, pending at any time, as text. */
    private String dueOf(EscalationId id) {
        return store.dueWork().due(at.plus(Duration.ofDays(3650)), PageRequest.MAX_SIZE).stream()
                .filter(d -> d.escalation().equals(id))
                .toList()
                .toString();
    }

    /** {@code text} with each of the person's values replaced by the marker, the longest first. */
    private static String marked(String text, Person person) {
        return marked(text, person.values());
    }

    /** {@code text} with each of {@code personValues} replaced by the marker, the longest first. */
    private static String marked(String text, List<String> personValues) {
        List<String> values = new ArrayList<>(personValues);
        values.sort(Comparator.comparingInt(String::length).reversed());
        String marked = text;
        for (String v : values) {
            marked = marked.replace(v, MARKER);
        }
        return marked;
    }

    /** The pending messages' payloads (claimed far in the future, then released), for the erasure check. */
    private String pendingPayloads() {
        List<ClaimedMessage> claimed = store.outbox().claim("r1-read", at.plus(Duration.ofDays(3000)), LEASE, 500);
        List<DeliveryOutcome> release = new ArrayList<>();
        claimed.forEach(c -> release.add(new DeliveryOutcome.Released(c)));
        store.outbox().finish(release, at.plus(Duration.ofDays(3000)));
        return claimed.stream().map(c -> c.message().toString()).toList().toString();
    }

    /** {@link #pendingPayloads()} of one escalation's messages. */
    private String pendingPayloads(EscalationId id) {
        List<ClaimedMessage> claimed = store.outbox().claim("r9-read", at.plus(Duration.ofDays(3000)), LEASE, 500);
        List<DeliveryOutcome> release = new ArrayList<>();
        claimed.forEach(c -> release.add(new DeliveryOutcome.Released(c)));
        store.outbox().finish(release, at.plus(Duration.ofDays(3000)));
        return claimed.stream()
                .filter(c -> c.message().escalation().equals(id))
                .map(c -> c.message().toString())
                .toList()
                .toString();
    }

    /** Writes an escalation of {@code customer} that reached {@code state} at {@code changedAt}. */
    private EscalationId written(String name, CustomerId customer, EscalationState state, Instant changedAt) {
        EscalationId id = esc(name);
        StoredEscalation e = Records.escalation(id, customer, CaseId.of("case-" + name))
                .raisedAt(changedAt.minusSeconds(100))
                .build();
        store.create(Records.creation(e)
                .messages(Records.notificationMessage(customer, id, run + "-" + name, changedAt.minusSeconds(100)))
                .build());
        Kit.change(
                store,
                id,
                cur -> Records.change(cur)
                        .at(changedAt)
                        .state(state)
                        .entry(Records.update(changedAt, Visibility.CUSTOMER, "to " + state))
                        .build());
        return id;
    }

    /**
     * R8: {@code purgeFinalBefore(cutoff, limit, beforeDelete)} names the batch before deleting it, in its
     * transaction: {@code beforeDelete} is called once per batch with the distinct ids of the final escalations it
     * deletes (at most {@code limit}, of every customer), and not at all when none is left; what it throws comes out
     * unchanged and nothing is deleted (the next call names them again); open and recent escalations are never named.
     * A store that declares {@code RETENTION} but keeps the SPI's default fails.
     */
    @Test
    void r8_purgeNamesTheBatchBeforeDeletingIt() {
        DataRetention retention = retention();
        Instant old = at.minus(Duration.ofDays(30));
        Instant cutoff = at.minus(Duration.ofDays(20));
        CustomerId acme = CustomerId.of(run + "-acme");
        CustomerId globex = CustomerId.of(run + "-globex");
        List<EscalationId> purgeable = List.of(
                written("closed-a", acme, EscalationState.CLOSED, old),
                written("withdrawn-a", acme, EscalationState.WITHDRAWN, old.plusSeconds(1)),
                written("closed-g", globex, EscalationState.CLOSED, old.plusSeconds(2)));
        List<EscalationId> staying = List.of(
                written("requested-old", acme, EscalationState.REQUESTED, old),
                written("closed-recent", globex, EscalationState.CLOSED, at));
        String check = "that purgeFinalBefore(cutoff, limit, beforeDelete) selects and locks the batch, calls "
                + "beforeDelete with its ids, and deletes them in the same transaction only if it returns";
        RuntimeException outage = new IllegalStateException("portal messages could not be removed");
        List<List<EscalationId>> told = new ArrayList<>();
        Throwable thrown;
        try {
            retention.purgeFinalBefore(cutoff, 2, ids -> {
                told.add(ids);
                throw outage;
            });
            thrown = null;
        } catch (UnsupportedOperationException e) {
            throw new AssertionError(broken(
                    "R8", "the store declares RETENTION but does not name what it purges (the SPI's default)", check));
        } catch (RuntimeException e) {
            thrown = e;
        }
        assertThat(thrown)
                .as(broken("R8", "what beforeDelete threw did not come out of purgeFinalBefore unchanged", check))
                .isSameAs(outage);
        assertThat(told)
                .as(broken("R8", "beforeDelete was not called once with a batch of the limit's size", check))
                .hasSize(1)
                .allSatisfy(ids -> assertThat(ids).hasSize(2).doesNotHaveDuplicates());
        for (EscalationId id : purgeable) {
            assertThat(store.findForVendor(id))
                    .as(broken("R8", "an escalation was deleted although beforeDelete threw", check))
                    .isPresent();
        }
        told.clear();
        int first = retention.purgeFinalBefore(cutoff, 2, told::add);
        int second = retention.purgeFinalBefore(cutoff, 2, told::add);
        int third = retention.purgeFinalBefore(cutoff, 2, told::add);
        assertThat(List.of(first, second, third))
                .as(broken("R8", "the batches did not delete 2, then 1, then 0 escalations", check))
                .containsExactly(2, 1, 0);
        assertThat(told)
                .as(broken("R8", "beforeDelete was not called once per batch that deletes, with its ids", check))
                .hasSize(2)
                .satisfies(batches -> assertThat(batches.get(0)).hasSize(2))
                .satisfies(batches -> assertThat(batches.get(1)).hasSize(1));
        assertThat(told.stream().flatMap(List::stream).toList())
                .as(broken("R8", "the named ids are not exactly the purgeable escalations, each once", check))
                .containsExactlyInAnyOrderElementsOf(purgeable);
        for (EscalationId id : purgeable) {
            assertThat(store.findForVendor(id))
                    .as(broken("R8", "a named escalation was not deleted", check))
                    .isEmpty();
        }
        for (EscalationId id : staying) {
            assertThat(store.findForVendor(id))
                    .as(broken("R8", "an open or recent escalation was deleted", check))
                    .isPresent();
        }
    }

    /**
     * R2: purgeFinalBefore deletes only final escalations last changed before the cut-off, with their entries, outbox
     * messages and due items, at most {@code limit} per call; purgeDeliveredBefore deletes only delivered messages
     * before the cut-off, at most {@code limit} per call, and leaves pending and dead ones alone.
     */
    @Test
    void r2_purgeDeletesExactlyItsScope() {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme");
        Instant old = at.minus(Duration.ofDays(30));
        Instant cutoff = at.minus(Duration.ofDays(20));
        Map<String, StoredEscalation> written = new LinkedHashMap<>();
        Map<String, EscalationState> states = new LinkedHashMap<>();
        states.put("closed-old", EscalationState.CLOSED);
        states.put("withdrawn-old", EscalationState.WITHDRAWN);
        states.put("closed-recent", EscalationState.CLOSED);
        states.put("requested-old", EscalationState.REQUESTED);
        states.put("resolved-old", EscalationState.RESOLVED);
        int n = 0;
        for (var s : states.entrySet()) {
            EscalationId id = esc(s.getKey());
            StoredEscalation e = Records.escalation(id, acme, CaseId.of("case-" + s.getKey()))
                    .raisedAt(old.plusSeconds(n++))
                    .submissionKey("sub-" + s.getKey())
                    .build();
            store.create(Records.creation(e)
                    .messages(Records.notificationMessage(acme, id, run + "-" + s.getKey(), old))
                    .due(Records.dueItem(id, acme, DueKind.RESOLUTION, "breach", at.plus(Duration.ofDays(1))))
                    .build());
            Instant changedAt = s.getKey().endsWith("recent") ? at : old.plusSeconds(100);
            EscalationWrite w = Kit.change(
                    store,
                    id,
                    cur -> Records.change(cur)
                            .at(changedAt)
                            .state(s.getValue())
                            .entry(Records.update(changedAt, Visibility.CUSTOMER, "to " + s.getValue()))
                            .due(Records.dueItem(id, acme, DueKind.RESOLUTION, "breach", at.plus(Duration.ofDays(1))))
                            .build());
            written.put(s.getKey(), w.next());
        }
        Map<String, String> before = new LinkedHashMap<>();
        for (var e : written.entrySet()) {
            before.put(e.getKey(), snapshot(e.getValue().id()));
        }
        String check = "that purgeFinalBefore selects state IN ('CLOSED','WITHDRAWN') AND updated_at < cutoff, at most "
                + "limit, and deletes each with its entries, outbox messages and due items";
        assertThat(retention.purgeFinalBefore(cutoff, 1))
                .as(broken(
                        "R2",
                        "purgeFinalBefore(limit 1) did not delete exactly one of two purgeable escalations",
                        check))
                .isEqualTo(1);
        assertThat(retention.purgeFinalBefore(cutoff, 10))
                .as(broken("R2", "the second purgeFinalBefore did not delete the last purgeable escalation", check))
                .isEqualTo(1);
        assertThat(retention.purgeFinalBefore(cutoff, 10))
                .as(broken("R2", "a third purgeFinalBefore deleted something", check))
                .isZero();
        for (String gone : List.of("closed-old", "withdrawn-old")) {
            EscalationId id = written.get(gone).id();
            assertThat(snapshot(id))
                    .as(broken(
                            "R2", "the purged escalation " + gone + " or something it owned is still readable", check))
                    .isEqualTo(snapshot(esc("never-written")));
            assertThat(store.findBySubmissionForCustomer(acme, "sub-" + gone))
                    .as(broken("R2", "the purged escalation is still found by its submission key", check))
                    .isEmpty();
        }
        for (String kept : List.of("closed-recent", "requested-old", "resolved-old")) {
            assertThat(snapshot(written.get(kept).id()))
                    .as(broken("R2", "purgeFinalBefore changed " + kept + ", which is out of its scope", check))
                    .isEqualTo(before.get(kept));
        }
        List<String> listed =
                Kit.all(p -> store.listForVendor(EnumSet.allOf(EscalationState.class), p), 10, "R2").stream()
                        .map(s -> s.id().value())
                        .toList();
        assertThat(listed)
                .as(broken("R2", "listForVendor after purging is not the three kept escalations", check))
                .containsExactlyInAnyOrder(
                        esc("closed-recent").value(),
                        esc("requested-old").value(),
                        esc("resolved-old").value());

        // delivered messages: three delivered long before the cut-off; one pending, one dead
        EscalationId mail = esc("mail");
        Instant longAgo = at.minus(Duration.ofDays(40));
        List<OutboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            messages.add(Records.notificationMessage(
                    acme, EscalationId.of(mail.value() + i), run + "-mail-" + i, longAgo.plusSeconds(i)));
        }
        for (int i = 0; i < 5; i++) {
            store.create(Records.creation(
                            Records.escalation(EscalationId.of(mail.value() + i), acme, CaseId.of("mail-" + i))
                                    .raisedAt(longAgo)
                                    .build())
                    .messages(messages.get(i))
                    .build());
        }
        Map<String, ClaimedMessage> claimed = new LinkedHashMap<>();
        store.outbox()
                .claim("r2", longAgo.plusSeconds(10), LEASE, 100)
                .forEach(c -> claimed.put(c.message().idempotencyKey(), c));
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outcomes.add(new DeliveryOutcome.Delivered(claimed.get(run + "-mail-" + i), Optional.empty()));
        }
        outcomes.add(new DeliveryOutcome.DeadLetter(claimed.get(run + "-mail-3"), "PERMANENT", "x"));
        outcomes.add(new DeliveryOutcome.Released(claimed.get(run + "-mail-4")));
        store.outbox().finish(outcomes, longAgo.plusSeconds(11));
        OutboxCounts counts = store.outbox().counts();
        String delivered =
                "that purgeDeliveredBefore deletes delivered messages before the cut-off only, at most limit "
                        + "per call (the return value counts what was deleted)";
        assertThat(retention.purgeDeliveredBefore(cutoff, at, 2))
                .as(broken("R2", "purgeDeliveredBefore(limit 2) did not delete 2 of 3 delivered messages", delivered))
                .isEqualTo(2);
        assertThat(retention.purgeDeliveredBefore(cutoff, at, 2))
                .as(broken(
                        "R2", "the second purgeDeliveredBefore did not delete the third delivered message", delivered))
                .isEqualTo(1);
        assertThat(retention.purgeDeliveredBefore(cutoff, at, 2))
                .as(broken("R2", "a third purgeDeliveredBefore deleted something", delivered))
                .isZero();
        assertThat(store.outbox().counts())
                .as(broken("R2", "purgeDeliveredBefore deleted pending or dead messages", delivered))
                .isEqualTo(counts);
    }

    /** What the ports read of one escalation, as text. */
    private String snapshot(EscalationId id) {
        return store.findForVendor(id) + "\n" + Kit.entries(store, id, 50) + "\n"
                + store.outbox().countsOf(id) + "\n"
                + store.dueWork().due(at.plus(Duration.ofDays(3650)), PageRequest.MAX_SIZE).stream()
                        .filter(d -> d.escalation().equals(id))
                        .toList();
    }

    /**
     * R3: purgeDeliveredBefore refuses a cut-off inside the de-duplication window (later than now minus the window)
     * and deletes nothing then; an allowed purge never makes the outbox forget a key delivered less than the window
     * ago, so purging and de-duplication (rule O7) agree.
     */
    @Test
    void r3_purgeRefusesCutOffsInsideTheWindow() {
        DataRetention retention = retention();
        Duration window = store.capabilities().deduplicationWindow();
        CustomerId acme = CustomerId.of(run + "-acme");
        EscalationId e = esc("late");
        Instant created = at.minus(window).minus(Duration.ofDays(3));
        OutboxMessage m = Records.notificationMessage(acme, e, run + "-late", created);
        store.create(Records.creation(Records.escalation(e, acme, CaseId.of("late"))
                        .raisedAt(created)
                        .build())
                .messages(m)
                .build());
        // it fails for days and is delivered one day before now: created long before, delivered within the window
        ClaimedMessage first = store.outbox().claim("r3", created, LEASE, 10).get(0);
        store.outbox().finish(List.of(new DeliveryOutcome.Retry(first, at.minus(Duration.ofDays(1)), "down")), created);
        Instant deliveredAt = at.minus(Duration.ofDays(1));
        ClaimedMessage second =
                store.outbox().claim("r3", deliveredAt, LEASE, 10).get(0);
        store.outbox().finish(List.of(new DeliveryOutcome.Delivered(second, Optional.empty())), deliveredAt);

        String check = "that purgeDeliveredBefore throws IllegalArgumentException for a cut-off after now minus the "
                + "de-duplication window, before deleting anything";
        for (Instant inside : List.of(at, at.minus(window).plusSeconds(1))) {
            assertThat(thrown(() -> retention.purgeDeliveredBefore(inside, at, 100)))
                    .as(broken(
                            "R3",
                            "a cut-off " + Duration.between(inside, at) + " before now, inside the window " + window
                                    + ", was not refused",
                            check))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(thrown(() -> retention.purgeDeliveredBefore(at.minus(window), at, 100)))
                .as(broken("R3", "the cut-off now minus the window was refused", "that the window's edge is allowed"))
                .isNull();
        OutboxMessage again = new OutboxMessage(
                dev.escalation.model.MessageId.of(run + "-late-again"), acme, m.effect(), at, at, 0, Optional.empty());
        Kit.change(store, e, cur -> Records.change(cur).messages(again).build());
        assertThat(store.outbox().counts().pending())
                .as(broken(
                        "R3",
                        "after purging, a key delivered one day ago (created long before the cut-off) was queued again",
                        "that purging judges delivered messages by their delivery time and keeps every key delivered "
                                + "within the window, as de-duplication (rule O7) needs"))
                .isZero();
    }

    /**
     * R4: exportPerson lists everything the store holds about a person: the escalations that concern them (not others),
     * the entries they wrote or that are about them (not other people's), every outbox message addressed to them,
     * naming them or carrying one of their values (pending and dead letters alike), and the due items carrying their
     * values; after erasure it still lists where they were involved, with none of their values.
     */
    @Test
    void r4_exportPersonListsEverythingAboutThem() {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme");
        Person pia = person("pia");
        Person quinn = person("quinn");
        StoredEscalation piaRaised = raisedBy(pia, "p", acme, quinn);
        raisedBy(quinn, "q", acme, person("rex"));
        List<ClaimedMessage> claimed = store.outbox().claim("r4", at.plusSeconds(10), LEASE, 100);
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (ClaimedMessage c : claimed) {
            outcomes.add(
                    c.message().idempotencyKey().endsWith("-dead")
                            ? new DeliveryOutcome.DeadLetter(c, "PERMANENT", "x")
                            : new DeliveryOutcome.Released(c));
        }
        store.outbox().finish(outcomes, at.plusSeconds(11));
        PartyRef person = PartyRef.of(pia.party());
        String check = "that exportPerson returns the escalations that concern the person, the entries they wrote or "
                + "that name them, every outbox message (pending or dead) naming them or carrying their values, and "
                + "the due items carrying their values";
        PersonalData export;
        try {
            export = retention.exportPerson(person);
        } catch (UnsupportedOperationException e) {
            throw new AssertionError(broken(
                    "R4", "the store declares RETENTION but exportPerson is not implemented (the default)", check));
        }
        assertThat(export.person())
                .as(broken("R4", "the export names another person", check))
                .isEqualTo(person);
        assertThat(export.escalations().stream().map(e -> e.id().value()).toList())
                .as(broken("R4", "the export's escalations are not exactly the one pia is involved in", check))
                .containsExactly(piaRaised.id().value());
        assertThat(export.entries().stream()
                        .map(e -> e.escalation().value() + "#" + e.entry().kind())
                        .toList())
                .as(broken(
                        "R4",
                        "the export's entries are not pia's three and the one about her (and no one else's)",
                        check))
                .containsExactlyInAnyOrder(
                        piaRaised.id().value() + "#ESCALATED",
                        piaRaised.id().value() + "#STATUS_UPDATE",
                        piaRaised.id().value() + "#PARTICIPANT_ADDED",
                        piaRaised.id().value() + "#CLOCK_PAUSED");
        String p = run + "-p-";
        assertThat(export.messages().stream().map(OutboxMessage::idempotencyKey).toList())
                .as(broken(
                        "R4",
                        "the export's outbox messages are not the five naming pia or carrying her values (a dead "
                                + "letter among them)",
                        check))
                .containsExactlyInAnyOrder(p + "n1", p + "add", p + "post", p + "quote", p + "dead");
        assertThat(export.dueItems())
                .as(broken("R4", "the export's due items are not the one carrying pia's name", check))
                .hasSize(1);
        String text = export.toString();
        for (String v : pia.values()) {
            assertThat(text)
                    .as(broken("R4", "the export lacks \"" + v + "\"", check))
                    .contains(v);
        }

        retention.erasePerson(person, MARKER);
        PersonalData after = retention.exportPerson(person);
        for (String v : pia.values()) {
            assertThat(after.toString())
                    .as(broken(
                            "R4",
                            "after erasure the export still holds \"" + v + "\"",
                            "that the export reads what the store holds"))
                    .doesNotContain(v);
        }
        assertThat(after.escalations().stream().map(e -> e.id().value()).toList())
                .as(broken(
                        "R4",
                        "after erasure the export no longer lists the escalation pia was involved in",
                        "that ids stay, so the export still shows where a person was involved"))
                .containsExactly(piaRaised.id().value());
    }

    /**
     * R1 for words too short to be searched for inside other texts: the message a contact raised an escalation with
     * and the resolution summary a staff member wrote are theirs whole, so erasing them puts the marker there also
     * when the text is two characters long; the same short text written by someone else stays (R5).
     */
    @Test
    void r1_aShortMessageOrSummaryOfTheirsIsErasedWhole() {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme1s");
        Person kai = person("kai");
        Party sol = new Party(Party.Kind.STAFF, run + "-sol1", "Sol Short " + run, "sol1." + run + "@vendor.example");
        StoredEscalation raised = Records.escalation(esc("k1"), acme, CaseId.of("case-k1"))
                .raisedBy(kai.contact())
                .raisedAt(at)
                .message("ok")
                .state(EscalationState.CLOSED)
                .manager(Optional.of(StaffId.of(sol.id())))
                .participants(List.of()) // nothing else of theirs in the document: only the short text changes
                .resolution(Optional.of(
                        new dev.escalation.model.Resolution("ok", at.plusSeconds(60), StaffId.of(sol.id()))))
                .build();
        store.create(Records.creationOf(raised));
        String check =
                "that the message they raised with and the summary they wrote are replaced whole, whatever their "
                        + "length, and the write of a document changed only there is stored";

        retention.erasePerson(PartyRef.of(kai.party()), MARKER);

        StoredEscalation afterKai = store.findForVendor(raised.id()).orElseThrow();
        assertThat(afterKai.message())
                .as(broken("R1", "erasing a contact left the short message they raised the escalation with", check))
                .isEqualTo(MARKER);
        assertThat(afterKai.resolution().map(dev.escalation.model.Resolution::summary))
                .as(broken(
                        "R5", "erasing a contact replaced a staff member's summary that equals their message", check))
                .contains("ok");

        retention.erasePerson(PartyRef.of(sol), MARKER);

        assertThat(store.findForVendor(raised.id())
                        .orElseThrow()
                        .resolution()
                        .map(dev.escalation.model.Resolution::summary))
                .as(broken("R1", "erasing a staff member left the short resolution summary they wrote", check))
                .contains(MARKER);
    }

    /**
     * R1 "ids stay", where their words equal an id: pia wrote an update that is exactly the case's id (a customer
     * quoting their reference). Erasing her puts the marker where she wrote it, but the case id, a reference and a code
     * in a pending notification of the escalation keep that value: ids and codes are not words.
     */
    @Test
    void r1_idsStayWhereTheirWordsEqualAnId() {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme1i");
        Person pia = person("pia");
        String reference = "REF-" + run + "-2024-0042";
        EscalationId id = esc("ids");
        StoredEscalation raised = Records.escalation(id, acme, CaseId.of(reference))
                .raisedBy(pia.contact())
                .raisedAt(at)
                .message(pia.wrote())
                .state(EscalationState.ACTIVE)
                .participants(List.of(pia.party()))
                .build();
        dev.escalation.spi.NotificationRequest toSam = new dev.escalation.spi.NotificationRequest(
                run + "-ids-n",
                id,
                CaseId.of(reference),
                dev.escalation.model.NotificationKind.PROGRESS_UPDATE,
                Optional.empty(),
                Records.party(Party.Kind.STAFF, "sam"),
                Records.params("ticket", new EntryParam.Ref(reference), "cause", new EntryParam.Code(reference)),
                Optional.empty(),
                Optional.empty());
        store.create(Records.creation(raised)
                .entries(List.of(Records.entry(
                        at,
                        ProgressKind.STATUS_UPDATE,
                        ActorRef.contact(pia.contact()),
                        Visibility.CUSTOMER,
                        Optional.of(reference),
                        Map.of())))
                .messages(Records.message(acme, toSam, at))
                .build());
        String check =
                "that erasure replaces words (texts) and never ids, references or codes, also where they equal a "
                        + "value of the person";

        retention.erasePerson(PartyRef.of(pia.party()), MARKER);

        assertThat(Kit.entries(store, id, 10).get(0).text())
                .as(broken("R1", "erasing pia left the update she wrote", check))
                .contains(MARKER);
        assertThat(store.findForVendor(id).orElseThrow().caseId())
                .as(broken("R1", "erasing pia changed the escalation's case id", check))
                .isEqualTo(CaseId.of(reference));
        List<ClaimedMessage> claimed = store.outbox().claim("r1-ids", at.plusSeconds(1), LEASE, 10);
        assertThat(claimed)
                .as(broken("R1", "erasing pia changed the case id, a reference or a code of a notification", check))
                .singleElement()
                .satisfies(c -> assertThat(c.message().effect()).isEqualTo(toSam));
    }

    /**
     * R5 at its boundary: a value of theirs of exactly 8 characters is replaced inside someone else's text and where a
     * text equals it; one of 7 characters is not (it stays in someone else's entry, alone or inside a sentence).
     */
    @Test
    void r5_eightCharactersAreSearchedForInsideOtherTextsSevenAreNot() {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme5b");
        Person pia = person("pia");
        ActorRef piaActor = ActorRef.contact(pia.contact());
        ActorRef sam = ActorRef.staff(StaffId.of("sam"));
        String eight = "Tor 3 zu"; // 8 characters
        String seven = "Tor 4 z"; // 7 characters
        EscalationId mine = esc("edge");
        List<String> samWrote = List.of(eight, "sie sagt: " + eight + "!", seven, "sie sagt: " + seven + "!");
        List<dev.escalation.spi.StoredEntry> entries = new ArrayList<>();
        entries.add(Records.entry(
                at, ProgressKind.STATUS_UPDATE, piaActor, Visibility.CUSTOMER, Optional.of(eight), Map.of()));
        entries.add(Records.entry(
                at.plusSeconds(1),
                ProgressKind.STATUS_UPDATE,
                piaActor,
                Visibility.CUSTOMER,
                Optional.of(seven),
                Map.of()));
        for (int i = 0; i < samWrote.size(); i++) {
            entries.add(Records.entry(
                    at.plusSeconds(2 + i),
                    ProgressKind.NOTE,
                    sam,
                    Visibility.INTERNAL,
                    Optional.of(samWrote.get(i)),
                    Map.of()));
        }
        store.create(Records.creation(raisedIn(mine, acme, pia, EscalationState.ACTIVE)
                        .participants(List.of(pia.party()))
                        .build())
                .entries(entries)
                .build());

        retention.erasePerson(PartyRef.of(pia.party()), MARKER);

        List<String> texts = Kit.entries(store, mine, 10).stream()
                .map(e -> e.text().orElse(""))
                .toList();
        assertThat(texts)
                .as(broken(
                        "R5",
                        "erasing pia, who wrote an 8- and a 7-character text, left sam's entries as " + texts,
                        "that a value of 8 characters or more is replaced inside other texts and where a text equals "
                                + "it, and a shorter one only where a copied text equals it"))
                .containsExactly(
                        MARKER, MARKER, MARKER, "sie sagt: " + MARKER + "!", seven, "sie sagt: " + seven + "!");
    }

    /**
     * R5: erasure replaces only the person's own words: a short text they wrote ("ok") does not erase the same word
     * written by someone else, in their escalation or in an escalation that does not concern them, nor the word inside
     * longer texts; nor another customer's escalation of a namesake whose id holds theirs.
     */
    @Test
    void r5_erasureKeepsOtherPeoplesMatchingWords() {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme");
        Person pia = person("pia");
        ActorRef piaActor = ActorRef.contact(pia.contact());
        ActorRef sam = ActorRef.staff(StaffId.of("sam"));
        EscalationId mine = esc("short");
        store.create(Records.creation(Records.escalation(mine, acme, CaseId.of("case-short"))
                        .raisedBy(pia.contact())
                        .raisedAt(at)
                        .message(pia.wrote())
                        .participants(List.of(pia.party()))
                        .build())
                .entries(List.of(
                        Records.entry(
                                at,
                                ProgressKind.STATUS_UPDATE,
                                piaActor,
                                Visibility.CUSTOMER,
                                Optional.of("ok"),
                                Map.of()),
                        Records.entry(
                                at.plusSeconds(1),
                                ProgressKind.NOTE,
                                sam,
                                Visibility.INTERNAL,
                                Optional.of("ok"),
                                Map.of()),
                        Records.entry(
                                at.plusSeconds(2),
                                ProgressKind.NOTE,
                                sam,
                                Visibility.INTERNAL,
                                Optional.of("booked the room, ok?"),
                                Map.of())))
                .build());
        EscalationId other = esc("other");
        ContactId rex = ContactId.of(run + "-rex");
        store.create(Records.creation(Records.escalation(other, acme, CaseId.of("case-other"))
                        .raisedBy(rex)
                        .raisedAt(at)
                        .message("ok")
                        .build())
                .entries(List.of(Records.entry(
                        at,
                        ProgressKind.STATUS_UPDATE,
                        ActorRef.contact(rex),
                        Visibility.CUSTOMER,
                        Optional.of("ok"),
                        Map.of())))
                .build());
        String otherBefore = store.findForVendor(other) + "\n" + Kit.entries(store, other, 10);
        // another customer's contact of the same name, whose id holds pia's id: none of it concerns pia
        CustomerId globex = CustomerId.of(run + "-globex");
        Party namesake = new Party(
                Party.Kind.CONTACT,
                pia.party().id() + ".k",
                pia.party().displayName(),
                "k." + pia.party().email());
        EscalationId theirs = esc("namesake");
        store.create(Records.creation(Records.escalation(theirs, globex, CaseId.of("case-namesake"))
                        .raisedBy(ContactId.of(namesake.id()))
                        .raisedAt(at)
                        .message("Please call " + namesake.displayName() + " back")
                        .participants(List.of(namesake))
                        .build())
                .entries(List.of(Records.entry(
                        at,
                        ProgressKind.STATUS_UPDATE,
                        ActorRef.contact(ContactId.of(namesake.id())),
                        Visibility.CUSTOMER,
                        Optional.of("Still down, " + namesake.displayName()),
                        Map.of())))
                .build());
        String theirsBefore = store.findForVendor(theirs) + "\n" + Kit.entries(store, theirs, 10);

        retention.erasePerson(PartyRef.of(pia.party()), MARKER);

        List<String> texts = Kit.entries(store, mine, 10).stream()
                .map(e -> e.text().orElse(""))
                .toList();
        String check = "that erasure replaces the texts the person wrote and copies of their values, and never a short "
                + "value (under 8 characters) inside other texts or in other people's entries";
        assertThat(texts)
                .as(broken("R5", "erasing pia, who wrote \"ok\", changed sam's entries " + texts, check))
                .containsExactly(MARKER, "ok", "booked the room, ok?");
        assertThat(store.findForVendor(other) + "\n" + Kit.entries(store, other, 10))
                .as(broken("R5", "erasing pia changed an escalation that does not concern her", check))
                .isEqualTo(otherBefore);
        assertThat(store.findForVendor(theirs) + "\n" + Kit.entries(store, theirs, 10))
                .as(broken(
                        "R5",
                        "erasing pia changed another customer's escalation of her namesake, whose id holds hers",
                        "that erasure works only in escalations that concern the person (their id, not a text "
                                + "holding it)"))
                .isEqualTo(theirsBefore);
    }

    /**
     * R6: exportPerson lists the escalations in id order and the entries in escalation (id) and sequence order,
     * whatever order they were written in: here the escalation with the later id is written first.
     */
    @Test
    void r6_exportPersonListsInIdAndSequenceOrder() {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme6");
        Person uma = person("uma");
        StoredEscalation writtenFirst = raisedBy(uma, "z6", acme, person("vic"));
        StoredEscalation writtenLast = raisedBy(uma, "a6", acme, person("wes"));
        String check = "that exportPerson lists escalations in id order and entries in escalation and sequence order";
        PersonalData export = retention.exportPerson(PartyRef.of(uma.party()));
        assertThat(export.escalations().stream().map(e -> e.id().value()).toList())
                .as(broken("R6", "the export's escalations are not in id order", check))
                .containsExactly(writtenLast.id().value(), writtenFirst.id().value());
        List<String> listed = export.entries().stream()
                .map(e -> e.escalation().value() + "#" + e.entry().sequence())
                .toList();
        List<String> ordered = export.entries().stream()
                .sorted(Comparator.comparing(
                                (PersonalData.Entry e) -> e.escalation().value())
                        .thenComparingLong(e -> e.entry().sequence()))
                .map(e -> e.escalation().value() + "#" + e.entry().sequence())
                .toList();
        assertThat(listed)
                .as(broken("R6", "the export's entries are not in escalation and sequence order", check))
                .isEqualTo(ordered)
                .anyMatch(e -> e.startsWith(writtenFirst.id().value() + "#"))
                .anyMatch(e -> e.startsWith(writtenLast.id().value() + "#"));
        String orders = check + ", messages in creation order and due items in key order";
        assertThat(export.messages().stream().map(OutboxMessage::createdAt).toList())
                .as(broken("R6", "the export's outbox messages are not in creation order", orders))
                .isSortedAccordingTo(Comparator.naturalOrder())
                .hasSizeGreaterThan(1);
        assertThat(export.dueItems().stream().map(d -> d.key()).toList())
                .as(broken("R6", "the export's due items are not in key order", orders))
                .isSortedAccordingTo(Comparator.naturalOrder());
    }

    /**
     * R4 and R1: a person who raised nothing but takes part in an escalation is concerned by it too: exportPerson lists
     * that escalation (and no other), with their name and address; erasing them removes both from its participants and
     * leaves the raiser's.
     */
    @Test
    void r4_aParticipantWhoRaisedNothingIsExportedAndErasedToo() {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme4p");
        Person xena = person("xena");
        Person yuri = person("yuri"); // takes part in xena's escalation, raised none
        StoredEscalation xenas = raisedBy(xena, "x4", acme, yuri);
        raisedBy(person("zoe"), "z4", acme, person("abe"));
        PartyRef who = PartyRef.of(yuri.party());
        StoredEscalation xenasBefore = store.findForVendor(xenas.id()).orElseThrow();
        String check = "that exportPerson and erasePerson find a person among an escalation's participants, not only "
                + "as the one who raised it";
        PersonalData export = exportListingOnly(
                retention,
                who,
                xenas,
                "the export of a participant who raised nothing does not list exactly their escalation",
                check);
        assertThat(export.toString())
                .as(broken("R4", "the export of a participant lacks their name or address", check))
                .contains(yuri.party().displayName(), yuri.party().email());

        retention.erasePerson(who, MARKER);

        StoredEscalation xenasAfter = store.findForVendor(xenas.id()).orElseThrow();
        assertThat(xenasAfter.toString())
                .as(broken(
                        "R1",
                        "erasing a participant changed the escalation otherwise than by putting the marker for their "
                                + "name and address (the raiser's message, pause reason or spans changed?)",
                        check))
                .isEqualTo(marked(xenasBefore.toString(), yuri));
        List<Party> participants = xenasAfter.participants();
        assertThat(participants.toString())
                .as(broken(
                        "R1",
                        "erasing a participant who raised nothing left their name or address among the "
                                + "participants",
                        check))
                .doesNotContain(yuri.party().displayName())
                .doesNotContain(yuri.party().email());
        assertThat(participants)
                .as(broken("R1", "erasing a participant changed the raiser's name or address", check))
                .contains(xena.party());
    }

    /**
     * R4 and R1 for a staff member: the Escalation Manager who managed and resolved an escalation (a participant, the
     * author of its resolution) is concerned by it: exportPerson lists it (and no other) with their name, address and
     * resolution summary; erasing them puts the marker for those values and keeps the rest as it was, ids included.
     */
    @Test
    void r4_aStaffMemberWhoManagedAndResolvedIsExportedAndErasedToo() {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme4s");
        Party sol =
                new Party(Party.Kind.STAFF, run + "-sol", "Sol Manager 𝔖 " + run, "sol." + run + "@vendor.example");
        String summary = "sol rebuilt the index and the warehouse is back " + run;
        Person rae = person("rae");
        StoredEscalation resolved = resolvedBy(sol, summary, esc("s4"), acme, rae);
        // the notification to rae quotes the summary: a copy of sol's words in an outbox payload
        store.create(Records.creation(resolved)
                .messages(Records.message(
                        acme,
                        new dev.escalation.spi.NotificationRequest(
                                run + "-s4-resolved",
                                resolved.id(),
                                resolved.caseId(),
                                dev.escalation.model.NotificationKind.PROGRESS_UPDATE,
                                Optional.empty(),
                                rae.party(),
                                Records.params("state", new EntryParam.Code("RESOLVED")),
                                Optional.of("Resolved: " + summary),
                                Optional.empty()),
                        at.plusSeconds(100)))
                .build());
        raisedBy(person("tia"), "t4", acme, person("uli")); // sol takes no part in it
        PartyRef who = PartyRef.of(sol);
        String check = "that exportPerson and erasePerson find a staff member as manager, participant and resolver, "
                + "and treat the resolution summary they wrote as their words";
        PersonalData export = exportListingOnly(
                retention,
                who,
                resolved,
                "the export of a manager and resolver does not list exactly that escalation",
                check);
        assertThat(export.toString())
                .as(broken("R4", "the export of a staff member lacks their name, address or resolution summary", check))
                .contains(sol.displayName(), sol.email(), summary);
        assertThat(export.messages())
                .as(broken(
                        "R4",
                        "the export of a staff member lacks the notification to someone else that quotes their "
                                + "resolution summary",
                        check))
                .extracting(OutboxMessage::idempotencyKey)
                .containsExactly(run + "-s4-resolved");
        StoredEscalation before = store.findForVendor(resolved.id()).orElseThrow();

        retention.erasePerson(who, MARKER);

        StoredEscalation after = store.findForVendor(resolved.id()).orElseThrow();
        assertThat(after.toString())
                .as(broken(
                        "R1",
                        "erasing a staff member did not put the marker for exactly their name, address and resolution "
                                + "summary (or changed something else)",
                        check))
                .isEqualTo(marked(before.toString(), List.of(sol.displayName(), sol.email(), summary)));
        assertThat(after.manager())
                .as(broken("R1", "erasing a staff member removed their id as manager", "that ids stay"))
                .contains(StaffId.of(sol.id()));
        assertThat(pendingPayloads())
                .as(broken(
                        "R1",
                        "after erasing a staff member an outbox payload still quotes their resolution summary",
                        check))
                .doesNotContain(summary)
                .contains("Resolved: " + MARKER);
    }

    /**
     * R4 and R1 for a staff member named only by entries: appointed Escalation Manager and replaced before they wrote
     * anything, so no longer the manager and not a participant. The entries that appointed and replaced them are about
     * them ({@link PersonalData#isAbout}): exportPerson lists the escalation (and no other) and both entries; erasing
     * them puts the marker where a notification of that escalation quotes their name, as in a notification to them.
     */
    @Test
    void r4_aManagerReplacedBeforeTheyWroteAnythingIsExportedAndErased() {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme4r");
        Party kim = new Party(Party.Kind.STAFF, run + "-kim", "Kim Replaced " + run, "kim." + run + "@vendor.example");
        StaffId max = StaffId.of(run + "-max");
        Person ria = person("ria");
        EscalationId id = esc("r4");
        StoredEscalation replaced = Records.escalation(id, acme, CaseId.of("case-r4"))
                .raisedBy(ria.contact())
                .raisedAt(at)
                .message(ria.wrote())
                .state(EscalationState.ACKNOWLEDGED)
                .manager(Optional.of(max))
                .participants(List.of(ria.party()))
                .build();
        ActorRef sam = ActorRef.staff(StaffId.of("sam"));
        Map<String, EntryParam> appointed = Records.params(
                "manager", new EntryParam.Ref(kim.id()), "managerName", new EntryParam.Text(kim.displayName()));
        store.create(Records.creation(replaced)
                .entries(List.of(
                        Records.entry(
                                at,
                                ProgressKind.ESCALATED,
                                ActorRef.contact(ria.contact()),
                                Visibility.CUSTOMER,
                                Optional.of(ria.wrote()),
                                Map.of()),
                        Records.entry(
                                at.plusSeconds(1),
                                ProgressKind.ACKNOWLEDGED,
                                sam,
                                Visibility.CUSTOMER,
                                Optional.of("called ria " + run),
                                Records.params("manager", new EntryParam.Ref(kim.id()))),
                        Records.entry(
                                at.plusSeconds(2),
                                ProgressKind.MANAGER_REASSIGNED,
                                sam,
                                Visibility.CUSTOMER,
                                Optional.of("kim is away " + run),
                                Records.params(
                                        "from", new EntryParam.Ref(kim.id()), "to", new EntryParam.Ref(max.value())))))
                .messages(
                        Records.message(acme, appointment(run + "-r4-to-ria", id, ria.party(), appointed), at),
                        Records.message(acme, appointment(run + "-r4-to-kim", id, kim, appointed), at))
                .build());
        raisedBy(person("vic"), "v4", acme, person("wes")); // kim takes no part in it
        PartyRef who = PartyRef.of(kim);
        String check = "that exportPerson and erasePerson find a staff member in the entries that appointed and "
                + "replaced them as Escalation Manager (PersonalData.isAbout)";
        PersonalData export = exportListingOnly(
                retention,
                who,
                replaced,
                "the export of a replaced manager does not list exactly that escalation",
                check);
        assertThat(export.entries())
                .as(broken(
                        "R4",
                        "the export of a replaced manager lacks the entries that appointed and replaced them",
                        check))
                .extracting(e -> e.entry().kind())
                .containsExactly(ProgressKind.ACKNOWLEDGED, ProgressKind.MANAGER_REASSIGNED);

        retention.erasePerson(who, MARKER);

        assertThat(pendingPayloads())
                .as(broken(
                        "R1",
                        "after erasing a replaced manager a notification of the escalation still quotes their name",
                        check))
                .doesNotContain(kim.displayName())
                .doesNotContain(kim.email())
                .contains(ria.party().displayName());
    }

    /**
     * R4 and R1 for a person whose id owns an improvement action ({@link PersonalData#concerns}) of an escalation in
     * which no party, author or entry names them; they take part in another. The export of the contact lists both
     * escalations, that of the staff member of the id (an owner has no kind) only the owned one; neither lists the one
     * whose action's owner holds their id inside a longer one. Erasing the contact reaches the owned escalation too:
     * its action quotes their name, which becomes the marker; the rest of it stays as it was.
     */
    @Test
    void r4_anImprovementActionsOwnerIsExportedAndErasedWithItsEscalation() {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme4o");
        Person ole = person("ole");
        Person ria = person("ria");
        String quoting = "load test the replica with " + ole.party().displayName();
        StoredEscalation owned =
                closedWithActions(esc("r4o"), acme, ria, ole.party().id(), quoting);
        StoredEscalation namesake =
                closedWithActions(esc("r4n"), acme, person("una"), ole.party().id() + ".k", "load test " + run);
        store.create(Records.creationOf(owned));
        store.create(Records.creationOf(namesake));
        StoredEscalation takesPart = raisedBy(person("vic"), "v4o", acme, ole); // ole is a participant
        String check = "that exportPerson and erasePerson find the owner of an improvement action, of either kind "
                + "(PersonalData.concerns)";
        PartyRef contact = PartyRef.of(ole.party());
        assertThat(retention.exportPerson(contact).escalations().stream()
                        .map(e -> e.id().value())
                        .toList())
                .as(broken(
                        "R4",
                        "the export of a contact who owns an improvement action and takes part in another escalation "
                                + "does not list exactly those two",
                        check))
                .containsExactly(owned.id().value(), takesPart.id().value());
        exportListingOnly(
                retention,
                new PartyRef(Party.Kind.STAFF, ole.party().id()),
                owned,
                "the export of a staff member whose id owns an improvement action does not list exactly its escalation",
                check);

        retention.erasePerson(contact, MARKER);

        assertThat(store.findForVendor(owned.id()))
                .as(broken(
                        "R1",
                        "erasing an action's owner did not put the marker where the action quotes their name, or "
                                + "changed more",
                        check))
                .contains(closedWithActions(
                        owned.id(), acme, ria, ole.party().id(), "load test the replica with " + MARKER));
        assertThat(store.findForVendor(namesake.id()))
                .as(broken("R5", "erasing an action's owner changed a namesake's escalation", check))
                .contains(namesake);
    }

    /**
     * R4 and R7 for owners with a kind ({@link dev.escalation.model.ImprovementAction#ownerKind}): the contact ole owns
     * an action of one escalation, the staff member ole (the same id) one of another; each action quotes the other
     * person's name. The store keeps each owner's kind; the contact's export lists the escalation of their action (and
     * the one they take part in), not the staff member's, and the other way round; erasing either leaves the other's
     * escalation as it was.
     */
    @Test
    void r4_anOwnersKindKeepsTheContactAndTheStaffMemberOfItsIdApart() {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme7k");
        Person contact = person("ole7");
        Party staff = new Party(
                Party.Kind.STAFF,
                contact.party().id(),
                "Staff Namesake ole7 " + run,
                "ole7.staff." + run + "@vendor.example");
        StoredEscalation contacts = closedWithAction(
                esc("r7c"),
                acme,
                person("ria7"),
                ownedBy(Party.Kind.CONTACT, contact.party().id(), staff));
        StoredEscalation staffs = closedWithAction(
                esc("r7s"), acme, person("una7"), ownedBy(Party.Kind.STAFF, staff.id(), contact.party()));
        store.create(Records.creationOf(contacts));
        store.create(Records.creationOf(staffs));
        StoredEscalation takesPart = raisedBy(person("vic7"), "v7k", acme, contact);
        StoredEscalation resolved = resolvedBy(staff, "rebuilt it " + run, esc("r7r"), acme, person("tia7"));
        store.create(Records.creationOf(resolved));
        String check = "that the store keeps an improvement action's owner kind and matches owners by kind and id "
                + "(PersonalData.concerns, ImprovementAction.mayBeOwnedBy)";
        assertThat(store.findForVendor(contacts.id()))
                .as(broken("R4", "the store did not keep the kind of an improvement action's owner", check))
                .contains(contacts);
        exportListingOnlyThese(
                retention,
                PartyRef.of(contact.party()),
                List.of(contacts, takesPart),
                "the export of a contact lists other than the escalation of the action they own and the one they"
                        + " take part in (a staff member of their id owns an action of another)",
                check);
        exportListingOnlyThese(
                retention,
                PartyRef.of(staff),
                List.of(staffs, resolved),
                "the export of a staff member lists other than the escalation of the action they own and the one they"
                        + " resolved (a contact of their id owns an action of another)",
                check);

        retention.erasePerson(PartyRef.of(contact.party()), MARKER);
        assertThat(store.findForVendor(staffs.id()))
                .as(broken(
                        "R7",
                        "erasing a contact changed the escalation whose action a staff member of their id owns",
                        check))
                .contains(staffs);
        StoredEscalation contactsAfter = store.findForVendor(contacts.id()).orElseThrow();
        retention.erasePerson(PartyRef.of(staff), MARKER);
        assertThat(store.findForVendor(contacts.id()))
                .as(broken(
                        "R7",
                        "erasing a staff member changed the escalation whose action a contact of their id owns",
                        check))
                .contains(contactsAfter);
    }

    /** An open action of {@code kind} and {@code id}, due in 30 days, whose description quotes {@code quoted}. */
    private dev.escalation.model.ImprovementAction ownedBy(Party.Kind kind, String id, Party quoted) {
        return new dev.escalation.model.ImprovementAction(
                "ask " + quoted.displayName() + " for the load figures",
                id,
                Optional.of(at.plusSeconds(30 * 86_400L)),
                dev.escalation.model.ImprovementAction.Status.OPEN,
                Optional.of(kind));
    }

    /** A closed escalation raised by {@code raiser} whose session agreed {@code action}. */
    private StoredEscalation closedWithAction(
            EscalationId id, CustomerId customer, Person raiser, dev.escalation.model.ImprovementAction action) {
        return raisedIn(id, customer, raiser, EscalationState.CLOSED)
                .participants(List.of(raiser.party()))
                .lessonsLearned(Optional.of(new LessonsLearned(
                        LessonsLearned.Status.HELD,
                        Optional.of(at.plusSeconds(86_400)),
                        List.of(raiser.party()),
                        "load was never tested " + run,
                        List.of(action),
                        "")))
                .build();
    }

    /** The export of {@code who}, checked (R4) to list exactly {@code these}, in id order. */
    private static void exportListingOnlyThese(
            DataRetention retention, PartyRef who, List<StoredEscalation> these, String failure, String check) {
        assertThat(retention.exportPerson(who).escalations().stream()
                        .map(e -> e.id().value())
                        .toList())
                .as(broken("R4", failure, check))
                .containsExactlyElementsOf(
                        these.stream().map(e -> e.id().value()).sorted().toList());
    }

    /** An escalation of {@code customer} that {@code raiser} raised with their words, now in {@code state}. */
    private Records.EscalationBuilder raisedIn(
            EscalationId id, CustomerId customer, Person raiser, EscalationState state) {
        return Records.escalation(id, customer, CaseId.of("case-" + id.value()))
                .raisedBy(raiser.contact())
                .raisedAt(at)
                .message(raiser.wrote())
                .state(state);
    }

    /** A closed escalation raised by {@code raiser} whose session agreed two actions, the first owned by {@code owner}. */
    private StoredEscalation closedWithActions(
            EscalationId id, CustomerId customer, Person raiser, String owner, String action) {
        return raisedIn(id, customer, raiser, EscalationState.CLOSED)
                .participants(List.of(raiser.party()))
                .lessonsLearned(Optional.of(new LessonsLearned(
                        LessonsLearned.Status.HELD,
                        Optional.of(at.plusSeconds(86_400)),
                        List.of(raiser.party()),
                        "load was never tested " + run,
                        List.of(
                                new dev.escalation.model.ImprovementAction(
                                        action,
                                        owner,
                                        Optional.of(at.plusSeconds(30 * 86_400L)),
                                        dev.escalation.model.ImprovementAction.Status.OPEN),
                                new dev.escalation.model.ImprovementAction("write the runbook " + run, "Someone Else")),
                        "")))
                .build();
    }

    /** A notification of a manager's appointment, quoting their name as the engine's does. */
    private static dev.escalation.spi.NotificationRequest appointment(
            String key, EscalationId id, Party recipient, Map<String, EntryParam> params) {
        return new dev.escalation.spi.NotificationRequest(
                key,
                id,
                CaseId.of("case-" + id.value()),
                dev.escalation.model.NotificationKind.MANAGER_APPOINTED,
                Optional.empty(),
                recipient,
                params,
                Optional.empty(),
                Optional.empty());
    }

    /** An escalation raised by {@code raiser}, managed by {@code staff} (a participant) and resolved by them. */
    private StoredEscalation resolvedBy(
            Party staff, String summary, EscalationId id, CustomerId customer, Person raiser) {
        return raisedIn(id, customer, raiser, EscalationState.RESOLVED)
                .manager(Optional.of(StaffId.of(staff.id())))
                .participants(List.of(raiser.party(), staff))
                .resolution(Optional.of(
                        new dev.escalation.model.Resolution(summary, at.plusSeconds(100), StaffId.of(staff.id()))))
                .build();
    }

    /** The export of {@code who}, checked (R4) to list exactly {@code only}; {@code failure} says how it did not. */
    private static PersonalData exportListingOnly(
            DataRetention retention, PartyRef who, StoredEscalation only, String failure, String check) {
        PersonalData export = retention.exportPerson(who);
        assertThat(export.escalations().stream().map(e -> e.id().value()).toList())
                .as(broken("R4", failure, check))
                .containsExactly(only.id().value());
        return export;
    }

    /** A contact and a staff member who share an id, each in an escalation of their own. */
    private record OneId(
            Person contact, Party staff, String summary, StoredEscalation raised, StoredEscalation managed) {}

    /**
     * Writes {@code name} as a contact who raised one escalation (their values everywhere) and, under the same id,
     * a staff member who manages, takes part in and resolved another.
     */
    private OneId oneId(String name) {
        CustomerId acme = CustomerId.of(run + "-acme-" + name);
        Person contact = person(name);
        Party staff = new Party(
                Party.Kind.STAFF,
                contact.party().id(),
                "Staff Namesake " + name + " " + run,
                name + ".staff." + run + "@vendor.example");
        String summary = "the staff namesake rebuilt the index " + run;
        StoredEscalation raised = raisedBy(contact, name + "-c", acme, person(name + "-guest"));
        Person tia = person(name + "-tia");
        StoredEscalation managed = resolvedBy(staff, summary, esc(name + "-s"), acme, tia);
        store.create(Records.creationOf(managed));
        return new OneId(contact, staff, summary, raised, managed);
    }

    /** R4: the export of a contact is not that of a staff member who shares their id, and the other way round. */
    @Test
    void r4_aContactAndAStaffMemberOfOneIdAreExportedApart() {
        OneId two = oneId("kim");
        DataRetention retention = retention();
        String check = "that exportPerson matches a person by kind and id (PartyRef), not by id alone";
        PersonalData contact = exportListingOnly(
                retention,
                PartyRef.of(two.contact().party()),
                two.raised(),
                "the export of a contact does not list exactly their escalation (a staff member has their id)",
                check);
        assertThat(contact.toString())
                .as(broken("R4", "the export of a contact holds the values of a staff member of their id", check))
                .doesNotContain(two.staff().displayName(), two.staff().email(), two.summary());
        PersonalData staff = exportListingOnly(
                retention,
                PartyRef.of(two.staff()),
                two.managed(),
                "the export of a staff member does not list exactly the escalation they manage (a contact has "
                        + "their id)",
                check);
        assertThat(staff.toString())
                .as(broken("R4", "the export of a staff member holds the values of a contact of their id", check))
                .doesNotContain(
                        two.contact().party().displayName(), two.contact().wrote());
    }

    /** R7: erasing a contact leaves a staff member who shares their id alone, and the other way round. */
    @Test
    void r7_erasingAContactLeavesAStaffMemberOfOneIdAlone() {
        OneId two = oneId("lou");
        DataRetention retention = retention();
        String check = "that erasePerson matches a person by kind and id (PartyRef), not by id alone";
        String managed = store.findForVendor(two.managed().id()).orElseThrow().toString();
        ErasureCounts contactCounts =
                retention.erasePerson(PartyRef.of(two.contact().party()), MARKER);
        assertThat(contactCounts.escalations())
                .as(broken(
                        "R7",
                        "erasing a contact counted " + contactCounts.escalations() + " escalation rows changed; only"
                                + " the one they raised holds their values",
                        check))
                .isEqualTo(1);
        assertThat(store.findForVendor(two.managed().id()).orElseThrow().toString())
                .as(broken(
                        "R7", "erasing a contact changed the escalation managed by a staff member of their id", check))
                .isEqualTo(managed);
        String raised = store.findForVendor(two.raised().id()).orElseThrow().toString();
        retention.erasePerson(PartyRef.of(two.staff()), MARKER);
        assertThat(store.findForVendor(two.raised().id()).orElseThrow().toString())
                .as(broken(
                        "R7", "erasing a staff member changed the escalation raised by a contact of their id", check))
                .isEqualTo(raised);
    }

    /**
     * R7: erasure leaves another party's name and address alone, even where they hold the person's values: a guest of
     * uma's escalation whose name is hers with a suffix, and whose address is hers with one, keeps both.
     */
    @Test
    void r7_erasureLeavesAnotherPartyWhoseNameHoldsTheirs() {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme7");
        Person uma = person("uma7");
        Party guestParty = new Party(
                Party.Kind.CONTACT,
                run + "-guest7",
                uma.party().displayName() + "-Berger",
                uma.party().email() + ".guest");
        Person guest = new Person(guestParty, "guest wrote " + run, "guest reports " + run, "guest away " + run);
        StoredEscalation theirs = raisedBy(uma, "g7", acme, guest);

        retention.erasePerson(PartyRef.of(uma.party()), MARKER);

        StoredEscalation after = store.findForVendor(theirs.id()).orElseThrow();
        assertThat(after.participants())
                .as(broken(
                        "R7",
                        "erasing uma changed the name or address of a guest whose name and address hold hers",
                        "that erasure replaces a party's name and address only where the party is the person"))
                .contains(guestParty);
    }

    /** Writes a final escalation of {@code customer} with the given participants, attendees, entries and messages. */
    private StoredEscalation finalEscalation(
            String name,
            CustomerId customer,
            List<Party> participants,
            List<Party> attendees,
            List<dev.escalation.spi.StoredEntry> entries,
            List<OutboxMessage> messages) {
        StoredEscalation e = Records.escalation(esc(name), customer, CaseId.of("case-" + name))
                .raisedAt(at)
                .state(EscalationState.CLOSED)
                .participants(participants)
                .lessonsLearned(
                        attendees.isEmpty()
                                ? Optional.empty()
                                : Optional.of(new LessonsLearned(
                                        LessonsLearned.Status.HELD,
                                        Optional.of(at.plusSeconds(600)),
                                        attendees,
                                        "",
                                        List.of(),
                                        "")))
                .build();
        store.create(Records.creation(e)
                .entries(entries)
                .messages(messages.toArray(OutboxMessage[]::new))
                .build());
        return e;
    }

    /** The entry of {@code sam} adding the external stakeholder {@code p}. */
    private dev.escalation.spi.StoredEntry addedExternal(Party p, Instant when) {
        Map<String, EntryParam> added = new LinkedHashMap<>();
        added.put("participant", new EntryParam.Ref(p.id()));
        added.put("participantKind", new EntryParam.Code("EXTERNAL"));
        added.put("participantName", new EntryParam.Text(p.displayName()));
        return Records.entry(
                when,
                ProgressKind.PARTICIPANT_ADDED,
                ActorRef.staff(StaffId.of("sam")),
                Visibility.CUSTOMER,
                Optional.empty(),
                added);
    }

    /**
     * R9: an external stakeholder is a person of kind {@code EXTERNAL} whose id is their e-mail address, found in every
     * escalation of every customer where a party is them, matched exactly (as participants are told apart): the same
     * address in another case, and a contact whose id is that address, are other people. Export lists exactly their
     * escalations, the entry about them and the messages to them; erasure puts the marker for their name and address
     * wherever a party is them (its id, the address, included), keeps the entry's {@code participant} reference,
     * changes nothing of the other people, and a second erasure changes nothing.
     */
    @Test
    void r9_anExternalStakeholderIsExportedAndErasedByTheirExactAddress() {
        DataRetention retention = retention();
        CustomerId acme = CustomerId.of(run + "-acme9");
        CustomerId globex = CustomerId.of(run + "-globex9");
        String address = "zoe." + run + "@partner.example";
        Party zoe = new Party(Party.Kind.EXTERNAL, address, "Zoë Extern 𝔓 " + run, address);
        String upper = address.toUpperCase(java.util.Locale.ROOT);
        Party otherCase = new Party(Party.Kind.EXTERNAL, upper, "Zoe Other " + run, upper);
        Party namesake = new Party(Party.Kind.CONTACT, address, "Contact Namesake " + run, "n." + run + "@ex.org");
        Party sam = Records.party(Party.Kind.STAFF, "sam");
        Party gil = Records.party(Party.Kind.CONTACT, run + "-gil");
        String k = run + "-9-";
        StoredEscalation a = finalEscalation(
                "9a",
                acme,
                List.of(gil, sam, zoe),
                List.of(),
                List.of(addedExternal(zoe, at.plusSeconds(1))),
                List.of(
                        Records.message(acme, Records.request(k + "n", esc("9a"), zoe), at.plusSeconds(2)),
                        Records.message(acme, Records.addParticipant(k + "add", esc("9a"), zoe), at.plusSeconds(3))));
        StoredEscalation b = finalEscalation("9b", globex, List.of(sam), List.of(zoe, sam), List.of(), List.of());
        StoredEscalation c = finalEscalation(
                "9c",
                globex,
                List.of(sam, otherCase, namesake),
                List.of(otherCase),
                List.of(addedExternal(otherCase, at.plusSeconds(1))),
                List.of(
                        Records.message(globex, Records.request(k + "other", esc("9c"), otherCase), at.plusSeconds(4)),
                        Records.message(
                                globex, Records.request(k + "namesake", esc("9c"), namesake), at.plusSeconds(5))));
        PartyRef person = PartyRef.of(zoe);
        String check = "that an external stakeholder is found by kind EXTERNAL and their exact address, in every "
                + "escalation of every customer where a party is them";
        PersonalData export = retention.exportPerson(person);
        assertThat(export.escalations().stream().map(e -> e.id().value()).toList())
                .as(broken("R9", "the export's escalations are not exactly the two zoe is a party of", check))
                .containsExactly(a.id().value(), b.id().value());
        assertThat(export.entries().stream()
                        .map(e -> e.escalation().value() + "#" + e.entry().kind())
                        .toList())
                .as(broken("R9", "the export's entries are not exactly the one adding zoe", check))
                .containsExactly(a.id().value() + "#PARTICIPANT_ADDED");
        assertThat(export.messages().stream().map(OutboxMessage::idempotencyKey).toList())
                .as(broken("R9", "the export's messages are not exactly the two naming zoe", check))
                .containsExactlyInAnyOrder(k + "n", k + "add");
        assertThat(export.toString())
                .as(broken("R9", "the export lacks zoe's name", check))
                .contains(zoe.displayName());

        String cBefore = store.findForVendor(c.id()) + "" + Kit.entries(store, c.id(), 7)
                + store.outbox().countsOf(c.id());
        ErasureCounts counts = retention.erasePerson(person, MARKER);

        String cAfter = store.findForVendor(c.id()) + "" + Kit.entries(store, c.id(), 7)
                + store.outbox().countsOf(c.id());
        String payloads = pendingPayloads();
        String scope = "that erasure matches an external stakeholder's address exactly (as participants are told "
                + "apart) and leaves other people, a contact whose id is that address included, as they were";
        assertThat(cAfter)
                .as(broken("R9", "erasing zoe changed the escalation of the address in another case", scope))
                .isEqualTo(cBefore);
        assertThat(payloads)
                .as(broken("R9", "erasing zoe changed a message to the address in another case or the namesake", scope))
                .contains(otherCase.displayName())
                .contains(namesake.displayName());
        Party erased = new Party(Party.Kind.EXTERNAL, MARKER, MARKER, MARKER);
        String marks = "that erasure puts the marker for an external stakeholder's name, address and id (their "
                + "address) wherever a party is them: participants, attendees, outbox payloads";
        StoredEscalation aAfter = store.findForVendor(a.id()).orElseThrow();
        StoredEscalation bAfter = store.findForVendor(b.id()).orElseThrow();
        assertThat(aAfter.participants())
                .as(broken("R9", "after erasure zoe is still a participant by name or address", marks))
                .containsExactly(gil, sam, erased);
        assertThat(bAfter.lessonsLearned().orElseThrow().attendees())
                .as(broken("R9", "after erasure zoe is still an attendee by name or address", marks))
                .containsExactly(erased, sam);
        assertThat(pendingPayloads(a.id()))
                .as(broken("R9", "after erasure an outbox payload still names zoe", marks))
                .contains(MARKER)
                .doesNotContain(zoe.displayName())
                .doesNotContain(address);
        assertThat(Kit.entries(store, a.id(), 7))
                .as(broken(
                        "R9",
                        "after erasure the entry adding zoe does not keep her reference with the marker for "
                                + "her name",
                        "that the entry keeps the participant reference (the audit chain hashes it) and "
                                + "loses the name"))
                .singleElement()
                .satisfies(e -> assertThat(e.params())
                        .containsEntry("participant", new EntryParam.Ref(address))
                        .containsEntry("participantName", new EntryParam.Text(MARKER)));
        assertThat(counts)
                .as(broken("R9", "erasePerson reported " + counts + ", not 2 escalations, 1 entry, 2 messages", marks))
                .isEqualTo(new ErasureCounts(2, 1, 2, 0));
        assertThat(retention.erasePerson(person, MARKER).isEmpty())
                .as(broken("R9", "a second erasure of zoe changed something", "idempotency"))
                .isTrue();
        PersonalData after = retention.exportPerson(person);
        assertThat(after.toString())
                .as(broken("R9", "after erasure the export still holds zoe's name", marks))
                .doesNotContain(zoe.displayName());
        assertThat(after.escalations().stream().map(e -> e.id().value()).toList())
                .as(broken(
                        "R9",
                        "after erasure the export does not list the escalation whose entry names zoe",
                        "that the entry's reference stays"))
                .contains(a.id().value());
    }
}
