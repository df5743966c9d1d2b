package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CalendarSpec;
import dev.escalation.model.CustomerId;
import java.util.Optional;

/**
 * A customer account (tenant).
 *
 * @param id               the account
 * @param name             the customer's name
 * @param contractCalendar the customer's contract calendar (quiet hours for customer-facing reminders), if any
 */
public record CustomerAccount(CustomerId id, String name, Optional<CalendarSpec> contractCalendar) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is null
     */
    public CustomerAccount {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(contractCalendar, "contractCalendar");
    }
}
