package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.ActorRef;
import dev.escalation.model.EntryParam;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import dev.escalation.spi.StoredEntry;
import dev.escalation.text.Texts;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of an escalation's timeline as a reader sees it: structured, as stored. The parameters of each kind are
 * documented on {@link ProgressKind}; {@link #render(Locale, ZoneId)} turns the entry into a sentence in the reader's
 * language and zone (a portal may render the kind and parameters itself).
 *
 * @param sequence   1-based position in the escalation's log; timelines are paged by it
 * @param at         when it was recorded
 * @param kind       what it records
 * @param actor      who did it
 * @param visibility whether the customer may read it
 * @param text       the free text a person wrote, if any
 * @param params     the kind's parameters, in their stored order
 */
public record TimelineEntry(
        long sequence,
        Instant at,
        ProgressKind kind,
        ActorRef actor,
        Visibility visibility,
        Optional<String> text,
        Map<String, EntryParam> params) {

    /**
     * Validates and copies the components.
     *
     * @param sequence 1-based position in the escalation's log; timelines are paged by it
     * @param at when it was recorded
     * @param kind what it records
     * @param actor who did it
     * @param visibility whether the customer may read it
     * @param text the free text a person wrote, if any
     * @param params the kind's parameters, in their stored order
     * @throws NullPointerException if a component, key or value is null
     */
    public TimelineEntry {
        requireNonNull(at, "at");
        requireNonNull(kind, "kind");
        requireNonNull(actor, "actor");
        requireNonNull(visibility, "visibility");
        requireNonNull(text, "text");
        Map<String, EntryParam> copy =
                new LinkedHashMap<>(requireNonNull(params, "params").size() * 2);
        params.forEach((k, v) -> copy.put(requireNonNull(k, "params key"), requireNonNull(v, "params value")));
        params = Collections.unmodifiableMap(copy);
    }

    static TimelineEntry of(StoredEntry e) {
        return new TimelineEntry(e.sequence(), e.at(), e.kind(), e.actor(), e.visibility(), e.text(), e.params());
    }

    /**
     * The entry as an English sentence, with instants in UTC.
     *
     * @return for example {@code "Criticality high → critical: production is down"}
     */
    public String render() {
        return render(ZoneOffset.UTC);
    }

    /**
     * The entry as an English sentence, with instants in the reader's time zone.
     *
     * @param zone the reader's zone
     * @return the sentence
     */
    public String render(ZoneId zone) {
        return render(Locale.ENGLISH, zone);
    }

    /**
     * The entry as a sentence in the reader's language (shipped English and German texts; the engine's
     * {@code texts().entry(...)} adds the host's texts), with instants in the reader's time zone.
     *
     * @param locale the reader's language
     * @param zone   the reader's zone
     * @return for example {@code "Kritikalität hoch → kritisch: Produktion steht"}
     */
    public String render(Locale locale, ZoneId zone) {
        return Texts.shipped().entry(kind, text, params, locale, zone);
    }
}
