package dev.escalation.text;

import dev.escalation.model.EntryParam;
import dev.escalation.spi.internal.BidiControls;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The chain of texts: host sources first, then the shipped bundles of the reader's language, then English (the root
 * bundle). Formats patterns with {@link MessageFormat}, instants and durations per locale.
 */
final class Catalog {
    /** The host's sources, asked before the shipped bundles (once per key within a rendering). */
    final HostAnswers hosts;

    /** {@link #words}, made once (the memo calls it back). */
    private final java.util.function.BiFunction<Duration, Locale, String> words = this::words;

    Catalog(List<TextSource> hosts) {
        this.hosts = new HostAnswers(hosts);
    }

    /**
     * A text found, whether it came from the English root because nothing closer had it, and the language it is in: a
     * shipped bundle's ({@code de}, English for the root), or for a host source's the reader's language
     * (the source answered for that reader; {@link Locale#ROOT} if the reader names no language).
     */
    record Found(String pattern, boolean fromRoot, Locale language) {}

    /** A key for a reader's locale, in the shipped bundles' answers. */
    private record Lookup(String key, Locale locale) {}

    /** The shipped bundles' answer per key and reader locale (they never change); bounded. */
    private static final Map<Lookup, Optional<Found>> SHIPPED_FOUND = new ConcurrentHashMap<>();

    static final int MAX_CACHED = 20_000;

    /** Parsed message formats per pattern and locale, per thread (a {@link MessageFormat} is not thread-safe). */
    private static final ThreadLocal<Map<Lookup, MessageFormat>> FORMATS = ThreadLocal.withInitial(HashMap::new);

    private static final int MAX_FORMATS = 1_000;

    private static final Object[] NO_ARGS = new Object[0];

    Optional<Found> find(String key, Locale locale) {
        Optional<String> host = hosts.none() ? Optional.empty() : hosts.find(key, locale);
        if (host.isPresent()) { // a host's text is taken to be in the reader's language (it answered for them)
            return Optional.of(new Found(host.get(), false, Languages.spoken(locale)));
        }
        Lookup lookup = new Lookup(key, locale);
        Optional<Found> found = SHIPPED_FOUND.get(lookup);
        if (found == null) {
            found = findShipped(key, locale);
            if (SHIPPED_FOUND.size() < MAX_CACHED) {
                SHIPPED_FOUND.put(lookup, found);
            }
        }
        return found;
    }

    private static Optional<Found> findShipped(String key, Locale locale) {
        List<String> candidates = new ArrayList<>(3);
        if (!locale.getLanguage().isEmpty()) {
            if (!locale.getCountry().isEmpty()) {
                candidates.add(locale.getLanguage() + "_" + locale.getCountry());
            }
            candidates.add(locale.getLanguage());
        }
        for (String c : candidates) {
            Optional<ResourceBundle> b = ShippedBundles.of(c);
            if (b.isPresent() && b.get().containsKey(key)) {
                Locale in = c.indexOf('_') < 0 ? new Locale(c) : new Locale(locale.getLanguage(), locale.getCountry());
                return Optional.of(new Found(b.get().getString(key), false, in));
            }
        }
        return ShippedBundles.of("")
                .filter(b -> b.containsKey(key))
                .map(b -> new Found(b.getString(key), true, Locale.ENGLISH));
    }

    /** The language a key's text is in for a reader ({@link Found#language}); English if no source has it. */
    Locale language(String key, Locale reader) {
        return find(key, reader).map(Found::language).orElse(Locale.ENGLISH);
    }

    /**
     * The locale dates and numbers are formatted in: the reader's without its extensions, when texts of their language
     * exist (host or shipped), else English like the root texts. Without extensions: dates never take a numbering
     * system or calendar from the locale ({@code -u-nu-arab}, {@code -u-ca-japanese}), so numbers must not either.
     */
    Locale formatLocale(Locale reader) {
        return find("format.at", reader)
                .map(f -> f.fromRoot() ? Locale.ENGLISH : reader.stripExtensions())
                .orElse(Locale.ENGLISH);
    }

    /** The raw pattern of a key, or {@code fallback} if no source has it. */
    String raw(String key, Locale locale, String fallback) {
        return find(key, locale).map(Found::pattern).orElse(fallback);
    }

    /**
     * The formatted text of a key; a key no source has yields {@code "?"} (the completeness test rules it out). An
     * argument's unpaired bidirectional controls become U+FFFD ({@link BidiControls#neutralised(Object[])}): a value
     * (a directory's name, a person's text, a host's) cannot reorder the pattern's own text after it; a host pattern's
     * own unpaired controls too (the shipped patterns have none).
     */
    String text(String key, Locale locale, Object... arguments) {
        Object[] args = BidiControls.neutralised(arguments);
        Shipped t = shippedText(key, locale);
        if (t != null) {
            return t == Shipped.NONE ? "?" : t.format(args);
        }
        Optional<Found> f = find(key, locale);
        if (f.isEmpty()) {
            return "?";
        }
        // a host's pattern is the host's text: its own unpaired controls would reorder what follows it too
        return BidiControls.neutralised(
                TextPatternException.guard(key, locale, () -> format(f.get().pattern(), formatLocale(locale), args)));
    }

    /**
     * A shipped text ready to format: its pattern, compiled, in the locale it formats in ({@link #NONE} if no bundle
     * has the key). Only without host sources: their texts are asked at every rendering.
     */
    private record Shipped(String pattern, Locale formatLocale, Object compiled) {
        static final Shipped NONE = new Shipped("", Locale.ROOT, NOT_SIMPLE);

        String format(Object[] args) {
            if (compiled instanceof Template template) {
                String text = template.format(args);
                if (text != null) {
                    return text;
                }
            }
            return messageFormat(pattern, formatLocale, args);
        }
    }

    /**
     * {@link #find} and {@link #formatLocale} of the shipped bundles, decided once per key and locale (per locale,
     * then per key: no key object per look-up); bounded.
     */
    private static final Map<Locale, Map<String, Shipped>> SHIPPED_TEXTS = new ConcurrentHashMap<>();

    /** The shipped text of a key, or {@code null} if host sources are configured. */
    private @Nullable Shipped shippedText(String key, Locale locale) {
        if (!hosts.none()) {
            return null;
        }
        Map<String, Shipped> texts = TextMemo.of(SHIPPED_TEXTS, locale);
        Shipped t = texts.get(key);
        if (t == null) {
            Optional<Found> f = find(key, locale);
            if (f.isEmpty()) {
                t = Shipped.NONE;
            } else {
                Locale formatLocale = formatLocale(locale);
                String pattern = f.get().pattern();
                t = new Shipped(pattern, formatLocale, compiled(pattern, formatLocale));
            }
            if (texts.size() < MAX_CACHED) {
                texts.put(key, t);
            }
        }
        return t;
    }

    /** Compiled patterns per pattern and locale (immutable, shared; {@link #NOT_SIMPLE} for format types); bounded. */
    private static final Map<Lookup, Object> TEMPLATES = new ConcurrentHashMap<>();

    private static final Object NOT_SIMPLE = new Object();

    /**
     * {@code new MessageFormat(pattern, locale).format(args)}: a compiled {@link Template} for patterns without format
     * types, else the parsed pattern reused by this thread.
     */
    static String format(String pattern, Locale locale, Object[] args) {
        if (compiled(pattern, locale) instanceof Template template) {
            String text = template.format(args);
            if (text != null) {
                return text;
            }
        }
        return messageFormat(pattern, locale, args);
    }

    /** The {@link Template} of a pattern, or {@link #NOT_SIMPLE}. */
    private static Object compiled(String pattern, Locale locale) {
        Lookup key = new Lookup(pattern, locale);
        Object t = TEMPLATES.get(key);
        if (t == null) {
            Template compiled;
            try {
                compiled = Template.compile(pattern, locale);
            } catch (IllegalArgumentException e) {
                compiled = null; // MessageFormat reports it when asked to format (a date pattern never is)
            }
            t = compiled == null ? NOT_SIMPLE : compiled;
            if (TEMPLATES.size() < MAX_CACHED) {
                TEMPLATES.put(key, t);
            }
        }
        return t;
    }

    /** {@code new MessageFormat(pattern, locale).format(args)}, with the parsed pattern reused by this thread. */
    static String messageFormat(String pattern, Locale locale, Object[] args) {
        Map<Lookup, MessageFormat> formats = FORMATS.get();
        Lookup lookup = new Lookup(pattern, locale);
        MessageFormat format = formats.get(lookup);
        if (format == null) {
            format = new MessageFormat(pattern, locale);
            if (formats.size() >= MAX_FORMATS) {
                formats.clear();
            }
            formats.put(lookup, format);
        }
        return format.format(args);
    }

    boolean has(String key, Locale locale) {
        return find(key, locale).isPresent();
    }

    /** A code's label, such as {@code label.criticality.HIGH}; an unknown code reads as its words in lower case. */
    String label(String group, String code, Locale locale) {
        if (!hosts.none()) {
            return keyedLabel(group, code, locale);
        }
        Map<String, String> codes = TextMemo.codes(locale, group);
        String label = codes == null ? null : codes.get(code);
        if (label == null) {
            label = keyedLabel(group, code, locale);
            if (codes != null) {
                TextMemo.keep(codes, code, label);
            }
        }
        return label;
    }

    private String keyedLabel(String group, String code, Locale locale) {
        String key = "label." + group + "." + code;
        Shipped t = shippedText(key, locale);
        if (t != null) {
            return t == Shipped.NONE ? code.toLowerCase(Locale.ROOT).replace('_', ' ') : t.format(NO_ARGS);
        }
        Optional<Found> f = find(key, locale);
        if (f.isEmpty()) {
            return code.toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return TextPatternException.guard(key, locale, () -> format(f.get().pattern(), formatLocale(locale), NO_ARGS));
    }

    String label(Enum<?> constant, Locale locale) {
        return label(Labels.group(constant), constant.name(), locale);
    }

    String at(Instant instant, Locale locale, ZoneId zone) {
        return TextMemo.at(dates("format.at", "EEE d MMM yyyy HH:mm z", locale), instant, zone);
    }

    /** The formatter of a key's pattern (host or shipped, else {@code fallback}), with its compiled form. */
    private Dates dates(String key, String fallback, Locale locale) {
        Shipped t = shippedText(key, locale);
        if (t != null && t != Shipped.NONE) {
            return Dates.of(t.pattern(), t.formatLocale());
        }
        return TextPatternException.guard(
                key, locale, () -> Dates.of(raw(key, locale, fallback), formatLocale(locale)));
    }

    DateTimeFormatter formatter(String key, String fallback, Locale locale) {
        return dates(key, fallback, locale).formatter();
    }

    /** {@code DateTimeFormatter.ofPattern(pattern, locale)}, shared. */
    static DateTimeFormatter formatter(String pattern, Locale locale) {
        return Dates.of(pattern, locale).formatter();
    }

    /** A duration in words: whole days, else whole hours, else minutes ({@code "1 day"}, {@code "90 minutes"}). */
    String duration(Duration d, Locale locale) {
        return hosts.none() ? TextMemo.duration(d, locale, words) : words(d, locale);
    }

    private String words(Duration d, Locale locale) {
        if (!d.isZero() && d.toSeconds() % (24 * 3600) == 0) {
            return text("duration.days", locale, d.toDays());
        }
        if (!d.isZero() && d.toSeconds() % 3600 == 0) {
            return text("duration.hours", locale, d.toHours());
        }
        return text("duration.minutes", locale, d.toMinutes());
    }

    /** A business-time amount as in explanations: {@code "3 h 30 min"}, {@code "45 s"}. */
    String shortDuration(Duration d, Locale locale) {
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        List<String> parts = new ArrayList<>(3);
        if (h > 0) {
            parts.add(text("duration.short.hours", locale, h));
        }
        if (m > 0) {
            parts.add(text("duration.short.minutes", locale, m));
        }
        if (s > 0) {
            parts.add(text("duration.short.seconds", locale, s));
        }
        if (parts.isEmpty()) {
            parts.add(text("duration.short.minutes", locale, 0));
        }
        return String.join(" ", parts);
    }

    /** {@code "a, b and c"} in the reader's language. */
    String list(List<String> items, Locale locale) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        String sep = text("list.separator", locale);
        return text(
                "list.pair", locale, String.join(sep, items.subList(0, items.size() - 1)), items.get(items.size() - 1));
    }

    // ------------------------------------------------------------------ parameters

    String atParam(Map<String, EntryParam> p, String name, Locale locale, ZoneId zone) {
        return p.get(name) instanceof EntryParam.At a ? at(a.value(), locale, zone) : missing(locale);
    }

    String spanParam(Map<String, EntryParam> p, String name, Locale locale) {
        return p.get(name) instanceof EntryParam.Span s ? duration(s.value(), locale) : missing(locale);
    }

    String codeParam(Map<String, EntryParam> p, String name, String group, Locale locale) {
        return p.get(name) instanceof EntryParam.Code c ? label(group, c.value(), locale) : missing(locale);
    }

    static String code(Map<String, EntryParam> p, String name) {
        return p.get(name) instanceof EntryParam.Code c ? c.value() : "";
    }

    static long count(Map<String, EntryParam> p, String name) {
        return p.get(name) instanceof EntryParam.Count c ? c.value() : 0;
    }

    /** A parameter's value as stored: texts (names), ids. */
    String value(Map<String, EntryParam> p, String name, Locale locale) {
        EntryParam v = p.get(name);
        if (v instanceof EntryParam.Text t) {
            return t.value();
        }
        if (v instanceof EntryParam.Ref r) {
            return r.value();
        }
        if (v instanceof EntryParam.Code c) {
            return c.value();
        }
        if (v instanceof EntryParam.Count c) {
            return Long.toString(c.value());
        }
        return missing(locale);
    }

    String missing(Locale locale) {
        return raw("text.missing", locale, "?");
    }
}
