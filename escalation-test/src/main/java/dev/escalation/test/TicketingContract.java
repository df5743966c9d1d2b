package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static dev.escalation.test.Rules.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.TicketStatus;
import dev.escalation.spi.TicketSnapshot;
import dev.escalation.spi.Ticketing;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link Ticketing} adapter: rules T1 to T9 of {@code RULES.md}. Effects are observed through
 * {@link Ticketing#find(EscalationId)}. Each test uses escalation ids unique to the test instance, so one
 * ticketing test server may serve all tests.
 */
public abstract class TicketingContract {

    private final String run = "t" + Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffffL, 36);
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

    private TicketSnapshot ticket(EscalationId e, String rule) {
        Optional<TicketSnapshot> t = ticketing.find(e);
        assertThat(t)
                .as(broken(rule, "find(" + e + ") found no ticket after open", "rule T1"))
                .isPresent();
        return t.orElseThrow();
    }

    private static Party party(String name) {
        return Records.party(Party.Kind.STAFF, name);
    }

    /** T1: open creates the escalation's ticket, which find returns; find of an unknown escalation is empty. */
    @Test
    void t1_openCreatesATicketThatFindReturns() {
        EscalationId e = esc("e");
        assertThat(ticketing.find(e))
                .as(broken("T1", "find returned a ticket before open", "that find looks tickets up by escalation id"))
                .isEmpty();
        ticketing.open(Records.open(key("open"), e));
        TicketSnapshot t = ticket(e, "T1");
        String check = "that open creates the ticket and maps the escalation id to it, and that find maps it back";
        assertThat(t.escalation())
                .as(broken("T1", "the ticket names another escalation", check))
                .isEqualTo(e);
        assertThat(t.ticketId())
                .as(broken("T1", "the ticket has a blank id", check))
                .isNotBlank();
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
        ticketing.open(Records.open(key("open"), e));
        ticketing.addParticipant(Records.addParticipant(key("p1"), e, party("sam")));
        ticketing.addParticipant(Records.addParticipant(key("p2"), e, party("ina")));
        ticketing.addParticipant(Records.addParticipant(key("p3"), e, party("sam")));
        assertThat(ticket(e, "T2").participants())
                .as(broken(
                        "T2",
                        "participants are not [sam, ina], each once, in " + "the order added",
                        "that addParticipant skips a participant the ticket already has (by e-mail), "
                                + "even under a new idempotency key"))
                .containsExactly("sam@example.org", "ina@example.org");
    }

    /** T3: removing a participant removes it; removing one the ticket does not have changes nothing. */
    @Test
    void t3_removingAParticipantIsIdempotent() {
        EscalationId e = esc("e");
        ticketing.open(Records.open(key("open"), e));
        ticketing.addParticipant(Records.addParticipant(key("p1"), e, party("sam")));
        ticketing.addParticipant(Records.addParticipant(key("p2"), e, party("ina")));
        ticketing.removeParticipant(Records.removeParticipant(key("r1"), e, party("sam")));
        Throwable t = thrown(() -> {
            ticketing.removeParticipant(Records.removeParticipant(key("r2"), e, party("nobody")));
            return null;
        });
        assertThat(t)
                .as(broken(
                        "T3",
                        "removing a participant the ticket does not have failed",
                        "that removeParticipant treats an absent participant as done"))
                .isNull();
        assertThat(ticket(e, "T3").participants())
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
        ticketing.open(Records.open(key("open"), e));
        for (int i = 1; i <= 6; i++) {
            ticketing.postUpdate(Records.postUpdate(key("u" + i), e, "update " + i));
        }
        assertThat(ticket(e, "T4").updates())
                .as(broken(
                        "T4",
                        "updates are not in the order posted",
                        "that updates are stored with a position (or creation order) and read back sorted by it"))
                .containsExactly("update 1", "update 2", "update 3", "update 4", "update 5", "update 6");
    }

    /** T5: changeStatus sets the status: resolve, reopen, close. */
    @Test
    void t5_statusChangesAreApplied() {
        EscalationId e = esc("e");
        ticketing.open(Records.open(key("open"), e));
        String check = "that changeStatus maps TicketStatus to the ticketing system's status and find maps it back";
        ticketing.changeStatus(Records.changeStatus(key("s1"), e, TicketStatus.RESOLVED));
        assertThat(ticket(e, "T5").status())
                .as(broken("T5", "the ticket is not RESOLVED", check))
                .isEqualTo(TicketStatus.RESOLVED);
        ticketing.changeStatus(Records.changeStatus(key("s2"), e, TicketStatus.OPEN));
        assertThat(ticket(e, "T5").status())
                .as(broken("T5", "the reopened ticket is not OPEN", check))
                .isEqualTo(TicketStatus.OPEN);
        ticketing.changeStatus(Records.changeStatus(key("s3"), e, TicketStatus.CLOSED));
        assertThat(ticket(e, "T5").status())
                .as(broken("T5", "the ticket is not CLOSED", check))
                .isEqualTo(TicketStatus.CLOSED);
    }

    /** T6: the tickets of two escalations are separate. */
    @Test
    void t6_ticketsOfDifferentEscalationsAreSeparate() {
        EscalationId a = esc("a");
        EscalationId b = esc("b");
        ticketing.open(Records.open(key("open-a"), a));
        ticketing.open(Records.open(key("open-b"), b));
        ticketing.postUpdate(Records.postUpdate(key("ua"), a, "for a"));
        ticketing.addParticipant(Records.addParticipant(key("pb"), b, party("sam")));
        String check = "that every command is applied to the ticket mapped to command.escalation()";
        assertThat(ticket(a, "T6").ticketId())
                .as(broken("T6", "two escalations share one ticket", check))
                .isNotEqualTo(ticket(b, "T6").ticketId());
        assertThat(ticket(b, "T6").updates())
                .as(broken("T6", "b's ticket got a's update", check))
                .isEmpty();
        assertThat(ticket(a, "T6").participants())
                .as(broken("T6", "a's ticket got b's participant", check))
                .isEmpty();
    }

    /** T7: opening twice for one escalation keeps one ticket and its content. */
    @Test
    void t7_openingTwiceKeepsOneTicket() {
        EscalationId e = esc("e");
        ticketing.open(Records.open(key("open"), e));
        String id = ticket(e, "T7").ticketId();
        ticketing.postUpdate(Records.postUpdate(key("u1"), e, "kept"));
        ticketing.open(Records.open(key("open-again"), e));
        TicketSnapshot t = ticket(e, "T7");
        assertThat(t.ticketId())
                .as(broken(
                        "T7",
                        "a second open created another ticket",
                        "that open links the escalation's existing ticket instead of creating one"))
                .isEqualTo(id);
        assertThat(t.updates())
                .as(broken(
                        "T7", "a second open lost the ticket's updates", "that open does not reset an existing ticket"))
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
        assertThat(thrown(() -> {
                    down.open(Records.open(key("open"), e));
                    return null;
                }))
                .as(broken("T8", "open returned normally although the ticketing system is down", check))
                .isInstanceOf(RuntimeException.class);
        assertThat(thrown(() -> {
                    down.postUpdate(Records.postUpdate(key("u"), e, "lost?"));
                    return null;
                }))
                .as(broken("T8", "postUpdate returned normally although the ticketing system is down", check))
                .isInstanceOf(RuntimeException.class);
    }

    /** T9: with de-duplication declared, a call repeated with one idempotency key has one effect. */
    @Test
    void t9_repeatedKeyHasOneEffectWhenDeduplicationIsDeclared() {
        Assumptions.assumeTrue(
                ticketing.deduplicatesByIdempotencyKey(),
                "capability not declared: "
                        + "deduplicatesByIdempotencyKey() is false, so rule T9 (one effect per idempotency key) is not checked");
        EscalationId e = esc("e");
        ticketing.open(Records.open(key("open"), e));
        ticketing.postUpdate(Records.postUpdate(key("u1"), e, "once"));
        ticketing.postUpdate(Records.postUpdate(key("u1"), e, "once"));
        ticketing.postUpdate(Records.postUpdate(key("u2"), e, "twice"));
        ticketing.postUpdate(Records.postUpdate(key("u1"), e, "once"));
        ticketing.addParticipant(Records.addParticipant(key("p"), e, party("sam")));
        ticketing.removeParticipant(Records.removeParticipant(key("r"), e, party("sam")));
        ticketing.addParticipant(Records.addParticipant(key("p"), e, party("sam")));
        TicketSnapshot t = ticket(e, "T9");
        String check = "that the adapter remembers applied idempotency keys (or passes them to a ticketing system that "
                + "does) — or that it should not declare deduplicatesByIdempotencyKey()";
        assertThat(t.updates())
                .as(broken("T9", "a repeated key posted its update twice", check))
                .containsExactly("once", "twice");
        assertThat(t.participants())
                .as(broken(
                        "T9",
                        "a repeated add-participant key was applied again after the " + "participant had been removed",
                        check))
                .isEmpty();
    }
}
