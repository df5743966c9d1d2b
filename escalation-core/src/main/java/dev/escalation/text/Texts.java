package dev.escalation.text;

import dev.escalation.calendar.Explanation;
import dev.escalation.model.EntryParam;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.NotificationRequest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Renders the engine's structured data for a reader: timeline entries, notifications, hotline advice, deadline
 * explanations, refusals and the labels of codes, in the reader's language ({@link Locale}) and time zone. Texts
 * come from {@link TextSource}s the host configured, then the shipped bundles ({@code dev/escalation/text/texts*
 * .properties}: English, the root, and German), then English; never a key name. Instants read like
 * {@code "Tue 12 Jan 2027 13:00 CET"} / {@code "Di., 12. Jan. 2027, 13:00 MEZ"}; codes are shown by their labels
 * ({@code label.<group>.<NAME>}); entries of 0.1.0 ({@link ProgressKind#LEGACY_TEXT}) as stored. A value put into a
 * text (a name, a title, a person's text, an argument of {@link #text}) cannot reorder the text around it: its
 * bidirectional embeddings, overrides and isolates that are not paired within it (as the engine's free texts must
 * pair them, see {@code dev.escalation.command.SafeText}) are shown as U+FFFD; a value without them is shown as it is.
 *
 * <p>Get the engine's with {@code engine.texts()} (with the host's sources and the vendor's zone), or the shipped
 * texts alone with {@link #shipped()}. Immutable and thread-safe.
 *
 * <p>The parameters each entry kind is rendered from are documented on {@link ProgressKind}; the keys and the
 * arguments of each pattern in {@code texts.properties}.
 */
public final class Texts {
    private static final Texts SHIPPED = new Texts(List.of(), Optional.empty(), ArgumentRefusal.PLAIN);

    private final Catalog catalog;
    private final Optional<ZoneId> vendorZone;
    private final ArgumentRefusal refusal;
    private final EntryRenderer entries;
    private final HotlineRenderer hotline;
    private final NotificationRenderer notifications;
    private final ExplanationRenderer explanations;

    private Texts(List<TextSource> sources, Optional<ZoneId> vendorZone, ArgumentRefusal refusal) {
        this.catalog = new Catalog(sources);
        this.vendorZone = vendorZone;
        this.refusal = refusal;
        this.entries = new EntryRenderer(catalog);
        this.hotline = new HotlineRenderer(catalog);
        this.notifications = new NotificationRenderer(catalog, entries, hotline);
        this.explanations = new ExplanationRenderer(catalog);
    }

    /**
     * The shipped English and German texts, without host sources or a vendor zone.
     *
     * @return the shared instance
     */
    public static Texts shipped() {
        return SHIPPED;
    }

    /**
     * How a renderer refuses a bad argument (a null, an instant the zone cannot show, arguments that do not fit a
     * pattern): the engine's refuses like a command ({@code InvalidCommandException} with field and rule);
     * {@link #PLAIN} throws {@link NullPointerException} or {@link IllegalArgumentException}.
     */
    @FunctionalInterface
    public interface ArgumentRefusal {
        /** Plain Java exceptions. */
        ArgumentRefusal PLAIN = (field, rule, message) -> rule.equals("NotNull")
                ? new NullPointerException(field + " " + message)
                : new IllegalArgumentException(field + " " + message);

        /**
         * The exception for a bad argument.
         *
         * @param field   the argument, such as {@code "zone"}
         * @param rule    {@code "NotNull"}, {@code "Range"} or {@code "Type"} (arguments that do not fit a pattern)
         * @param message what is wrong
         * @return the exception to throw
         */
        RuntimeException refuse(String field, String rule, String message);
    }

    /**
     * Host texts in front of the shipped ones.
     *
     * @param vendorZone the vendor's zone: hotline advice shows when coverage resumes there (and in the reader's)
     * @param sources    the host's sources, asked in this order
     * @return the texts
     */
    public static Texts of(ZoneId vendorZone, List<TextSource> sources) {
        return of(vendorZone, sources, ArgumentRefusal.PLAIN);
    }

    /**
     * Host texts in front of the shipped ones, refusing bad arguments the given way (the engine's texts refuse them
     * like commands).
     *
     * @param vendorZone the vendor's zone
     * @param sources    the host's sources, asked in this order
     * @param refusal    how bad arguments are refused
     * @return the texts
     */
    public static Texts of(ZoneId vendorZone, List<TextSource> sources, ArgumentRefusal refusal) {
        java.util.Objects.requireNonNull(vendorZone, "vendorZone");
        java.util.Objects.requireNonNull(refusal, "refusal");
        sources.forEach(s -> java.util.Objects.requireNonNull(s, "source"));
        return new Texts(sources, Optional.of(vendorZone), refusal);
    }

    /**
     * A text by key, formatted with {@link java.text.MessageFormat} for the reader's locale.
     *
     * @param key    a key of {@code texts.properties} (or one of the host's)
     * @param locale the reader's locale
     * @param args   the pattern's arguments
     * @return the text; {@code "?"} if no source has the key
     * @throws TextPatternException if a host source's pattern for the key does not format
     */
    public String text(String key, Locale locale, Object... args) {
        String k = arg(key, "key");
        Locale l = arg(locale, "locale");
        Object[] a = arg(args, "args");
        try {
            return catalog.text(k, l, a);
        } catch (TextPatternException e) {
            throw e;
        } catch (IllegalArgumentException e) { // a shipped pattern formats: the arguments do not fit it ({0,number})
            throw refusal.refuse("args", "Type", "do not fit the pattern of the text");
        }
    }

    /**
     * The label of a code, such as {@code "critical"} / {@code "kritisch"} for {@code Criticality.CRITICAL}.
     *
     * @param code   an enum constant of the model (criticality, cause, channel, state, kinds, roles, actions, …)
     * @param locale the reader's locale
     * @return its label; a constant without one reads as its name's words in lower case
     */
    public String label(Enum<?> code, Locale locale) {
        return catalog.label(arg(code, "code"), arg(locale, "locale"));
    }

    /**
     * An instant in the reader's zone with the language's pattern ({@code format.at}).
     *
     * @param instant the instant
     * @param locale  the reader's locale
     * @param zone    the reader's zone
     * @return for example {@code "Tue 12 Jan 2027 13:00 CET"}
     */
    public String at(Instant instant, Locale locale, ZoneId zone) {
        Instant i = arg(instant, "instant");
        Locale l = arg(locale, "locale");
        ZoneId z = zone(zone);
        return rendered(() -> catalog.at(i, l, z), "instant");
    }

    /**
     * A duration in words with the language's plural rules: whole days, else whole hours, else minutes.
     *
     * @param duration the duration
     * @param locale   the reader's locale
     * @return for example {@code "1 day"}, {@code "2 Tage"}, {@code "90 minutes"}
     */
    public String duration(Duration duration, Locale locale) {
        return catalog.duration(arg(duration, "duration"), arg(locale, "locale"));
    }

    /**
     * A timeline entry as a sentence (the entry's free text appended after a colon).
     *
     * @param kind   the entry's kind
     * @param text   the free text a person wrote
     * @param params the kind's parameters (see {@link ProgressKind})
     * @param locale the reader's locale
     * @param zone   the reader's zone
     * @return for example {@code "Criticality high → critical: production is down"}
     */
    public String entry(
            ProgressKind kind, Optional<String> text, Map<String, EntryParam> params, Locale locale, ZoneId zone) {
        ProgressKind k = arg(kind, "kind");
        Optional<String> t = arg(text, "text");
        Map<String, EntryParam> p = arg(params, "params");
        Locale l = arg(locale, "locale");
        ZoneId z = zone(zone);
        return rendered(() -> entries.render(k, t, p, l, z), "params");
    }

    /**
     * A notification's subject and body for its recipient, as the engine sends it.
     *
     * <p>Parameters by kind (besides {@code state} and {@code criticality} (Code) that every notification to the
     * participants carries), public API like {@link ProgressKind}'s: {@code ESCALATION_RECEIVED} customer (Ref),
     * caseTitle (Text), cause (Code), text: the message; {@code ESCALATION_CONFIRMED} the advice as {@code hotline.*}
     * when given ({@code hotline.reason}, {@code hotline.resumesAt}, {@code hotline.param.<name>},
     * {@code hotline.number.<n>.label/number}); {@code MANAGER_APPOINTED} manager (Ref), managerName (Text), change
     * (Code: {@code ACKNOWLEDGED} or {@code MANAGER_REASSIGNED}), text: the note; {@code PLAN_AGREED} change (Code:
     * {@code PLAN_AGREED} or {@code PLAN_AMENDED}), frequency (Span), channel (Code), firstMeetingAt (At), text: the
     * reason of an amendment; {@code PROGRESS_UPDATE} entry (Code: the progress kind), text; {@code
     * CRITICALITY_CHANGED} from, to (Code), text: the justification; {@code LESSONS_LEARNED_INVITATION} at (At),
     * duration (Span); {@code LESSONS_LEARNED_CANCELLED} at (At), text: the reason for declining; {@code REMINDER}
     * and {@code DEADLINE_BREACHED} deadline (Code: a {@code DueKind}), step (Code), dueAt (At); the others: text.
     * A message queued by 0.1.0 (params {@code legacy=0.1.0}, {@code subject}) is sent as it was rendered then.
     *
     * <p>{@link Message#language()} is the language the body is written in, which is not always the recipient's: the
     * language of the source that had the pattern the body is made from (the kind's body text; for a kind whose body
     * is only the person's own text, its subject text). A shipped bundle's text is in that bundle's language
     * ({@code de}; English for the root a French reader falls back to); a host source's text is taken to be in the
     * reader's language (it answered for that reader), and a reader that names no language gets {@link Locale#ROOT}
     * then. A host source that has only some keys of a kind (its subject, not its body) can leave the subject in
     * another language than the body: the body decides, as it is what the reader reads. A 0.1.0 message:
     * {@link Locale#ROOT} (unknown).
     *
     * @param request the stored notification
     * @param locale  the recipient's locale
     * @param zone    the recipient's zone
     * @return subject, body and the language of the body
     */
    public Message notification(NotificationRequest request, Locale locale, ZoneId zone) {
        NotificationRequest r = arg(request, "request");
        Locale l = arg(locale, "locale");
        ZoneId reader = zone(zone);
        return rendered(() -> notifications.render(r, l, reader, vendorZone.orElse(reader)), "request");
    }

    /**
     * Hotline advice as a sentence: the reason with the holiday's name in the reader's language, when the advice was
     * given, when coverage resumes in the vendor's zone (and in the reader's, when it differs) and the numbers.
     *
     * @param advice the advice, as a receipt or view carries it
     * @param locale the reader's locale
     * @param zone   the reader's zone
     * @return for example {@code "Critical escalation raised at the weekend (Sat 16 Jan 2027 11:00 CET); coverage
     *     resumes Mon 18 Jan 2027 09:00 CET. Please call the hotline: Germany +49 …"}
     */
    public String hotline(HotlineAdvice advice, Locale locale, ZoneId zone) {
        ZoneId reader = zone(zone);
        return hotline(advice, locale, vendorZone.orElse(reader), reader);
    }

    /**
     * Hotline advice as a sentence, with the vendor's zone given.
     *
     * @param advice     the advice
     * @param locale     the reader's locale
     * @param vendorZone the vendor's zone (of the coverage calendar)
     * @param zone       the reader's zone
     * @return the sentence
     */
    public String hotline(HotlineAdvice advice, Locale locale, ZoneId vendorZone, ZoneId zone) {
        HotlineAdvice a = arg(advice, "advice");
        Locale l = arg(locale, "locale");
        ZoneId vendor = arg(vendorZone, "vendorZone");
        ZoneId reader = zone(zone);
        return rendered(() -> hotline.render(a, l, vendor, reader), "advice");
    }

    /**
     * A business-time explanation as one line.
     *
     * @param explanation the explanation
     * @param startLabel  what its start was: {@code "escalated"}, {@code "plan agreed"}, {@code "last meeting held"}
     *                    (translated) or any other text (shown as given)
     * @param locale      the reader's locale
     * @param zone        the reader's zone
     * @return the line
     */
    public String explanation(Explanation explanation, String startLabel, Locale locale, ZoneId zone) {
        Explanation e = arg(explanation, "explanation");
        String start = arg(startLabel, "startLabel");
        Locale l = arg(locale, "locale");
        ZoneId z = zone(zone);
        return rendered(() -> explanations.render(e, start, l, z), "explanation");
    }

    /**
     * Whether a source (the host's or a shipped bundle) has a key for the reader.
     *
     * @param key    the key
     * @param locale the reader's locale
     * @return {@code true} if {@link #text} finds a pattern
     */
    public boolean has(String key, Locale locale) {
        return catalog.has(arg(key, "key"), arg(locale, "locale"));
    }

    private ZoneId zone(@Nullable ZoneId zone) {
        return arg(zone, "zone");
    }

    /** A non-null argument; null is refused like a command's ({@code <field>.NotNull}). */
    private <T> T arg(@Nullable T value, String field) {
        if (value == null) {
            throw refusal.refuse(field, "NotNull", "must not be null");
        }
        return value;
    }

    /**
     * Renders with the host's answers of one rendering ({@link HostAnswers#during}); an instant the zone cannot show
     * (beyond year 999,999,999, or {@link Instant#MIN} in a zone west of UTC) is refused as {@code <field>.Range}.
     */
    private <T> T rendered(java.util.function.Supplier<T> rendering, String field) {
        try {
            return catalog.hosts.during(rendering);
        } catch (DateTimeException e) {
            throw refusal.refuse(field, "Range", "has an instant that cannot be shown in the zone");
        }
    }
}
