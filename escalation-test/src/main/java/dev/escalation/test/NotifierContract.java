package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static dev.escalation.test.Rules.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.spi.Capability;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link Notifier}: rules N1 to N5 of {@code RULES.md}.
 *
 * <p>A notifier has no read-back method, so the contract asks {@link #receivedBy(Party)} what a recipient got: a
 * recording notifier answers from its list, an SMTP adapter from a test mail server such as GreenMail. Each test
 * uses recipients with e-mail addresses unique to the test instance, so one mail server may serve all tests. The
 * notifier's {@link Notifier#channels()} say which channels N1 sends on (N2 to N5 use e-mail if it is one of them,
 * else the first in enum order); de-duplication (N4) is checked when {@link Notifier#capabilities()} declares
 * {@link Capability#DEDUPLICATES_BY_KEY}.
 */
public abstract class NotifierContract {

    private final String run = Kit.run("n");
    private Notifier notifier;

    /** Creates the contract. */
    protected NotifierContract() {}

    /**
     * Creates the notifier under test. Called once per test.
     *
     * @return the notifier
     */
    protected abstract Notifier createNotifier();

    /**
     * What {@code recipient} has received so far, in the order received. Inspection hook: read it from the test
     * double behind the notifier (a recording list, a GreenMail inbox of {@code recipient.email()}).
     *
     * @param recipient the recipient
     * @return the received notifications, oldest first; empty if none
     */
    protected abstract List<ReceivedNotification> receivedBy(Party recipient);

    /**
     * Optional capability: a notifier whose backend is down (for example an SMTP adapter pointed at a closed port),
     * to check rule N3. Without it, N3 is skipped with a reason.
     *
     * @return the unavailable notifier, or empty (the default)
     */
    protected Optional<Notifier> createUnavailableNotifier() {
        return Optional.empty();
    }

    @BeforeEach
    final void createNotifierUnderTest() {
        notifier = createNotifier();
        assertThat(notifier).as("createNotifier() returned null").isNotNull();
    }

    private Party recipient(String name) {
        return Records.party(Party.Kind.CONTACT, run + "-" + name);
    }

    /** E-mail if the notifier delivers it, else its first channel in enum order. */
    private DeliveryChannel channel() {
        return notifier.channels().contains(DeliveryChannel.EMAIL)
                ? DeliveryChannel.EMAIL
                : notifier.channels().stream()
                        .min(Comparator.naturalOrder())
                        .orElseThrow(() -> new AssertionError(broken(
                                "N1", "channels() is empty", "that the notifier declares the channels it delivers")));
    }

    private Notification notification(String key, Party to, String subject, String body) {
        return notification(key, to, subject, body, channel());
    }

    private Notification notification(String key, Party to, String subject, String body, DeliveryChannel channel) {
        return Records.notification(run + "-" + key, EscalationId.of(run + "-e"), to, subject, body, channel);
    }

    private List<ReceivedNotification> received(Party p) {
        return receivedBy(p).stream()
                .map(r -> new ReceivedNotification(
                        r.subject().strip(), r.body().replace("\r\n", "\n").strip()))
                .toList();
    }

    /**
     * N1: a notification sent on each channel the notifier declares reaches its recipient, with its subject and body,
     * and nobody else.
     */
    @Test
    void n1_sentNotificationReachesItsRecipientOnly() {
        assertThat(notifier.channels())
                .as(broken("N1", "channels() is empty", "that the notifier declares the channels it delivers"))
                .isNotEmpty();
        Party bob = recipient("bob");
        String check = "that send delivers to notification.recipient() on notification.channel() with subject and "
                + "body unchanged, that every channel in channels() is delivered, and that receivedBy(party) reads "
                + "that recipient's inbox";
        for (DeliveryChannel channel : notifier.channels().stream().sorted().toList()) {
            Party ina = recipient("ina-" + channel.name().toLowerCase(Locale.ROOT));
            String subject = "Escalation E-1 acknowledged (" + channel + ")";
            Throwable t = Rules.thrown(() -> {
                notifier.send(notification(
                        "k1-" + channel, ina, subject, "Sam will call you. " + Records.SUPPLEMENTARY_TEXT, channel));
                return null;
            });
            assertThat(t)
                    .as(broken("N1", "send on the declared channel " + channel + " threw " + t, check))
                    .isNull();
            assertThat(received(ina))
                    .as(broken(
                            "N1", "the recipient did not receive exactly the notification sent on " + channel, check))
                    .containsExactly(
                            new ReceivedNotification(subject, "Sam will call you. " + Records.SUPPLEMENTARY_TEXT));
        }
        assertThat(received(bob))
                .as(broken("N1", "someone who was not the recipient received it", check))
                .isEmpty();
        // a second recipient gets their own notification, and only theirs (not misdirected to an earlier recipient)
        String bobs = "Escalation E-2 acknowledged";
        notifier.send(notification("k2-bob", bob, bobs, "Max will call you."));
        assertThat(received(bob))
                .as(broken("N1", "a second recipient did not receive exactly the notification sent to them", check))
                .containsExactly(new ReceivedNotification(bobs, "Max will call you."));
        for (DeliveryChannel channel : notifier.channels()) {
            assertThat(received(recipient("ina-" + channel.name().toLowerCase(Locale.ROOT))))
                    .as(broken("N1", "a notification to another recipient reached the first one", check))
                    .extracting(ReceivedNotification::subject)
                    .containsExactly("Escalation E-1 acknowledged (" + channel + ")");
        }
    }

    /** N2: notifications to one recipient arrive in the order they were sent. */
    @Test
    void n2_notificationsKeepTheirOrder() {
        Party ina = recipient("ina");
        for (int i = 1; i <= 5; i++) {
            notifier.send(notification("k" + i, ina, "Update " + i, "Text " + i));
        }
        assertThat(received(ina))
                .as(broken(
                        "N2",
                        "the updates did not arrive in the order sent",
                        "that send delivers synchronously (returns after the backend accepted the message) and does not "
                                + "reorder through an unordered buffer"))
                .extracting(ReceivedNotification::subject)
                .containsExactly("Update 1", "Update 2", "Update 3", "Update 4", "Update 5");
    }

    /** N3: when the backend is down, send throws; nothing is silently dropped (optional capability). */
    @Test
    void n3_failuresSurfaceAsExceptions() {
        Optional<Notifier> unavailable = createUnavailableNotifier();
        Assumptions.assumeTrue(
                unavailable.isPresent(),
                "capability not declared: createUnavailableNotifier() "
                        + "returns empty, so rule N3 (failures surface as exceptions) is not checked");
        Party ina = recipient("down");
        Throwable t = thrown(() -> {
            unavailable.orElseThrow().send(notification("down", ina, "Lost?", "Must not vanish"));
            return null;
        });
        assertThat(t)
                .as(broken(
                        "N3",
                        "send returned normally although the backend is down",
                        "that the adapter lets the backend's failure (or a PermanentDeliveryException) propagate; a swallowed "
                                + "failure loses the notification because the engine will not retry it"))
                .isInstanceOf(RuntimeException.class);
        assertThat(received(ina))
                .as(broken(
                        "N3",
                        "a failed send was delivered anyway",
                        "that the unavailable notifier really cannot deliver"))
                .isEmpty();
    }

    /** N4: with de-duplication declared, a repeated idempotency key has one effect (optional capability). */
    @Test
    void n4_repeatedKeyHasOneEffectWhenDeduplicationIsDeclared() {
        Assumptions.assumeTrue(
                notifier.capabilities().contains(Capability.DEDUPLICATES_BY_KEY),
                "capability not declared: capabilities() does not hold DEDUPLICATES_BY_KEY, so rule N4 (one effect per "
                        + "idempotency key) is not checked");
        Party ina = recipient("ina");
        Notification n = notification("once", ina, "Only once", "Once");
        notifier.send(n);
        notifier.send(n);
        notifier.send(notification("other", ina, "Another", "Other"));
        notifier.send(n);
        assertThat(received(ina))
                .as(broken(
                        "N4",
                        "a notifier that declares de-duplication delivered one key twice",
                        "that the adapter remembers delivered idempotency keys (or passes them to a backend that does, e.g. "
                                + "as the Message-ID) — or that it should not declare DEDUPLICATES_BY_KEY"))
                .extracting(ReceivedNotification::subject)
                .containsExactly("Only once", "Another");
    }

    /** N5: a notification carrying a meeting invitation is delivered. */
    @Test
    void n5_invitationIsDelivered() {
        Party ina = recipient("ina");
        Notification invitation =
                Records.invitation(run + "-inv", EscalationId.of(run + "-e"), ina, Records.T0.plusSeconds(86_400));
        Notification onChannel = new Notification(
                invitation.idempotencyKey(),
                invitation.escalation(),
                invitation.caseId(),
                invitation.kind(),
                channel(),
                ina,
                invitation.locale(),
                invitation.zone(),
                invitation.subject(),
                invitation.body(),
                invitation.params(),
                invitation.text(),
                invitation.invite(),
                invitation.textLocale());
        Throwable t = thrown(() -> {
            notifier.send(onChannel);
            return null;
        });
        assertThat(t)
                .as(broken(
                        "N5",
                        "send of a notification with a MeetingInvite threw " + t,
                        "that the adapter supports Notification.invite() (e.g. as an iCalendar part)"))
                .isNull();
        assertThat(received(ina))
                .as(broken(
                        "N5",
                        "a notification with a MeetingInvite was not delivered",
                        "that the adapter handles Notification.invite() (e.g. attaches an iCalendar part) instead of "
                                + "failing or dropping it"))
                .extracting(ReceivedNotification::subject)
                .containsExactly(invitation.subject());
    }
}
