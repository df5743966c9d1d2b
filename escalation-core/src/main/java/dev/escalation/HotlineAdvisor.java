package dev.escalation;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.model.Criticality;
import dev.escalation.model.EntryParam;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the hotline advice of a critical escalation raised while the vendor's coverage calendar is closed, as
 * structured data: the reason derived from the calendar (a holiday that closes it then: {@code PUBLIC_HOLIDAY}; else
 * a weekday without opening windows: {@code WEEKEND}; else {@code OUTSIDE_HOURS}), when coverage resumes and the
 * configured numbers. Also carries the advice through notification parameters ({@code hotline.*}), so the
 * confirmation can be rendered at delivery.
 */
final class HotlineAdvisor {
    private static final String PREFIX = "hotline.";
    /** The one parameter of every advice: when the escalation was raised. */
    private static final String RAISED_AT = "raisedAt";
    /** Its name among the notification parameters. */
    private static final String PARAM_RAISED_AT = PREFIX + "param." + RAISED_AT;

    private final BusinessCalendar coverage;
    private final List<HotlineNumber> numbers;

    /**
     * The advisor of a coverage calendar, checked for the builder.
     *
     * @throws IllegalStateException if the calendar never opens, or closes and no hotline number is configured
     */
    static HotlineAdvisor checked(BusinessCalendar coverage, List<HotlineNumber> numbers, Instant now) {
        if (!coverage.hasOpeningHours()) {
            throw new IllegalStateException("the coverage calendar has no opening hours, so it never opens");
        }
        if (numbers.isEmpty() && coverage.nextClosing(now).isPresent()) {
            throw new IllegalStateException("a coverage calendar that closes needs hotline numbers: .hotline(...)"
                    + " (or pass BusinessCalendar.alwaysOpen())");
        }
        return new HotlineAdvisor(coverage, numbers);
    }

    HotlineAdvisor(BusinessCalendar coverage, List<HotlineNumber> numbers) {
        this.coverage = coverage;
        this.numbers = List.copyOf(numbers);
    }

    Optional<HotlineAdvice> advise(Criticality criticality, Instant at) {
        if (criticality != Criticality.CRITICAL || numbers.isEmpty() || coverage.isOpen(at)) {
            return Optional.empty();
        }
        Optional<Holiday> holiday = coverage.closingHoliday(at);
        if (holiday.isEmpty()) { // the parameters are only the instant: no map of its own to build and copy
            HotlineAdvice.Reason reason =
                    coverage.opensOn(at.atZone(coverage.zone()).getDayOfWeek())
                            ? HotlineAdvice.Reason.OUTSIDE_HOURS
                            : HotlineAdvice.Reason.WEEKEND;
            return Optional.of(new HotlineAdvice(
                    reason, Map.of(RAISED_AT, new EntryParam.At(at)), coverage.nextOpening(at), numbers));
        }
        Map<String, EntryParam> params = new LinkedHashMap<>();
        params.put("holiday", new EntryParam.Code(holidayKey(holiday.get().name())));
        params.put("holidayName", new EntryParam.Text(holiday.get().name()));
        // the name per language the calendar knows (holidayName.de, ...): readers get theirs
        holiday.get().names().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Locale::toLanguageTag)))
                .forEach(n ->
                        params.put("holidayName." + n.getKey().toLanguageTag(), new EntryParam.Text(n.getValue())));
        params.put(RAISED_AT, new EntryParam.At(at));
        return Optional.of(
                new HotlineAdvice(HotlineAdvice.Reason.PUBLIC_HOLIDAY, params, coverage.nextOpening(at), numbers));
    }

    /** A holiday's key derived from its name: {@code "Christmas Eve"} → {@code CHRISTMAS_EVE}. */
    static String holidayKey(String name) {
        String key = name.strip()
                .toUpperCase(Locale.ROOT)
                .replaceAll("[^\\p{IsAlphabetic}\\p{IsDigit}]+", "_")
                .replaceAll("^_+|_+$", "");
        return key.isEmpty() ? "HOLIDAY" : key;
    }

    // ------------------------------------------------------------------ as notification parameters

    private static final int NUMBER_KEYS = 4;
    /** The names of the first numbers' label and number ({@code hotline.number.<n>.label}, {@code .number}). */
    private static final String[] NUMBER_LABELS = new String[NUMBER_KEYS];

    private static final String[] NUMBER_NUMBERS = new String[NUMBER_KEYS];

    static {
        for (int i = 0; i < NUMBER_KEYS; i++) {
            NUMBER_LABELS[i] = PREFIX + "number." + (i + 1) + ".label";
            NUMBER_NUMBERS[i] = PREFIX + "number." + (i + 1) + ".number";
        }
    }

    private static String numberKey(int i, String suffix) {
        if (i < NUMBER_KEYS) {
            return suffix.equals(".label") ? NUMBER_LABELS[i] : NUMBER_NUMBERS[i];
        }
        return PREFIX + "number." + (i + 1) + suffix;
    }

    /** The advice as parameters {@code hotline.*} of the confirmation notification. */
    static Map<String, EntryParam> toParams(HotlineAdvice advice) {
        ParamArray p =
                new ParamArray(2 + advice.params().size() + 2 * advice.numbers().size());
        p.put(PREFIX + "reason", EntryParam.Code.of(advice.reason()));
        p.put(PREFIX + "resumesAt", new EntryParam.At(advice.resumesAt()));
        for (Map.Entry<String, EntryParam> e : advice.params().entrySet()) {
            String k = e.getKey();
            p.put(k.equals(RAISED_AT) ? PARAM_RAISED_AT : PREFIX + "param." + k, e.getValue());
        }
        for (int i = 0; i < advice.numbers().size(); i++) {
            HotlineNumber n = advice.numbers().get(i);
            p.put(numberKey(i, ".label"), new EntryParam.Text(n.label()));
            p.put(numberKey(i, ".number"), new EntryParam.Text(n.number()));
        }
        return p;
    }
}
