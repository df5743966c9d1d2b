package dev.escalation.calendar;

import static java.util.Objects.requireNonNull;

import dev.escalation.spi.internal.Copies;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A day on which the calendar is closed, wholly or from a time of day on (a partial-day holiday such as the
 * afternoon of 24 December).
 *
 * @param date        the day
 * @param name        its name, shown in explanations (for example {@code "Christmas Eve"})
 * @param closedFrom  for a partial-day holiday, the local time from which the day is closed; empty for all day
 * @param names       its name per language, for readers in that language (for example {@code de} →
 *                    {@code "1. Weihnachtstag"}); may be empty: {@link #name(Locale)} falls back to {@code name}
 */
public record Holiday(LocalDate date, String name, Optional<LocalTime> closedFrom, Map<Locale, String> names) {

    /**
     * Validates the components.
     *
     * @param date see the record component
     * @param name see the record component
     * @param closedFrom see the record component
     * @param names see the record component
     * @throws NullPointerException if a component, key or value is null
     */
    public Holiday {
        requireNonNull(date, "date");
        requireNonNull(name, "name");
        requireNonNull(closedFrom, "closedFrom");
        names = Copies.map(names, "names");
    }

    /**
     * A holiday named in one language only.
     *
     * @param date see the record component
     * @param name see the record component
     * @param closedFrom see the record component
     * @throws NullPointerException if a component is null
     */
    public Holiday(LocalDate date, String name, Optional<LocalTime> closedFrom) {
        this(date, name, closedFrom, Map.of());
    }

    /**
     * Its name for a reader: the name in the reader's language (exact locale first, then the language alone), else
     * {@link #name()}.
     *
     * @param locale the reader's locale
     * @return the name
     */
    public String name(Locale locale) {
        String exact = names.get(locale);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<Locale, String> e : names.entrySet()) {
            if (e.getKey().getLanguage().equals(locale.getLanguage())
                    && e.getKey().getCountry().isEmpty()) {
                return e.getValue();
            }
        }
        return name;
    }

    /**
     * This holiday with its names per language (replacing any it had).
     *
     * @param localized the names by language, such as {@code Locale.GERMAN → "Neujahr"}
     * @return the holiday
     */
    public Holiday withNames(Map<Locale, String> localized) {
        return new Holiday(date, name, closedFrom, localized);
    }

    /**
     * A whole-day holiday.
     *
     * @param date the day
     * @param name its name
     * @return the holiday
     */
    public static Holiday allDay(LocalDate date, String name) {
        return new Holiday(date, name, Optional.empty());
    }

    /**
     * A holiday closed from a time of day on.
     *
     * @param date       the day
     * @param name       its name
     * @param closedFrom the local time from which the day is closed
     * @return the holiday
     */
    public static Holiday from(LocalDate date, String name, LocalTime closedFrom) {
        return new Holiday(date, name, Optional.of(closedFrom));
    }
}
