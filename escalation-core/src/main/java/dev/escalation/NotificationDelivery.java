package dev.escalation;

import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.Party;
import dev.escalation.model.Preferences;
import dev.escalation.model.StaffId;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.Notification;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.Touchpoint;
import dev.escalation.text.Message;
import dev.escalation.text.TextPatternException;
import dev.escalation.text.Texts;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a stored {@link NotificationRequest} into a {@link Notification} at delivery: looks the recipient up (a contact
 * in the customer directory, with the account's defaults filling what the contact did not set; a staff member in the
 * staff directory; an external party as stored), picks the channel (the request's fixed channel, else the recipient's
 * first preferred channel that has a notifier), and renders subject and body for the recipient's language and time
 * zone (the contact's, else the account's defaults; English and the vendor's zone if none) with the engine's
 * {@link Texts}.
 */
final class NotificationDelivery {

    /** What to do with a request. */
    sealed interface Prepared {}

    /** Send {@code notification} with {@code notifier}. */
    record Ready(Notifier notifier, Notification notification) implements Prepared {}

    /** Cannot be delivered as it stands; dead-letter it with {@code code}. */
    record Undeliverable(String code, String reason) implements Prepared {}

    private final CustomerDirectory customers;
    private final StaffDirectory staff;
    private final Map<DeliveryChannel, Notifier> notifiers;
    private final ZoneId vendorZone;
    private final Texts texts;

    NotificationDelivery(EngineConfig config) {
        this.customers = config.customers();
        this.staff = config.staff();
        this.notifiers = new EnumMap<>(config.notifiers());
        this.vendorZone = config.vendorZone();
        this.texts = config.texts();
    }

    /**
     * Directory answers of one batch (one account look-up per customer) and its renderings: a notification queued
     * for several recipients (the same kind, escalation, parameters and text) is rendered once per language and zone.
     * The renderings are the last {@value #RENDERINGS} of the batch, compared field by field, cheapest and most
     * telling first (no key object and no hash of the parameters per delivery): the recipients of one notification
     * are queued one after the other, so they follow each other in a batch.
     */
    static final class BatchCache {
        /** Renderings remembered per batch. */
        static final int RENDERINGS = 8;

        private final Map<CustomerId, Optional<CustomerAccount>> accounts = new HashMap<>();
        private final NotificationRequest[] requests = new NotificationRequest[RENDERINGS];
        private final Locale[] locales = new Locale[RENDERINGS];
        private final ZoneId[] zones = new ZoneId[RENDERINGS];
        private final Message[] texts = new Message[RENDERINGS];
        /** Renderings remembered so far; the next one goes to {@code count % RENDERINGS}. */
        private int count;

        /** The text rendered for a request equal in everything a rendering depends on, or null. */
        Message rendered(NotificationRequest r, Locale locale, ZoneId zone) {
            int held = Math.min(count, RENDERINGS);
            for (int k = 1; k <= held; k++) { // the newest first
                int i = (count - k) % RENDERINGS;
                if (sameRendering(requests[i], r) && locales[i].equals(locale) && zones[i].equals(zone)) {
                    return texts[i];
                }
            }
            return null;
        }

        void remember(NotificationRequest r, Locale locale, ZoneId zone, Message text) {
            int i = count++ % RENDERINGS;
            requests[i] = r;
            locales[i] = locale;
            zones[i] = zone;
            texts[i] = text;
        }

        /** Whether a rendering of {@code a} is one of {@code b}: all but recipient, key, channel and invite equal. */
        static boolean sameRendering(NotificationRequest a, NotificationRequest b) {
            return a.kind() == b.kind()
                    && a.escalation().equals(b.escalation())
                    && a.caseId().equals(b.caseId())
                    && (a.params() == b.params() || a.params().equals(b.params()))
                    && a.text().equals(b.text());
        }
    }

    /**
     * Prepares one request. A contact the directory lists under another customer than the escalation's (moved, or the
     * id given to someone else) is not one of its people: {@code UNKNOWN_RECIPIENT}, so no tenant's escalation reaches
     * a person of another; nor is a contact or staff member the directory marks inactive (someone who left), nor an
     * external stakeholder erased since (their address is the marker).
     *
     * @param customer the escalation's customer (the message's tenant)
     * @throws dev.escalation.spi.UnavailableException if a directory cannot answer (the caller retries later)
     */
    Prepared prepare(NotificationRequest request, CustomerId customer, BatchCache cache) {
        Party stored = request.recipient();
        Party party;
        Preferences preferences;
        Optional<ZoneId> fallbackZone = Optional.empty();
        Optional<Locale> fallbackLocale = Optional.empty();
        switch (stored.kind()) {
            case CONTACT -> {
                Optional<Touchpoint> t = contactId(stored.id()).flatMap(customers::touchpoint);
                if (t.isEmpty()) {
                    return unknown(stored);
                }
                if (!t.get().customer().equals(customer)) {
                    return new Undeliverable(
                            "UNKNOWN_RECIPIENT", "the contact is not one of the escalation's customer");
                }
                if (!t.get().active()) {
                    return inactive(stored);
                }
                party = t.get().asParty();
                preferences = t.get().preferences();
                Optional<CustomerAccount> account = cache.accounts.computeIfAbsent(customer, customers::account);
                fallbackZone = account.flatMap(CustomerAccount::defaultZone);
                fallbackLocale = account.flatMap(CustomerAccount::defaultLocale);
            }
            case STAFF -> {
                Optional<StaffMember> m = staffId(stored.id()).flatMap(staff::member);
                if (m.isEmpty()) {
                    return unknown(stored);
                }
                if (!m.get().active()) {
                    return inactive(stored);
                }
                party = m.get().asParty();
                preferences = m.get().preferences();
            }
            default -> {
                if (stored.email().equals(ErasureReport.MARKER)) { // erased since the message was queued
                    return new Undeliverable("UNKNOWN_RECIPIENT", "the external stakeholder was erased");
                }
                party = stored;
                preferences = Preferences.DEFAULT;
            }
        }
        Optional<DeliveryChannel> channel = request.channel().isPresent()
                ? request.channel().filter(notifiers::containsKey)
                : firstNotified(preferences.channels());
        if (channel.isEmpty()) {
            List<DeliveryChannel> wanted = request.channel().map(List::of).orElse(preferences.channels());
            return new Undeliverable(
                    "NO_CHANNEL",
                    "no notifier for the recipient's channels " + wanted + " (configured: " + notifiers.keySet() + ")");
        }
        // the recipient's own setting, else the account's, else the default (plain branches: no lambda per delivery)
        ZoneId zone = ReaderZone.of(preferences, fallbackZone, vendorZone);
        Locale ownLocale = preferences.locale().orElse(null);
        Locale locale = ownLocale != null ? ownLocale : fallbackLocale.orElse(Locale.ENGLISH);
        Message text = cache.rendered(request, locale, zone);
        if (text == null) {
            try {
                text = texts.notification(request, locale, zone);
            } catch (TextPatternException e) { // the host's text fails every rendering the same way: no retry
                return new Undeliverable(
                        "TEXT_PATTERN",
                        "the host text " + e.key() + " for " + e.locale().toLanguageTag() + " does not format");
            } catch (InvalidCommandException e) { // the engine's texts refused the stored request: so would a retry
                return new Undeliverable(
                        "UNRENDERABLE", "the request cannot be rendered: " + String.join(", ", e.codes()));
            }
            cache.remember(request, locale, zone, text);
        }
        Notification n = new Notification(
                request.idempotencyKey(),
                request.escalation(),
                request.caseId(),
                request.kind(),
                channel.get(),
                party,
                locale,
                zone,
                text.subject(),
                text.body(),
                request.params(),
                request.text(),
                request.invite(),
                text.language());
        return new Ready(notifiers.get(channel.get()), n);
    }

    /** The first channel that has a notifier (a loop: this runs for every delivery). */
    private Optional<DeliveryChannel> firstNotified(List<DeliveryChannel> channels) {
        for (DeliveryChannel c : channels) {
            if (notifiers.containsKey(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Someone who left (inactive in the directory) is told nothing more: a dead letter, never a silent skip. */
    private static Undeliverable inactive(Party stored) {
        return new Undeliverable(
                "UNKNOWN_RECIPIENT", "the " + stored.kind().name().toLowerCase(Locale.ROOT) + " is inactive");
    }

    private static Undeliverable unknown(Party stored) {
        return new Undeliverable(
                "UNKNOWN_RECIPIENT",
                "the " + stored.kind().name().toLowerCase(Locale.ROOT) + " is not in the directory");
    }

    private static Optional<ContactId> contactId(String id) {
        try {
            return Optional.of(ContactId.of(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<StaffId> staffId(String id) {
        try {
            return Optional.of(StaffId.of(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
