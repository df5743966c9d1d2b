package dev.escalation.spi;

import dev.escalation.model.EscalationId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import java.util.Set;

/**
 * Keeps the messages of the portal channel ({@link dev.escalation.model.DeliveryChannel#PORTAL}) for their recipients.
 * The engine's built-in portal notifier stores each such notification here; {@code EscalationEngine.messagesFor} reads
 * an actor's own messages back, page by page. Register it with {@code EscalationEngineBuilder.portalMessages}.
 *
 * <p>Rules (checked by the test kit's {@code PortalMessagesContract}, rules M1 to M6 of its RULES.md): every component
 * comes back unchanged; {@link #store} is idempotent on {@link PortalMessage#id()}; a recipient's list holds only
 * that recipient's messages; lists are newest first by ({@code at}, {@code id}) and keyset-paged; {@link
 * #eraseRecipient} removes exactly one recipient's messages; {@link #eraseEscalations} exactly the messages about
 * the given escalations.
 *
 * <p>Implementations must be thread-safe. A backend that cannot answer throws {@link UnavailableException}.
 */
public interface PortalMessages {

    /**
     * Stores a message, unless a message with its id is stored already (a repeated delivery): then nothing changes,
     * whatever the second message holds.
     *
     * @param message the message
     * @return {@code true} if it was stored, {@code false} if its id was known
     * @throws UnavailableException if the backend cannot answer
     */
    boolean store(PortalMessage message);

    /**
     * A page of one recipient's messages, newest first: descending by {@code at}, then by {@code id} (code-point
     * order). The page after a cursor holds the messages strictly after its position ({@link
     * dev.escalation.model.PageCursor#at()}, {@link dev.escalation.model.PageCursor#id()} = the last message's
     * {@code id}), so paging is stable while messages are added.
     *
     * @param recipient whose messages
     * @param page      which page
     * @return the page; its cursor is empty on the last page
     * @throws UnavailableException if the backend cannot answer
     */
    Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page);

    /**
     * Deletes every stored message addressed to {@code recipient} (their whole inbox: kind and id must both match),
     * and nothing else. The engine calls it when it erases a person ({@code EscalationOperations.erasePerson}), since
     * the messages are rendered copies of notifications to them (their name, texts). A repeated call removes nothing.
     * A message id once erased may be stored again afterwards (it is then a new message).
     *
     * @param recipient whose messages
     * @return how many messages were removed
     * @throws UnavailableException if the backend cannot answer
     */
    int eraseRecipient(PartyRef recipient);

    /**
     * Deletes every stored message about one of {@code escalations} ({@link PortalMessage#escalation()}), whoever its
     * recipient and whatever customer it was filed under, and nothing else. The engine calls it when a retention run
     * purges escalations ({@code EscalationOperations.applyRetention}), before the store deletes them, at most once
     * per batch (up to 10,000 ids), since the messages quote what people wrote in them. A repeated call removes
     * nothing; an id the port holds no message about is skipped. Added in 0.2.0 with a default for ports written
     * before it.
     *
     * <p>The default throws {@link UnsupportedOperationException}: the port cannot remove them. The engine then purges
     * the escalations all the same (keeping personal data past its retention in the store would be worse), leaves
     * their portal messages, logs a warning and counts those escalations in {@code RetentionReport.portalKept()};
     * erasing a recipient ({@link #eraseRecipient}) still removes their messages.
     *
     * @param escalations the escalations whose messages go (an empty set removes nothing)
     * @return how many messages were removed
     * @throws UnavailableException if the backend cannot answer
     * @throws UnsupportedOperationException by default: the port does not remove messages by escalation
     */
    default int eraseEscalations(Set<EscalationId> escalations) {
        throw new UnsupportedOperationException("this portal-message port does not remove messages by escalation");
    }
}
