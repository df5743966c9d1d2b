package dev.escalation.text;

import dev.escalation.model.EntryParam;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Hotline advice as a sentence: {@code hotline.<REASON>} inside {@code hotline.advice}. */
final class HotlineRenderer {
    /** The prefix of the advice's parameters in a confirmation notification. */
    static final String PREFIX = "hotline.";

    private final Catalog c;

    HotlineRenderer(Catalog c) {
        this.c = c;
    }

    String render(HotlineAdvice advice, Locale l, ZoneId vendorZone, ZoneId readerZone) {
        Map<String, EntryParam> p = advice.params();
        String raised = p.get("raisedAt") instanceof EntryParam.At a ? c.at(a.value(), l, readerZone) : c.missing(l);
        String why = c.text("hotline." + advice.reason().name(), l, raised, holidayName(p, l));
        String resumes = c.at(advice.resumesAt(), l, vendorZone);
        if (!vendorZone.normalized().equals(readerZone.normalized())) {
            resumes = c.text("hotline.resumes.twoZones", l, resumes, c.at(advice.resumesAt(), l, readerZone));
        }
        List<String> numbers = new ArrayList<>();
        for (HotlineNumber n : advice.numbers()) {
            numbers.add(c.text("hotline.number", l, n.label(), n.number()));
        }
        return c.text("hotline.advice", l, why, resumes, String.join(c.text("list.separator", l), numbers));
    }

    /**
     * The holiday's name in the reader's language: the parameter {@code holidayName.<language>} (such as
     * {@code holidayName.de}) if the calendar named it in that language, else {@code holidayName}.
     */
    private String holidayName(Map<String, EntryParam> p, Locale l) {
        if (p.get("holidayName." + l.toLanguageTag()) instanceof EntryParam.Text exact) {
            return exact.value();
        }
        if (p.get("holidayName." + l.getLanguage()) instanceof EntryParam.Text t) {
            return t.value();
        }
        return p.get("holidayName") instanceof EntryParam.Text t ? t.value() : "";
    }

    /** The advice carried by a confirmation notification's parameters {@code hotline.*}, if any. */
    static Optional<HotlineAdvice> fromParams(Map<String, EntryParam> p) {
        if (!(p.get(PREFIX + "reason") instanceof EntryParam.Code reason)
                || !(p.get(PREFIX + "resumesAt") instanceof EntryParam.At resumes)) {
            return Optional.empty();
        }
        HotlineAdvice.Reason why;
        try {
            why = HotlineAdvice.Reason.valueOf(reason.value());
        } catch (IllegalArgumentException e) {
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
        return Optional.of(new HotlineAdvice(why, params, resumes.value(), numbers));
    }
}
