package dev.escalation.holidays;

import static java.util.Objects.requireNonNull;

import dev.escalation.calendar.HolidaySource;
import java.util.Locale;
import java.util.SortedSet;

/**
 * German public holidays from Jollyday's data (never hand-written dates): the nationwide ones, or those of one
 * federal state (nationwide plus the state's own, such as Corpus Christi in Bavaria or Reformation Day in Saxony).
 *
 * <p>Every source returned is lazy (a year is computed when first needed), cached and thread-safe. Names are in
 * English ("Easter Monday", "German Unity Day").
 */
public final class GermanHolidays {

    private GermanHolidays() {}

    /**
     * The nationwide public holidays of Germany (New Year's Day, Good Friday, Easter Monday, Labour Day, Ascension
     * Day, Whit Monday, German Unity Day, Christmas Day and the day after).
     *
     * @return the holiday source
     */
    public static HolidaySource national() {
        return JollydayHolidays.forRegion("DE");
    }

    /**
     * The public holidays of a federal state: the nationwide ones and the state's own.
     *
     * @param state the state's code, the second part of its ISO 3166-2 code, case-insensitive, with or without the
     *              {@code DE-} prefix: {@code BY} or {@code DE-BY} for Bavaria, {@code BE} for Berlin, …; see
     *              {@link #stateCodes()}
     * @return the holiday source
     * @throws IllegalArgumentException if the code names no German state (the message lists the known codes)
     */
    public static HolidaySource state(String state) {
        requireNonNull(state, "state");
        String code = state.trim().toUpperCase(Locale.ROOT);
        if (code.startsWith("DE-")) {
            code = code.substring(3);
        }
        if (code.isEmpty() || code.contains("-")) {
            throw new IllegalArgumentException(
                    "unknown German state '" + state + "'; known: " + String.join(", ", stateCodes()));
        }
        return JollydayHolidays.forRegion("DE-" + code);
    }

    /**
     * The codes of the sixteen federal states as Jollyday knows them ({@code BB}, {@code BE}, {@code BW},
     * {@code BY}, {@code HB}, {@code HE}, {@code HH}, {@code MV}, {@code NI}, {@code NW}, {@code RP}, {@code SH},
     * {@code SL}, {@code SN}, {@code ST}, {@code TH}).
     *
     * @return the codes, sorted, unmodifiable
     */
    public static SortedSet<String> stateCodes() {
        return JollydayHolidays.subdivisions("DE");
    }
}
