package dev.escalation.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationException;
import dev.escalation.EscalationReceipt;
import dev.escalation.TimelineEntry;
import dev.escalation.model.EscalationState;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.Notification;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.text.Texts;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link Scenario} step led to, with assertion helpers that read like the README's action table. Side
 * effects were delivered before the checks run. Every helper returns this outcome so checks can be chained.
 */
public final class Outcome {
    private final Scenario scenario;

    Outcome(Scenario scenario) {
        this.scenario = scenario;
    }

    /**
     * The receipt of the last "Escalate Case".
     *
     * @return the receipt
     * @throws AssertionError if nothing was escalated
     */
    public EscalationReceipt receipt() {
        assertThat(scenario.state().lastReceipt)
                .as("a receipt of Escalate Case")
                .isPresent();
        return scenario.state().lastReceipt.get();
    }

    /**
     * The stored current escalation.
     *
     * @return the escalation as the store holds it
     */
    public StoredEscalation escalation() {
        return scenario.store()
                .findForVendor(scenario.current())
                .orElseThrow(() -> new AssertionError("escalation " + scenario.current() + " is not stored"));
    }

    /**
     * The stored log of the current escalation, every entry, oldest first.
     *
     * @return the entries
     */
    public List<StoredEntry> log() {
        List<StoredEntry> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<StoredEntry> page = scenario.store().entriesForVendor(scenario.current(), after, PageRequest.MAX_SIZE);
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            after = page.get(page.size() - 1).sequence();
        }
    }

    /**
     * Asserts the last step was accepted.
     *
     * @return this outcome
     */
    public Outcome accepted() {
        assertThat(scenario.state().lastRefusal).as("refusal of the last step").isEmpty();
        return this;
    }

    /**
     * The refusal of the last step, for checks beyond {@link #refusedWith} and {@link #refusedSaying} (its
     * {@code code()}, {@code action()}, violations, …).
     *
     * @return the exception the engine threw
     * @throws AssertionError if the last step was accepted
     */
    public EscalationException refusal() {
        assertThat(scenario.state().lastRefusal).as("refusal of the last step").isPresent();
        return scenario.state().lastRefusal.get();
    }

    /**
     * Asserts the last step was refused with an exception of this type.
     *
     * @param type the expected refusal, such as {@code NotAuthorizedException.class}
     * @return this outcome
     */
    public Outcome refusedWith(Class<? extends EscalationException> type) {
        assertThat(scenario.state().lastRefusal).as("refusal of the last step").isPresent();
        assertThat(scenario.state().lastRefusal.get()).isInstanceOf(type);
        return this;
    }

    /**
     * Asserts the last step was refused with a message containing a text.
     *
     * @param text part of the message
     * @return this outcome
     */
    public Outcome refusedSaying(String text) {
        assertThat(scenario.state().lastRefusal).as("refusal of the last step").isPresent();
        assertThat(scenario.state().lastRefusal.get()).hasMessageContaining(text);
        return this;
    }

    /**
     * Asserts the current escalation's state.
     *
     * @param expected the state
     * @return this outcome
     */
    public Outcome state(EscalationState expected) {
        assertThat(escalation().state()).as("state of " + scenario.current()).isEqualTo(expected);
        return this;
    }

    /**
     * Asserts the receipt carries hotline advice for this reason.
     *
     * @param reason such as {@link HotlineAdvice.Reason#WEEKEND}
     * @return this outcome
     */
    public Outcome hotlineAdvised(HotlineAdvice.Reason reason) {
        assertThat(receipt().hotline())
                .as("hotline advice")
                .hasValueSatisfying(h -> assertThat(h.reason()).isEqualTo(reason));
        return this;
    }

    /**
     * Asserts the receipt carries hotline advice whose English rendering in Europe/Berlin contains a text.
     *
     * @param text such as {@code "raised at the weekend"}
     * @return this outcome
     */
    public Outcome hotlineAdvisedSaying(String text) {
        assertThat(receipt().hotline())
                .as("hotline advice")
                .hasValueSatisfying(
                        h -> assertThat(Texts.shipped().hotline(h, Locale.ENGLISH, ZoneId.of("Europe/Berlin")))
                                .contains(text));
        return this;
    }

    /**
     * Asserts the receipt carries no hotline advice.
     *
     * @return this outcome
     */
    public Outcome noHotlineAdvice() {
        assertThat(receipt().hotline()).as("hotline advice").isEmpty();
        return this;
    }

    /**
     * Asserts the progress log's kinds, oldest first.
     *
     * @param kinds the expected kinds, all of them
     * @return this outcome
     */
    public Outcome logged(ProgressKind... kinds) {
        assertThat(log()).extracting(StoredEntry::kind).containsExactly(kinds);
        return this;
    }

    /**
     * Asserts what a customer contact sees of the timeline (customer-visible entries only).
     *
     * @param contact the contact id
     * @param kinds   the kinds the contact sees, oldest first
     * @return this outcome
     */
    public Outcome customerSees(String contact, ProgressKind... kinds) {
        List<TimelineEntry> seen = new ArrayList<>();
        Optional<PageCursor> cursor = Optional.empty();
        do {
            Page<TimelineEntry> page = scenario.engine()
                    .timeline(
                            Actor.contact(contact), scenario.current(), new PageRequest(cursor, PageRequest.MAX_SIZE));
            seen.addAll(page.items());
            cursor = page.next();
        } while (cursor.isPresent());
        assertThat(seen).extracting(TimelineEntry::kind).containsExactly(kinds);
        return this;
    }

    /**
     * Asserts every active staff member with a role received a notification of a kind.
     *
     * @param role the staff role
     * @param kind the notification kind
     * @return this outcome
     */
    public Outcome notified(StaffRole role, NotificationKind kind) {
        List<StaffMember> members = scenario.staffDirectory().withRole(role);
        assertThat(members).as("staff with role " + role).isNotEmpty();
        for (StaffMember m : members) {
            notified(m.id().value(), kind);
        }
        return this;
    }

    /**
     * Asserts a person (contact or staff id, or an external e-mail) received a notification of a kind.
     *
     * @param recipientId the recipient's id
     * @param kind        the notification kind
     * @return this outcome
     */
    public Outcome notified(String recipientId, NotificationKind kind) {
        assertThat(notifications()).as("notifications delivered").anySatisfy(n -> {
            assertThat(n.recipient().id()).isEqualTo(recipientId);
            assertThat(n.kind()).isEqualTo(kind);
        });
        return this;
    }

    /**
     * Asserts nobody received a notification of a kind.
     *
     * @param kind the notification kind
     * @return this outcome
     */
    public Outcome nobodyNotified(NotificationKind kind) {
        assertThat(notifications()).extracting(Notification::kind).doesNotContain(kind);
        return this;
    }

    /**
     * Asserts the ticket's participants (e-mail addresses, in the order added).
     *
     * @param emails the expected participants
     * @return this outcome
     */
    public Outcome ticketParticipants(String... emails) {
        assertThat(ticket().participants()).containsExactly(emails);
        return this;
    }

    /**
     * Asserts that every side effect was delivered and none more than once (no failures were injected).
     *
     * @return this outcome
     */
    public Outcome eachSideEffectDeliveredOnce() {
        assertThat(scenario.store().outbox().counts().pending())
                .as("pending side effects")
                .isZero();
        assertThat(scenario.store().outbox().counts().dead())
                .as("dead-lettered side effects")
                .isZero();
        assertThat(callsPerKey())
                .allSatisfy(
                        (key, calls) -> assertThat(calls).as("calls of " + key).isEqualTo(1));
        return this;
    }

    /**
     * The notifications delivered so far, once per idempotency key, in delivery order.
     *
     * @return the notifications
     */
    public List<Notification> notifications() {
        return scenario.notifier().delivered();
    }

    /**
     * The ticket of the current escalation.
     *
     * @return the ticket
     */
    public TicketView ticket() {
        return scenario.ticketing()
                .ticketOf(scenario.current())
                .map(t -> new TicketView(t.reference(), t.status(), t.participants(), t.updates()))
                .orElseThrow(() -> new AssertionError("no ticket for " + scenario.current()));
    }

    /**
     * Calls per idempotency key of the notifier and the ticketing system together, failed calls included.
     *
     * @return key → calls
     */
    public Map<String, Integer> callsPerKey() {
        Map<String, Integer> all = new java.util.HashMap<>(scenario.notifier().callsPerKey());
        scenario.ticketing().callsPerKey().forEach((k, v) -> all.merge(k, v, Integer::sum));
        return all;
    }
}
