package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.MessageId;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import dev.escalation.spi.internal.Copies;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the store holds about one person (a data subject's access request), as {@link
 * EscalationOperations#exportPerson} returns it: their names and addresses as stored, the escalations they are
 * involved in and how, the entries they wrote or that are about them, and the outbox messages and due items that name
 * them or carry their data. Other people's words are not copied into it (an entry by someone else appears only when it
 * is about them, with their name). Directory data (the host's) and copies already sent are not part of it.
 *
 * @param kind        the person's kind
 * @param id          their id
 * @param exportedAt  when (engine clock)
 * @param names       the display names stored for them, in text order
 * @param addresses   the e-mail addresses stored for them, in text order
 * @param escalations the escalations they are involved in, in id order
 * @param entries     entries they wrote or that are about them, in escalation and sequence order
 * @param messages    outbox messages naming them or carrying their data, in creation order
 * @param dueItems    pending due items carrying their data, in key order
 */
public record PersonalDataExport(
        Party.Kind kind,
        String id,
        Instant exportedAt,
        Set<String> names,
        Set<String> addresses,
        List<Involvement> escalations,
        List<Entry> entries,
        List<Message> messages,
        List<Due> dueItems) {

    /**
     * Validates and copies the components.
     *
     * @param kind the person's kind
     * @param id their id
     * @param exportedAt when (engine clock)
     * @param names the display names stored for them
     * @param addresses the e-mail addresses stored for them
     * @param escalations the escalations they are involved in
     * @param entries entries they wrote or that are about them
     * @param messages outbox messages naming them or carrying their data
     * @param dueItems pending due items carrying their data
     * @throws NullPointerException if a component or element is null
     */
    public PersonalDataExport {
        requireNonNull(kind, "kind");
        requireNonNull(id, "id");
        requireNonNull(exportedAt, "exportedAt");
        names = sorted(names, "names");
        addresses = sorted(addresses, "addresses");
        escalations = Copies.list(escalations, "escalations");
        entries = Copies.list(entries, "entries");
        messages = Copies.list(messages, "messages");
        dueItems = Copies.list(dueItems, "dueItems");
    }

    /** An unmodifiable copy in text order: the same on every store and every run. */
    private static Set<String> sorted(Set<String> values, String name) {
        Set<String> copy = new TreeSet<>();
        for (String v : requireNonNull(values, name)) {
            if (v == null) {
                throw new NullPointerException(name + " element");
            }
            copy.add(v);
        }
        return Collections.unmodifiableSet(copy);
    }

    /** How a person is involved in an escalation. */
    public enum Role {
        /** Raised it (a contact). */
        RAISED,
        /** Is its Escalation Manager. */
        MANAGER,
        /** Recorded its resolution. */
        RESOLVED,
        /** Is a participant. */
        PARTICIPANT,
        /** Attends its lessons-learned session. */
        ATTENDEE,
        /**
         * They own one of its improvement actions: the owner is their id and of their kind. An owner stored without
         * a kind (before owners had one, or a plain name) is matched by id alone, so the contact and the staff member
         * of that id both see this role for it.
         */
        ACTION_OWNER,
        /** Wrote an entry of its log. */
        WROTE,
        /** Is named by an entry, an outbox message or a due item of it. */
        NAMED
    }

    /**
     * One escalation the person is involved in.
     *
     * @param escalation the escalation
     * @param customer   its customer
     * @param caseId     its support case
     * @param state      its state
     * @param raisedAt   when it was raised
     * @param roles      how they are involved, in the order of {@link Role}
     * @param message    the message they wrote when raising it (only with {@link Role#RAISED})
     */
    public record Involvement(
            EscalationId escalation,
            CustomerId customer,
            CaseId caseId,
            EscalationState state,
            Instant raisedAt,
            Set<Role> roles,
            Optional<String> message) {
        /**
         * Validates and copies the components.
         *
         * @param escalation the escalation
         * @param customer its customer
         * @param caseId its support case
         * @param state its state
         * @param raisedAt when it was raised
         * @param roles how they are involved
         * @param message the message they wrote when raising it
         * @throws NullPointerException if a component or element is null
         */
        public Involvement {
            requireNonNull(escalation, "escalation");
            requireNonNull(customer, "customer");
            requireNonNull(caseId, "caseId");
            requireNonNull(state, "state");
            requireNonNull(raisedAt, "raisedAt");
            roles = Copies.enumSet(roles, "roles");
            requireNonNull(message, "message");
        }
    }

    /**
     * An entry they wrote or that is about them.
     *
     * @param escalation the escalation
     * @param sequence   its place in the log
     * @param at         when
     * @param kind       what happened
     * @param visibility who sees it
     * @param wrote      whether they wrote it (otherwise it is about them)
     * @param text       the text they wrote (empty for entries about them)
     * @param texts      the text parameters, in the entry's order: all of an entry they wrote, their name in an entry
     *                   about them
     */
    public record Entry(
            EscalationId escalation,
            long sequence,
            Instant at,
            ProgressKind kind,
            Visibility visibility,
            boolean wrote,
            Optional<String> text,
            Map<String, String> texts) {
        /**
         * Validates and copies the components.
         *
         * @param escalation the escalation
         * @param sequence its place in the log
         * @param at when
         * @param kind what happened
         * @param visibility who sees it
         * @param wrote whether they wrote it
         * @param text the text they wrote
         * @param texts the text parameters
         * @throws NullPointerException if a component or element is null
         */
        public Entry {
            requireNonNull(escalation, "escalation");
            requireNonNull(at, "at");
            requireNonNull(kind, "kind");
            requireNonNull(visibility, "visibility");
            requireNonNull(text, "text");
            Map<String, String> copy = new LinkedHashMap<>();
            requireNonNull(texts, "texts")
                    .forEach((k, v) -> copy.put(requireNonNull(k, "texts key"), requireNonNull(v, "texts value")));
            texts = Collections.unmodifiableMap(copy);
        }
    }

    /**
     * An outbox message that names them or carries their data (its content is not copied: it is rendered from the
     * entries and names above).
     *
     * @param id         the message
     * @param escalation its escalation
     * @param effect     what it does: a notification kind or a ticket call such as {@code ADD_PARTICIPANT}
     * @param toThem     whether it is addressed to them (or names them as a participant or attendee)
     * @param createdAt  when it was queued
     * @param deadCode   the dead letter's code, if it is one
     */
    public record Message(
            MessageId id,
            EscalationId escalation,
            String effect,
            boolean toThem,
            Instant createdAt,
            Optional<String> deadCode) {
        /**
         * Validates the components.
         *
         * @param id the message
         * @param escalation its escalation
         * @param effect what it does
         * @param toThem whether it is addressed to them
         * @param createdAt when it was queued
         * @param deadCode the dead letter's code, if it is one
         * @throws NullPointerException if a component is null
         */
        public Message {
            requireNonNull(id, "id");
            requireNonNull(escalation, "escalation");
            requireNonNull(effect, "effect");
            requireNonNull(createdAt, "createdAt");
            requireNonNull(deadCode, "deadCode");
        }
    }

    /**
     * A pending due item carrying their data.
     *
     * @param escalation its escalation
     * @param kind       which deadline
     * @param step       which step
     * @param dueAt      when it is due
     */
    public record Due(EscalationId escalation, DueKind kind, String step, Instant dueAt) {
        /**
         * Validates the components.
         *
         * @param escalation its escalation
         * @param kind which deadline
         * @param step which step
         * @param dueAt when it is due
         * @throws NullPointerException if a component is null
         */
        public Due {
            requireNonNull(escalation, "escalation");
            requireNonNull(kind, "kind");
            requireNonNull(step, "step");
            requireNonNull(dueAt, "dueAt");
        }
    }
}
