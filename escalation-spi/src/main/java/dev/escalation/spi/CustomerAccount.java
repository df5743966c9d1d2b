package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CalendarSpec;
import dev.escalation.model.CustomerId;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * A customer account (tenant).
 *
 * @param id               the account
 * @param name             the customer's name
 * @param contractCalendar the customer's contract calendar (quiet hours for customer-facing reminders), if any
 * @param defaultLocale    the language of contacts who set none
 * @param defaultZone      the time zone of contacts who set none
 * @param tier             the contract or tier key that selects the customer's SLA policy, if any
 */
public record CustomerAccount(
        CustomerId id,
        String name,
        Optional<CalendarSpec> contractCalendar,
        Optional<Locale> defaultLocale,
        Optional<ZoneId> defaultZone,
        Optional<String> tier) {

    /**
     * Validates the components, and makes the name printable (a directory's text reaches subjects, tickets and
     * databases: a line break or tab in it becomes a space, any other control character or unpaired surrogate U+FFFD,
     * and so does a bidirectional embedding, override or isolate left unclosed or closing nothing, which would
     * reorder the text after the name).
     *
     * @param id the account
     * @param name the customer's name
     * @param contractCalendar the customer's contract calendar (quiet hours for customer-facing reminders), if any
     * @param defaultLocale the language of contacts who set none
     * @param defaultZone the time zone of contacts who set none
     * @param tier the contract or tier key that selects the customer's SLA policy, if any
     * @throws NullPointerException if a component is null
     */
    public CustomerAccount {
        requireNonNull(id, "id");
        name = DirectoryText.of(requireNonNull(name, "name"));
        requireNonNull(contractCalendar, "contractCalendar");
        requireNonNull(defaultLocale, "defaultLocale");
        requireNonNull(defaultZone, "defaultZone");
        requireNonNull(tier, "tier");
    }

    /**
     * An account without language, zone or tier defaults.
     *
     * @param id               the account
     * @param name             the customer's name
     * @param contractCalendar the contract calendar, if any
     */
    public CustomerAccount(CustomerId id, String name, Optional<CalendarSpec> contractCalendar) {
        this(id, name, contractCalendar, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
