package dev.escalation;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.model.Criticality;
import dev.escalation.model.EntryParam;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the hotline advice of a critical escalation raised while the vendor's coverage calendar is closed, as
 * structured data: the reason derived from the calendar (a holiday that closes it then: {@code PUBLIC_HOLIDAY}; else
 * a weekday without opening windows: {@code WEEKEND}; else {@code OUTSIDE_HOURS}), when coverage resumes and the
 * configured numbers. Also carries the advice through notification parameters, so the confirmation can be rendered
 * at delivery.
 */
final class HotlineAdvisor {
    private static final String PREFIX = "hotline.";

    private final BusinessCalendar coverage;
    private final List<HotlineNumber> numbers;

    HotlineAdvisor(BusinessCalendar coverage, List<HotlineNumber> numbers) {
        this.coverage = coverage;
        this.numbers = List.copyOf(numbers);
    }

    Optional<HotlineAdvice> advise(Criticality criticality, Instant at) {
        if (criticality != Criticality.CRITICAL || numbers.isEmpty() || coverage.isOpen(at)) {
            return Optional.empty();
        }
        Map<String, EntryParam> params = new LinkedHashMap<>();
        HotlineAdvice.Reason reason;
        Optional<Holiday> holiday = coverage.closingHoliday(at);
        if (holiday.isPresent()) {
            reason = HotlineAdvice.Reason.PUBLIC_HOLIDAY;
            params.put("holiday", new EntryParam.Code(holidayKey(holiday.get().name())));
            params.put("holidayName", new EntryParam.Text(holiday.get().name()));
        } else if (!coverage.opensOn(at.atZone(coverage.zone()).getDayOfWeek())) {
            reason = HotlineAdvice.Reason.WEEKEND;
        } else {
            reason = HotlineAdvice.Reason.OUTSIDE_HOURS;
        }
        params.put("raisedAt", new EntryParam.At(at));
        return Optional.of(new HotlineAdvice(reason, params, coverage.nextOpening(at), numbers));
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

    /** The advice as parameters {@code hotline.*} of the confirmation notification. */
    static Map<String, EntryParam> toParams(HotlineAdvice advice) {
        Map<String, EntryParam> p = new LinkedHashMap<>();
        p.put(PREFIX + "reason", EntryParam.Code.of(advice.reason()));
        p.put(PREFIX + "resumesAt", new EntryParam.At(advice.resumesAt()));
        advice.params().forEach((k, v) -> p.put(PREFIX + "param." + k, v));
        for (int i = 0; i < advice.numbers().size(); i++) {
            HotlineNumber n = advice.numbers().get(i);
            p.put(PREFIX + "number." + (i + 1) + ".label", new EntryParam.Text(n.label()));
            p.put(PREFIX + "number." + (i + 1) + ".number", new EntryParam.Text(n.number()));
        }
        return p;
    }

    /** The advice carried by notification parameters, if any. */
    static Optional<HotlineAdvice> fromParams(Map<String, EntryParam> p) {
        if (!(p.get(PREFIX + "reason") instanceof EntryParam.Code reason)
                || !(p.get(PREFIX + "resumesAt") instanceof EntryParam.At resumes)) {
            return Optional.empty();
        }
        Map<String, EntryParam> params = new LinkedHashMap<>();
        String paramPrefix = PREFIX + "param.";
        p.forEach((k, v) -> {
            if (k.startsWith(paramPrefix)) {
                params.put(k.substring(paramPrefix.length()), v);
            }
        });
        List<HotlineNumber> numbers = new ArrayList<>();
        for (int i = 1;
                p.get(PREFIX + "number." + i + ".label") instanceof EntryParam.Text label
                        && p.get(PREFIX + "number." + i + ".number") instanceof EntryParam.Text number;
                i++) {
            numbers.add(new HotlineNumber(label.value(), number.value()));
        }
        if (numbers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new HotlineAdvice(HotlineAdvice.Reason.valueOf(reason.value()), params, resumes.value(), numbers));
    }
}
