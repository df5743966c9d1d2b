package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static dev.escalation.test.Rules.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.TicketStatus;
import dev.escalation.spi.Capability;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link Ticketing} adapter: rules T1 to T9 of {@code RULES.md}. {@link Ticketing#open} returns the
 * ticket's reference and every later call takes it; the port has no read method, so effects are observed through the
 * inspection hook {@link #inspect}. Each test uses escalation ids and keys unique to the test instance, so one
 * ticketing test server may serve all tests. De-duplication (T9) is checked when {@link Ticketing#capabilities()}
 * declares {@link Capability#DEDUPLICATES_BY_KEY}.
 */
public abstract class TicketingContract {

    private final String run = Kit.run("t");
    private Ticketing ticketing;

    /** Creates the contract. */
    protected TicketingContract() {}

    /**
     * Creates the adapter under test. Called once per test.
     *
     * @return the adapter
     */
    protected abstract Ticketing createTicketing();

    /**
     * What the ticketing system holds for a reference. Inspection hook: read it from the system (its REST API) or
     * from the test double behind the adapter.
     *
     * @param ticketing the adapter under test (as {@link #createTicketing()} returned it)
     * @param reference a reference {@link Ticketing#open} returned, or one it never returned
     * @return the ticket, or empty if there is none with that reference
     */
    protected abstract Optional<TicketView> inspect(Ticketing ticketing, String reference);

    /**
     * Optional capability: an adapter whose ticketing system is down, to check rule T8. Without it, T8 is skipped
     * with a reason.
     *
     * @return the unavailable adapter, or empty (the default)
     */
    protected Optional<Ticketing> createUnavailableTicketing() {
        return Optional.empty();
    }

    @BeforeEach
    final void createTicketingUnderTest() {
        ticketing = createTicketing();
        assertThat(ticketing).as("createTicketing() returned null").isNotNull();
    }

    private EscalationId esc(String name) {
        return EscalationId.of(run + "-" + name);
    }

    private String key(String name) {
        return run + "-" + name;
    }

    private String open(EscalationId e, String key, String rule) {
        String reference = ticketing.open(Records.open(key(key), e));
        assertThat(reference)
                .as(broken(
                        rule,
                        "open returned " + (reference == null ? "null" : "a blank reference or one longer than 256"),
                        "that open returns the ticketing system's reference of the ticket (1 to 256 characters)"))
                .isNotNull()
                .isNotBlank()
                .hasSizeLessThanOrEqualTo(256);
        assertThat(reference.chars().noneMatch(Character::isISOControl)
                        && reference
                                .codePoints()
                                .noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
                .as(broken(
                        rule,
                        "open returned a reference with a control character or an unpaired surrogate",
                        "that open returns a reference a database can store (no control characters, no unpaired"
                                + " surrogates)"))
                .isTrue();
        return reference;
    }

    private TicketView ticket(String reference, String rule) {
        Optional<TicketView> t = inspect(ticketing, reference);
        assertThat(t)
                .as(broken(rule, "there is no ticket " + reference + " after open", "rule T1"))
                .isPresent();
        return t.orElseThrow();
    }

    private static Party party(String name) {
        return Records.party(Party.Kind.STAFF, name);
    }

    /** T1: open creates the escalation's ticket and returns its reference; an unknown reference has no ticket. */
    @Test
    void t1_openCreatesATicketAndReturnsItsReference() {
        EscalationId e = esc("e");
        assertThat(inspect(ticketing, "no-such-ticket-" + run))
                .as(broken("T1", "inspect found a ticket for a reference open never returned", "the inspection hook"))
                .isEmpty();
        String reference = open(e, "open", "T1");
        TicketView t = ticket(reference, "T1");
        String check = "that open creates the ticket, returns its reference, and that the ticket starts empty";
        assertThat(t.reference())
                .as(broken("T1", "the ticket found under the reference names another one", check))
                .isEqualTo(reference);
        assertThat(t.status())
                .as(broken("T1", "a new ticket is not OPEN", check))
                .isEqualTo(TicketStatus.OPEN);
        assertThat(t.participants())
                .as(broken("T1", "a new ticket has participants", check))
                .isEmpty();
        assertThat(t.updates())
                .as(broken("T1", "a new ticket has updates", check))
                .isEmpty();
    }

    /** T2: a participant added twice appears once; participants keep the order added. */
    @Test
    void t2_participantAddedTwiceAppearsOnce() {
        EscalationId e = esc("e");
        String ref = open(e, "open", "T2");
        ticketing.addParticipant(ref, Records.addParticipant(key("p1"), e, party("sam")));
        ticketing.addParticipant(ref, Records.addParticipant(key("p2"), e, party("ina")));
        ticketing.addParticipant(ref, Records.addParticipant(key("p3"), e, party("sam")));
        assertThat(ticket(ref, "T2").participants())
                .as(broken(
                        "T2",
                        "participants are not [sam, ina], each once, in the order added",
                        "that addParticipant skips a participant the ticket already has (by e-mail), "
                                + "even under a new idempotency key"))
                .containsExactly("sam@example.org", "ina@example.org");
    }

    /** T3: removing a participant removes it; removing one the ticket does not have changes nothing. */
    @Test
    void t3_removingAParticipantIsIdempotent() {
        EscalationId e = esc("e");
        String ref = open(e, "open", "T3");
        ticketing.addParticipant(ref, Records.addParticipant(key("p1"), e, party("sam")));
        ticketing.addParticipant(ref, Records.addParticipant(key("p2"), e, party("ina")));
        ticketing.removeParticipant(ref, Records.removeParticipant(key("r1"), e, party("sam")));
        Throwable t = thrown(() -> {
            ticketing.removeParticipant(ref, Records.removeParticipant(key("r2"), e, party("nobody")));
            return null;
        });
        assertThat(t)
                .as(broken(
                        "T3",
                        "removing a participant the ticket does not have failed: " + t,
                        "that removeParticipant treats an absent participant as done"))
                .isNull();
        assertThat(ticket(ref, "T3").participants())
                .as(broken(
                        "T3",
                        "participants after removing sam are not [ina]",
                        "that removeParticipant removes by e-mail"))
                .containsExactly("ina@example.org");
    }

    /** T4: updates keep the order in which they were posted. */
    @Test
    void t4_updatesKeepTheirOrder() {
        EscalationId e = esc("e");
        String ref = open(e, "open", "T4");
        for (int i = 1; i <= 6; i++) {
            ticketing.postUpdate(
                    ref, Records.postUpdate(key("u" + i), e, "update " + i + " " + Records.SUPPLEMENTARY_TEXT));
        }
        assertThat(ticket(ref, "T4").updates())
                .as(broken(
                        "T4",
                        "updates are not in the order posted, with their texts unchanged",
                        "that updates are stored with a position (or creation order) and read back sorted by it"))
                .containsExactly(java.util.stream.IntStream.rangeClosed(1, 6)
                        .mapToObj(i -> "update " + i + " " + Records.SUPPLEMENTARY_TEXT)
                        .toArray(String[]::new));
    }

    /** T5: changeStatus sets the status: resolve, reopen, close. */
    @Test
    void t5_statusChangesAreApplied() {
        EscalationId e = esc("e");
        String ref = open(e, "open", "T5");
        String check = "that changeStatus maps TicketStatus to the ticketing system's status and back";
        ticketing.changeStatus(ref, Records.changeStatus(key("s1"), e, TicketStatus.RESOLVED));
        assertThat(ticket(ref, "T5").status())
                .as(broken("T5", "the ticket is not RESOLVED", check))
                .isEqualTo(TicketStatus.RESOLVED);
        ticketing.changeStatus(ref, Records.changeStatus(key("s2"), e, TicketStatus.OPEN));
        assertThat(ticket(ref, "T5").status())
                .as(broken("T5", "the reopened ticket is not OPEN", check))
                .isEqualTo(TicketStatus.OPEN);
        ticketing.changeStatus(ref, Records.changeStatus(key("s3"), e, TicketStatus.CLOSED));
        assertThat(ticket(ref, "T5").status())
                .as(broken("T5", "the ticket is not CLOSED", check))
                .isEqualTo(TicketStatus.CLOSED);
    }

    /**
     * T5: a status change's note that is not blank goes on the ticket as an update, after the updates before it and
     * with its text unchanged; a blank note adds no update.
     */
    @Test
    void t5_aStatusChangesNoteIsOnTheTicket() {
        EscalationId e = esc("n");
        String ref = open(e, "open-n", "T5");
        String check = "that changeStatus puts a note that is not blank on the ticket as an update would";
        ticketing.postUpdate(ref, Records.postUpdate(key("n-u"), e, "first update"));
        String note = "Resolved: the index was rebuilt " + Records.SUPPLEMENTARY_TEXT;
        ticketing.changeStatus(ref, new TicketCommand.ChangeStatus(key("n-s1"), e, TicketStatus.RESOLVED, note));
        assertThat(ticket(ref, "T5").updates())
                .as(broken("T5", "a status change's note is not on the ticket, after the update, as written", check))
                .containsExactly("first update", note);
        ticketing.changeStatus(ref, new TicketCommand.ChangeStatus(key("n-s2"), e, TicketStatus.CLOSED, " "));
        assertThat(ticket(ref, "T5").updates())
                .as(broken("T5", "a status change with a blank note added an update", check))
                .containsExactly("first update", note);
        assertThat(ticket(ref, "T5").status())
                .as(broken("T5", "the ticket is not CLOSED", check))
                .isEqualTo(TicketStatus.CLOSED);
    }

    /** T6: the tickets of two escalations are separate; each call changes the ticket of its reference only. */
    @Test
    void t6_ticketsOfDifferentEscalationsAreSeparate() {
        EscalationId a = esc("a");
        EscalationId b = esc("b");
        String refA = open(a, "open-a", "T6");
        String refB = open(b, "open-b", "T6");
        String check = "that open creates one ticket per escalation and every call is applied to the ticket of the "
                + "reference it is given";
        assertThat(refA)
                .as(broken("T6", "two escalations got the same ticket reference", check))
                .isNotEqualTo(refB);
        ticketing.postUpdate(refA, Records.postUpdate(key("ua"), a, "for a"));
        ticketing.addParticipant(refB, Records.addParticipant(key("pb"), b, party("sam")));
        assertThat(ticket(refB, "T6").updates())
                .as(broken("T6", "b's ticket got a's update", check))
                .isEmpty();
        assertThat(ticket(refA, "T6").participants())
                .as(broken("T6", "a's ticket got b's participant", check))
                .isEmpty();
        assertThat(ticket(refA, "T6").updates())
                .as(broken("T6", "a's update is missing", check))
                .containsExactly("for a");
        // escalations (and cases) whose ids contain one another or differ only in case are separate too
        List<EscalationId> alike = List.of(esc("e-10"), esc("e-1"), EscalationId.of(run + "-E-1"));
        List<String> refs = new ArrayList<>();
        for (EscalationId e : alike) {
            refs.add(open(e, "open-" + e.value(), "T6"));
        }
        String exact = "that open looks for an existing ticket by the escalation's (or case's) id exactly: "
                + "case-sensitive and whole, not by a substring or case-insensitive search";
        assertThat(refs)
                .as(broken("T6", "escalations " + alike + " did not get three tickets: " + refs, exact))
                .doesNotHaveDuplicates();
        for (int i = 0; i < alike.size(); i++) {
            ticketing.postUpdate(refs.get(i), Records.postUpdate(key("alike-" + i), alike.get(i), "for " + i));
        }
        for (int i = 0; i < alike.size(); i++) {
            assertThat(ticket(refs.get(i), "T6").updates())
                    .as(broken("T6", "the ticket of " + alike.get(i) + " holds another escalation's update", exact))
                    .containsExactly("for " + i);
        }
    }

    /** T7: open retried with the same key (an answer was lost) returns the same reference; the ticket keeps its content. */
    @Test
    void t7_openRetriedReturnsTheSameTicket() {
        EscalationId e = esc("e");
        String ref = open(e, "open", "T7");
        ticketing.postUpdate(ref, Records.postUpdate(key("u1"), e, "kept"));
        String again = open(e, "open", "T7");
        assertThat(again)
                .as(broken(
                        "T7",
                        "open retried with the same key returned another reference",
                        "that open finds the ticket it opened for the key (or the escalation) and returns its reference "
                                + "instead of opening a second one"))
                .isEqualTo(ref);
        assertThat(ticket(ref, "T7").updates())
                .as(broken("T7", "a retried open lost the ticket's updates", "that open does not reset a ticket"))
                .containsExactly("kept");
    }

    /** T8: when the ticketing system is down, calls throw; nothing is silently dropped (optional capability). */
    @Test
    void t8_failuresSurfaceAsExceptions() {
        Optional<Ticketing> unavailable = createUnavailableTicketing();
        Assumptions.assumeTrue(
                unavailable.isPresent(),
                "capability not declared: createUnavailableTicketing() "
                        + "returns empty, so rule T8 (failures surface as exceptions) is not checked");
        Ticketing down = unavailable.orElseThrow();
        EscalationId e = esc("down");
        String check = "that the adapter lets the backend's failure propagate; a swallowed failure loses the call "
                + "because the engine will not retry it";
        Throwable opened = thrown(() -> down.open(Records.open(key("open"), e)));
        assertThat(opened)
                .as(broken("T8", "open returned normally although the ticketing system is down", check))
                .isInstanceOf(RuntimeException.class);
        assertThat(thrown(() -> {
                    down.postUpdate("T-" + run, Records.postUpdate(key("u"), e, "lost?"));
                    return null;
                }))
                .as(broken("T8", "postUpdate returned normally although the ticketing system is down", check))
                .isInstanceOf(RuntimeException.class);
    }

    /** T9: with de-duplication declared, a call repeated with one idempotency key has one effect. */
    @Test
    void t9_repeatedKeyHasOneEffectWhenDeduplicationIsDeclared() {
        Assumptions.assumeTrue(
                ticketing.capabilities().contains(Capability.DEDUPLICATES_BY_KEY),
                "capability not declared: capabilities() does not hold DEDUPLICATES_BY_KEY, so rule T9 (one effect per "
                        + "idempotency key) is not checked");
        EscalationId e = esc("e");
        String ref = open(e, "open", "T9");
        ticketing.postUpdate(ref, Records.postUpdate(key("u1"), e, "once"));
        ticketing.postUpdate(ref, Records.postUpdate(key("u1"), e, "once"));
        ticketing.postUpdate(ref, Records.postUpdate(key("u2"), e, "twice"));
        ticketing.postUpdate(ref, Records.postUpdate(key("u1"), e, "once"));
        ticketing.addParticipant(ref, Records.addParticipant(key("p"), e, party("sam")));
        ticketing.removeParticipant(ref, Records.removeParticipant(key("r"), e, party("sam")));
        ticketing.addParticipant(ref, Records.addParticipant(key("p"), e, party("sam")));
        TicketView t = ticket(ref, "T9");
        String check = "that the adapter remembers applied idempotency keys (or passes them to a ticketing system that "
                + "does) — or that it should not declare DEDUPLICATES_BY_KEY";
        assertThat(t.updates())
                .as(broken("T9", "a repeated key posted its update twice", check))
                .containsExactly("once", "twice");
        assertThat(t.participants())
                .as(broken(
                        "T9",
                        "a repeated add-participant key was applied again after the participant had been removed",
                        check))
                .isEmpty();
    }
}
