package dev.escalation.test;

import static java.util.Objects.requireNonNull;

import dev.escalation.spi.Notification;

/**
 * What a recipient received, as far as {@link NotifierContract} needs to see it: the subject and the body. A
 * recording notifier maps each {@link Notification} with {@link #of(Notification)}; an SMTP adapter reads the
 * messages of a test mail server (for example GreenMail's {@code getReceivedMessagesForDomain}) and maps subject
 * and text body.
 *
 * @param subject the subject line as received
 * @param body    the plain-text body as received; compared after trimming and normalising line breaks
 */
public record ReceivedNotification(String subject, String body) {

    /**
     * Validates the components.
     *
     * @param subject the subject line as received
     * @param body    the plain-text body as received
     * @throws NullPointerException if a component is null
     */
    public ReceivedNotification {
        requireNonNull(subject, "subject");
        requireNonNull(body, "body");
    }

    /**
     * What a notifier that delivers {@code notification} unchanged makes the recipient receive.
     *
     * @param notification the delivered notification
     * @return its subject and body
     */
    public static ReceivedNotification of(Notification notification) {
        return new ReceivedNotification(notification.subject(), notification.body());
    }
}
