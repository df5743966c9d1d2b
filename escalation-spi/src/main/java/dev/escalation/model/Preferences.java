package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a person wants to be addressed: language, time zone and delivery channels in order of preference. Held by the
 * host's directories; read by the engine when it renders and sends.
 *
 * @param locale   the person's language, or empty to use the account's default (then English)
 * @param zone     the person's time zone, or empty to use the account's default (then the vendor's)
 * @param channels the channels to use, most preferred first; without duplicates; may be empty (no usable channel:
 *                 notifications to this person become dead letters with the code {@code NO_CHANNEL})
 */
public record Preferences(Optional<Locale> locale, Optional<ZoneId> zone, List<DeliveryChannel> channels) {

    /** No language or zone of their own; e-mail. */
    public static final Preferences DEFAULT =
            new Preferences(Optional.empty(), Optional.empty(), List.of(DeliveryChannel.EMAIL));

    /**
     * Validates and copies the components.
     *
     * @param locale the person's language, or empty to use the account's default (then English)
     * @param zone the person's time zone, or empty to use the account's default (then the vendor's)
     * @param channels the channels to use, most preferred first; without duplicates; may be empty (no usable channel:
     *     notifications to this person become dead letters with the code {@code NO_CHANNEL})
     * @throws NullPointerException if a component or channel is null
     * @throws IllegalArgumentException if a channel is listed twice
     */
    public Preferences {
        requireNonNull(locale, "locale");
        requireNonNull(zone, "zone");
        channels = Lists.copyOf(channels, "channels");
        if (channels.stream().distinct().count() != channels.size()) {
            throw new IllegalArgumentException("channels must not repeat: " + channels);
        }
    }

    /**
     * Preferences with a language and a zone, by e-mail.
     *
     * @param locale the language
     * @param zone   the time zone
     * @return the preferences
     */
    public static Preferences of(Locale locale, ZoneId zone) {
        return new Preferences(Optional.of(locale), Optional.of(zone), List.of(DeliveryChannel.EMAIL));
    }
}
