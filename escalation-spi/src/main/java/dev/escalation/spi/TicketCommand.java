package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.TicketStatus;
import dev.escalation.model.Visibility;

/**
 * A call to the ticketing system, as the outbox stores it. {@link Open} creates the escalation's ticket and the adapter
 * returns its reference; every later command is delivered with that reference (see {@link Ticketing}), and waits in
 * the outbox while the escalation has none. Ticket texts are written in the vendor's language when queued (the ticket
 * is the vendor's internal record).
 */
public sealed interface TicketCommand extends SideEffect {

    /**
     * Opens the escalation's ticket, or links the case's existing ticket.
     *
     * @param idempotencyKey the key
     * @param escalation     the escalation
     * @param customer       the customer account
     * @param caseId         the case
     * @param subject        ticket subject
     * @param description    ticket description (personal data)
     * @param criticality    the criticality, for the ticket's priority
     */
    record Open(
            String idempotencyKey,
            EscalationId escalation,
            CustomerId customer,
            CaseId caseId,
            String subject,
            String description,
            Criticality criticality)
            implements TicketCommand {
        /**
         * Validates the components.
         *
         * @param idempotencyKey the key
         * @param escalation the escalation
         * @param customer the customer account
         * @param caseId the case
         * @param subject ticket subject
         * @param description ticket description (personal data)
         * @param criticality the criticality, for the ticket's priority
         * @throws NullPointerException if a component is null
         */
        public Open {
            requireNonNull(idempotencyKey, "idempotencyKey");
            requireNonNull(escalation, "escalation");
            requireNonNull(customer, "customer");
            requireNonNull(caseId, "caseId");
            requireNonNull(subject, "subject");
            requireNonNull(description, "description");
            requireNonNull(criticality, "criticality");
        }
    }

    /**
     * Adds a participant to the ticket. Adding a participant the ticket already has changes nothing.
     *
     * @param idempotencyKey the key
     * @param escalation     the escalation
     * @param participant    who to add
     */
    record AddParticipant(String idempotencyKey, EscalationId escalation, Party participant) implements TicketCommand {
        /**
         * Validates the components.
         *
         * @param idempotencyKey the key
         * @param escalation the escalation
         * @param participant who to add
         * @throws NullPointerException if a component is null
         */
        public AddParticipant {
            requireNonNull(idempotencyKey, "idempotencyKey");
            requireNonNull(escalation, "escalation");
            requireNonNull(participant, "participant");
        }
    }

    /**
     * Removes a participant from the ticket. Removing one the ticket does not have changes nothing.
     *
     * @param idempotencyKey the key
     * @param escalation     the escalation
     * @param participant    who to remove
     */
    record RemoveParticipant(String idempotencyKey, EscalationId escalation, Party participant)
            implements TicketCommand {
        /**
         * Validates the components.
         *
         * @param idempotencyKey the key
         * @param escalation the escalation
         * @param participant who to remove
         * @throws NullPointerException if a component is null
         */
        public RemoveParticipant {
            requireNonNull(idempotencyKey, "idempotencyKey");
            requireNonNull(escalation, "escalation");
            requireNonNull(participant, "participant");
        }
    }

    /**
     * Posts an update (a note) to the ticket; updates keep the order in which they were posted.
     *
     * @param idempotencyKey the key
     * @param escalation     the escalation
     * @param text           the text (personal data)
     * @param visibility     whether the customer may read it
     */
    record PostUpdate(String idempotencyKey, EscalationId escalation, String text, Visibility visibility)
            implements TicketCommand {
        /**
         * Validates the components.
         *
         * @param idempotencyKey the key
         * @param escalation the escalation
         * @param text the text (personal data)
         * @param visibility whether the customer may read it
         * @throws NullPointerException if a component is null
         */
        public PostUpdate {
            requireNonNull(idempotencyKey, "idempotencyKey");
            requireNonNull(escalation, "escalation");
            requireNonNull(text, "text");
            requireNonNull(visibility, "visibility");
        }
    }

    /**
     * Sets the ticket's status (resolve, reopen, close) with a note.
     *
     * @param idempotencyKey the key
     * @param escalation     the escalation
     * @param status         the new status
     * @param note           why (may be empty)
     */
    record ChangeStatus(String idempotencyKey, EscalationId escalation, TicketStatus status, String note)
            implements TicketCommand {
        /**
         * Validates the components.
         *
         * @param idempotencyKey the key
         * @param escalation the escalation
         * @param status the new status
         * @param note why (may be empty)
         * @throws NullPointerException if a component is null
         */
        public ChangeStatus {
            requireNonNull(idempotencyKey, "idempotencyKey");
            requireNonNull(escalation, "escalation");
            requireNonNull(status, "status");
            requireNonNull(note, "note");
        }
    }
}
