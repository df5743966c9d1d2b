package dev.escalation.holidays;

import static java.util.Objects.requireNonNull;

import de.focus_shift.jollyday.core.CalendarHierarchy;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.calendar.NoHolidayDataException;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Public holidays of any region Jollyday knows, as a {@link HolidaySource}.
 *
 * <h2>Region codes</h2>
 * {@code COUNTRY[-SUBDIVISION[-LOCALITY]]}, case-insensitive, parts separated by {@code -}:
 * <ul>
 *   <li>{@code COUNTRY} is a Jollyday calendar code, for countries the ISO 3166-1 alpha-2 code ({@code DE},
 *       {@code US}, {@code AT}, …; see {@link HolidayManager#getSupportedCalendarCodes()});</li>
 *   <li>{@code SUBDIVISION} is the subdivision id in Jollyday's hierarchy for that country, for German states and
 *       US states the second part of the ISO 3166-2 code ({@code DE-BY} Bavaria, {@code DE-BE} Berlin,
 *       {@code US-NY} New York);</li>
 *   <li>deeper parts name Jollyday's localities, such as {@code DE-BY-AG} (Augsburg).</li>
 * </ul>
 * A region has its own public holidays plus those of every level above it (a state has the national ones).
 * Only Jollyday's {@link HolidayType#PUBLIC_HOLIDAY public holidays} count (observances such as Easter Monday in
 * the US do not). A holiday moved to an observed day (US Independence Day on a Saturday is observed on the Friday)
 * closes the observed day. {@link Holiday#name()} is Jollyday's English description unless another locale is given;
 * {@link Holiday#names()} has the English and German descriptions (and the given locale's), so readers see the
 * holiday in their language ({@code "Christmas Eve"} / {@code "Heiligabend"}); two holidays on one date are named
 * together ("A / B").
 *
 * <p>Sources are lazy and cached: a year's holidays are computed from Jollyday's data the first time a date of that
 * year is asked for, then kept. They are thread-safe. Unknown codes fail at once, when the source is created.
 *
 * <h2>Years outside the data</h2>
 * A date of a year Jollyday cannot compute for the region, and any date before year 1, is refused with {@link
 * NoHolidayDataException}, never answered as an ordinary day: the Islamic holidays of regions such as {@code SA},
 * {@code AE}, {@code EG} or {@code TR} follow the JDK's Hijrah calendar, which covers the years 1882 to 2174 only (the
 * JDK's umalqura data). A calendar passes the exception on and the engine refuses the request with the non-retryable
 * {@code calendar.HolidayData}, instead of reporting a retryable outage that never ends. Regions without such holidays
 * (such as {@code DE}, whose Easter is computed) answer every year from 1 on. A holiday of a neighbouring year Jollyday
 * cannot compute, observed across the turn of the year, is not seen.
 */
public final class JollydayHolidays {

    /** The languages every holiday is named in besides the source's own (the shipped texts' languages). */
    private static final List<Locale> NAME_LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN);

    /** Jollyday's holiday descriptions: a properties bundle in its (open) package {@code descriptions}. */
    private static final String DESCRIPTIONS = "descriptions.holiday_descriptions";

    /** Jollyday's managers are shared and cached by Jollyday; year computations go through this lock. */
    private static final Object JOLLYDAY_LOCK = new Object();

    private JollydayHolidays() {}

    /**
     * The public holidays of a region, named in English.
     *
     * @param regionCode a region code such as {@code DE}, {@code DE-BY} or {@code US-NY} (see the class
     *                   documentation)
     * @return a lazy, caching, thread-safe holiday source
     * @throws IllegalArgumentException if the country or a subdivision is unknown to Jollyday (the message names
     *                                  the code and lists what is known at that level)
     */
    public static HolidaySource forRegion(String regionCode) {
        return forRegion(regionCode, Locale.ENGLISH);
    }

    /**
     * The public holidays of a region, named in a language of Jollyday's descriptions.
     *
     * @param regionCode a region code such as {@code DE-BY}
     * @param nameLocale the language of the holiday names (Jollyday has English, German and a few others)
     * @return a lazy, caching, thread-safe holiday source
     * @throws IllegalArgumentException if the country or a subdivision is unknown to Jollyday
     */
    public static HolidaySource forRegion(String regionCode, Locale nameLocale) {
        requireNonNull(regionCode, "regionCode");
        requireNonNull(nameLocale, "nameLocale");
        String[] parts = regionCode.trim().split("-", -1);
        String country = parts[0].toUpperCase(Locale.ROOT);
        if (country.isEmpty() || !HolidayManager.getSupportedCalendarCodes().contains(country)) {
            throw new IllegalArgumentException("unknown holiday region '" + regionCode + "': Jollyday has no calendar '"
                    + parts[0] + "'; use a code such as DE, DE-BY or US-NY");
        }
        HolidayManager manager;
        synchronized (JOLLYDAY_LOCK) {
            manager = HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase(Locale.ROOT)));
        }
        String[] path = new String[parts.length - 1];
        CalendarHierarchy level = manager.getCalendarHierarchy();
        for (int i = 1; i < parts.length; i++) {
            String id = parts[i].toLowerCase(Locale.ROOT);
            CalendarHierarchy child = level.getChildren().get(id);
            if (child == null) {
                throw new IllegalArgumentException("unknown holiday region '" + regionCode + "': Jollyday's calendar "
                        + String.join("-", Arrays.copyOfRange(parts, 0, i)).toUpperCase(Locale.ROOT)
                        + " has no subdivision '" + parts[i] + "'" + known(level));
            }
            path[i - 1] = id;
            level = child;
        }
        String canonical =
                country + (path.length == 0 ? "" : "-" + String.join("-", path).toUpperCase(Locale.ROOT));
        return new Source(canonical, manager, path, nameLocale);
    }

    /**
     * A region resolver for {@link dev.escalation.calendar.BusinessCalendar#fromSpec}: {@code forRegion}, with
     * English names.
     *
     * @return the resolver; it throws {@link IllegalArgumentException} for an unknown code
     */
    public static Function<String, HolidaySource> resolver() {
        return JollydayHolidays::forRegion;
    }

    /**
     * The subdivision codes of a Jollyday calendar's first level, upper-case: for {@code DE} the sixteen federal
     * states ({@code BB}, {@code BE}, …, {@code TH}).
     *
     * @param country a Jollyday calendar code such as {@code DE}
     * @return the codes, sorted, unmodifiable
     * @throws IllegalArgumentException if the country is unknown to Jollyday
     */
    public static SortedSet<String> subdivisions(String country) {
        requireNonNull(country, "country");
        String code = country.trim().toUpperCase(Locale.ROOT);
        if (!HolidayManager.getSupportedCalendarCodes().contains(code)) {
            throw new IllegalArgumentException("unknown holiday region '" + country + "'");
        }
        HolidayManager manager;
        synchronized (JOLLYDAY_LOCK) {
            manager = HolidayManager.getInstance(ManagerParameters.create(code.toLowerCase(Locale.ROOT)));
        }
        SortedSet<String> out = new TreeSet<>();
        manager.getCalendarHierarchy().getChildren().keySet().forEach(k -> out.add(k.toUpperCase(Locale.ROOT)));
        return Collections.unmodifiableSortedSet(out);
    }

    /**
     * The locale to ask Jollyday for the descriptions in {@code language}: the most specific of its candidates
     * ({@code en_GB}, {@code en}, root) that has a bundle of its own, else the root bundle (Jollyday's English).
     * Jollyday looks its bundles up with the JDK's default fallback, which answers a language it has no bundle for
     * in the JVM's default locale (on a German server, English names were German ones); asked for a locale that has
     * a bundle, or for the root, it never falls back.
     */
    static Locale descriptionLocale(Locale language) {
        ResourceBundle.Control control = ResourceBundle.Control.getControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        Module jollyday = HolidayManager.class.getModule();
        for (Locale candidate : control.getCandidateLocales(DESCRIPTIONS, language)) {
            if (candidate.equals(Locale.ROOT)) {
                break;
            }
            String resource = control.toResourceName(control.toBundleName(DESCRIPTIONS, candidate), "properties");
            try (InputStream bundle = jollyday.getResourceAsStream(resource)) {
                if (bundle != null) {
                    return candidate;
                }
            } catch (IOException unreadable) {
                // as if it were not there: the next candidate
            }
        }
        return Locale.ROOT;
    }

    private static String known(CalendarHierarchy level) {
        if (level.getChildren().isEmpty()) {
            return " (it has none)";
        }
        Set<String> ids = new TreeSet<>();
        level.getChildren().keySet().forEach(k -> ids.add(k.toUpperCase(Locale.ROOT)));
        return "; known: " + String.join(", ", ids);
    }

    /** A lazily computed, per-year cached view of one Jollyday region. */
    private static final class Source implements HolidaySource {
        private final String region;
        private final HolidayManager manager;
        private final String[] path;
        private final Locale locale;
        /** The locale Jollyday is asked with for each language named ({@link JollydayHolidays#descriptionLocale}). */
        private final Map<Locale, Locale> askedAs;

        private final Map<Integer, Map<LocalDate, Holiday>> years = new ConcurrentHashMap<>();

        Source(String region, HolidayManager manager, String[] path, Locale locale) {
            this.region = region;
            this.manager = manager;
            this.path = path.clone();
            this.locale = locale;
            Map<Locale, Locale> asked = new HashMap<>();
            for (Locale language : NAME_LANGUAGES) {
                asked.put(language, descriptionLocale(language));
            }
            asked.put(locale, descriptionLocale(locale));
            this.askedAs = Map.copyOf(asked);
        }

        @Override
        public Optional<Holiday> holidayOn(LocalDate date) {
            return Optional.ofNullable(
                    years.computeIfAbsent(date.getYear(), this::load).get(date));
        }

        /**
         * The holidays whose (observed) date lies in {@code year}: Jollyday lists a holiday under the year of its
         * actual date, and an observed day may lie in the year before or after (New Year's Day 2028, a Saturday, is
         * observed in the United States on Friday 31 December 2027), so the neighbouring years are asked too; one that
         * Jollyday has no data for (or that is before year 1) adds nothing.
         *
         * @throws NoHolidayDataException if {@code year} is before year 1 or Jollyday cannot compute it (its Islamic
         *     holidays follow the JDK's Hijrah calendar, which covers 1882 to 2174 only)
         */
        private Map<LocalDate, Holiday> load(int year) {
            if (year < 1) {
                throw new NoHolidayDataException(this + " has no holiday data before year 1: " + year);
            }
            Set<de.focus_shift.jollyday.core.Holiday> found = new HashSet<>(); // one of each
            synchronized (JOLLYDAY_LOCK) {
                for (int y = Math.max(1, year - 1); y <= Math.min(Year.MAX_VALUE, year + 1); y++) {
                    try {
                        found.addAll(manager.getHolidays(Year.of(y), HolidayType.PUBLIC_HOLIDAY, path));
                    } catch (DateTimeException | ArithmeticException outOfRange) {
                        if (y == year) {
                            throw new NoHolidayDataException(
                                    this + " has no holiday data for the year " + year, outOfRange);
                        }
                    }
                }
            }
            Map<LocalDate, List<de.focus_shift.jollyday.core.Holiday>> onDate = new TreeMap<>();
            for (de.focus_shift.jollyday.core.Holiday h : found) {
                if (h.getDate().getYear() == year) {
                    onDate.computeIfAbsent(h.getDate(), d -> new ArrayList<>()).add(h);
                }
            }
            Map<LocalDate, Holiday> byDate = new HashMap<>();
            onDate.forEach((date, list) -> {
                Map<Locale, String> names = new HashMap<>();
                for (Locale language : NAME_LANGUAGES) {
                    names.put(language, joined(list, language));
                }
                names.put(locale, joined(list, locale));
                byDate.put(date, Holiday.allDay(date, joined(list, locale)).withNames(names));
            });
            return Map.copyOf(byDate);
        }

        /** The names of the holidays of one date in a language, sorted, joined with {@code " / "}. */
        private String joined(List<de.focus_shift.jollyday.core.Holiday> holidays, Locale language) {
            Locale asked = askedAs.get(language);
            List<String> names = new ArrayList<>();
            holidays.forEach(h -> names.add(h.getDescription(asked)));
            names.sort(null);
            return String.join(" / ", names);
        }

        @Override
        public String toString() {
            return "JollydayHolidays[" + region + "]";
        }
    }
}
