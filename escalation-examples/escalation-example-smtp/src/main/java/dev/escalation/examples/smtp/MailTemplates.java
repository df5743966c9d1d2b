package dev.escalation.examples.smtp;

import static java.util.Objects.requireNonNull;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import dev.escalation.model.EntryParam;
import dev.escalation.model.NotificationKind;
import dev.escalation.spi.Notification;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The Mustache templates {@link SmtpNotifier} renders a mail from: a subject, a plain-text part and an HTML part per
 * {@link NotificationKind} and language, and for the lessons-learned invitation and its cancellation the calendar
 * event's {@code SUMMARY} and {@code DESCRIPTION}. Shipped in English and German; a host puts its own sources in
 * front of the shipped ones ({@link Builder#directory}, {@link Builder#classPath}) to override single templates or
 * add a language.
 *
 * <p><b>Names.</b> A template is found at {@code <language tag>/<kind>.<part>.mustache} below a source, with
 * {@code <kind>} the kind's name in lower case ({@code escalation_confirmed}) and {@code <part>} one of
 * {@code subject}, {@code text}, {@code html}, {@code ics-summary}, {@code ics-description}. The recipient's locale is
 * tried as {@code de-CH}, then {@code de}, then {@code en}; per language the kind's own template, then
 * {@code default} (which the shipped sources define as the engine's rendered subject and body); per name every host
 * source in the order added, then the shipped one. Labels of codes (criticality, cause, deadlines, …) and units come
 * from {@code <language tag>/labels.properties}, looked up the same way, and so is the pattern instants are written
 * with ({@code format.at}, a {@link DateTimeFormatter} pattern).
 *
 * <p><b>Model.</b> {@code escalation}, {@code caseId}, {@code kind}, {@code recipient} (display name), {@code subject}
 * and {@code body} (as the engine rendered them), {@code textLang} (the language tag of that subject and body,
 * {@link Notification#textLocale()}, empty if unknown: put it on the element that shows them, as {@code default.html}
 * does, since it can differ from {@code lang}), {@code text} (a person's free text, absent if none), {@code lang},
 * {@code p.<name>} each parameter formatted for the reader (instants in the recipient's zone and language, durations
 * in words, codes by their label), and {@code hotline} for a confirmation with hotline advice ({@code reason},
 * {@code resumesAt}, {@code holiday}, {@code numbers} with {@code label} and {@code number}). Dotted parameter names
 * ({@code hotline.reason}) are nested ({@code p.hotline.reason}).
 *
 * <p><b>Escaping.</b> The HTML part escapes every {@code {{value}}} (HTML-escaping is Mustache's default); subject,
 * text part and calendar texts are plain text and not escaped. Never use {@code {{{triple}}}} braces in an HTML
 * template for a value that holds a person's words.
 *
 * <p>Thread-safe; compiled templates are cached per source and name (change a template, restart the notifier).
 */
public final class MailTemplates {
    /** The class-path prefix of the shipped templates. */
    public static final String SHIPPED = "dev/escalation/examples/smtp/templates";

    private static final String DEFAULT_KIND = "default";

    private final List<Source> sources;
    private final MustacheFactory html = new DefaultMustacheFactory();
    private final MustacheFactory plain = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private final Map<String, Optional<Mustache>> compiled = new ConcurrentHashMap<>();
    private final Map<String, Properties> labels = new ConcurrentHashMap<>();

    private MailTemplates(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * The shipped English and German templates only.
     *
     * @return the templates
     */
    public static MailTemplates shipped() {
        return builder().build();
    }

    /**
     * Starts a builder for host templates in front of the shipped ones.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A mail rendered for one notification; {@code language} is the language it is written in (a language tag): the
     * recipient's locale where its language has a template, else the language of the template that stood in.
     */
    record Rendered(
            String subject,
            String text,
            String html,
            Optional<String> icsSummary,
            Optional<String> icsDescription,
            String language) {}

    /** Renders the mail of one notification for its recipient's language and zone. */
    Rendered render(Notification n) {
        List<String> languages = languages(n.locale());
        String kind = n.kind().name().toLowerCase(Locale.ROOT);
        String language = language(kind, languages, n.locale());
        Map<String, Object> model = model(n, languages, language);
        String subject = render(kind, "subject", languages, model, plain)
                .orElse(n.subject())
                .strip()
                .replaceAll("\\s*\\R\\s*", " ");
        String text = render(kind, "text", languages, model, plain).orElse(n.body());
        String body = render(kind, "html", languages, model, html)
                .orElseThrow(() -> new IllegalStateException("no HTML template for " + kind + " (not even default)"));
        return new Rendered(
                subject,
                text,
                body,
                render(kind, "ics-summary", languages, model, plain)
                        .map(s -> s.strip().replaceAll("\\s*\\R\\s*", " ")),
                render(kind, "ics-description", languages, model, plain).map(String::strip),
                language);
    }

    /**
     * The language the HTML part is written in, as the {@code html} element's {@code lang} and the mail's
     * {@code Content-Language} name it: the recipient's locale ({@code de-DE}) when the template found is of its
     * language, else that template's language ({@code en} for a French reader without French templates).
     */
    private String language(String kind, List<String> languages, Locale locale) {
        for (String language : languages) {
            for (String k : List.of(kind, DEFAULT_KIND)) {
                String name = language + "/" + k + ".html.mustache";
                for (int i = 0; i < sources.size(); i++) {
                    if (compiled(i, name, html).isPresent()) {
                        boolean readers =
                                Locale.forLanguageTag(language).getLanguage().equals(locale.getLanguage());
                        return readers ? languages.get(0) : language;
                    }
                }
            }
        }
        return languages.get(0);
    }

    /** {@code de-CH} → [de-CH, de, en]. */
    private static List<String> languages(Locale locale) {
        List<String> tags = new ArrayList<>();
        if (!locale.getCountry().isEmpty()) {
            tags.add(locale.getLanguage() + "-" + locale.getCountry());
        }
        if (!locale.getLanguage().isEmpty()) {
            tags.add(locale.getLanguage());
        }
        if (!tags.contains("en")) {
            tags.add("en");
        }
        return tags;
    }

    private Optional<String> render(
            String kind, String part, List<String> languages, Map<String, Object> model, MustacheFactory factory) {
        for (String language : languages) {
            for (String k : List.of(kind, DEFAULT_KIND)) {
                String name = language + "/" + k + "." + part + ".mustache";
                for (int i = 0; i < sources.size(); i++) {
                    Optional<Mustache> m = compiled(i, name, factory);
                    if (m.isPresent()) {
                        StringWriter out = new StringWriter();
                        m.get().execute(out, model);
                        return Optional.of(out.toString());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Mustache> compiled(int source, String name, MustacheFactory factory) {
        String key = source + ":" + (factory == html ? "html:" : "plain:") + name;
        return compiled.computeIfAbsent(
                key, k -> sources.get(source).read(name).map(t -> factory.compile(new StringReader(t), name)));
    }

    // ------------------------------------------------------------------ the model

    private Map<String, Object> model(Notification n, List<String> languages, String language) {
        Locale locale = n.locale();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("escalation", n.escalation().value());
        m.put("caseId", n.caseId().value());
        m.put("kind", n.kind().name());
        m.put("recipient", n.recipient().displayName());
        m.put("subject", n.subject());
        m.put("body", n.body());
        n.text().filter(t -> !t.isEmpty()).ifPresent(t -> m.put("text", t));
        m.put("lang", language);
        // the language of the engine's subject and body, which a template may show (default.*): "" if unknown
        m.put(
                "textLang",
                n.textLocale().getLanguage().isEmpty() ? "" : n.textLocale().toLanguageTag());
        Map<String, Object> p = new LinkedHashMap<>();
        n.params().forEach((name, value) -> put(p, name, format(name, value, locale, n.zone(), languages)));
        m.put("p", p);
        hotline(n.params(), locale, n.zone(), languages).ifPresent(h -> m.put("hotline", h));
        return m;
    }

    /** Puts {@code a.b.c} as nested maps; a name that is both a value and a prefix keeps the value. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> p, String name, String value) {
        String[] parts = name.split("\\.");
        Map<String, Object> at = p;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = at.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
            if (!(next instanceof Map)) {
                return;
            }
            at = (Map<String, Object>) next;
        }
        at.putIfAbsent(parts[parts.length - 1], value);
    }

    private String format(String name, EntryParam value, Locale locale, ZoneId zone, List<String> languages) {
        if (value instanceof EntryParam.At at) {
            return at(at.value(), locale, zone, languages);
        } else if (value instanceof EntryParam.Span span) {
            return duration(span.value(), languages);
        } else if (value instanceof EntryParam.Code code) {
            String simple = name.substring(name.lastIndexOf('.') + 1);
            return label(simple + "." + code.value(), languages)
                    .or(() -> label(code.value(), languages))
                    .orElse(code.value());
        } else if (value instanceof EntryParam.Count count) {
            return Long.toString(count.value());
        } else if (value instanceof EntryParam.Text text) {
            return text.value();
        }
        return ((EntryParam.Ref) value).value();
    }

    /**
     * An instant in the reader's zone, with the pattern of label {@code format.at} (a DateTimeFormatter pattern) in the
     * language that pattern came from: the reader's, or English for a language without labels (as the templates fall
     * back to English, so do their dates: "Wed 3 Feb 2027", not "mer. 3 févr. 2027", in an English mail).
     */
    private String at(java.time.Instant instant, Locale locale, ZoneId zone, List<String> languages) {
        for (String language : languages) {
            Optional<String> pattern = label("format.at", List.of(language));
            if (pattern.isPresent()) {
                Locale in = language.equals("en") && !locale.getLanguage().equals("en") ? Locale.ENGLISH : locale;
                return DateTimeFormatter.ofPattern(pattern.get(), in).format(instant.atZone(zone));
            }
        }
        return DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm z", Locale.ENGLISH)
                .format(instant.atZone(zone));
    }

    /** {@code 1 day}/{@code 2 days}, {@code 1 Tag}/{@code 2 Tage}: labels {@code unit.day.one}, {@code unit.day.other}. */
    private String duration(Duration d, List<String> languages) {
        long amount;
        String unit;
        if (!d.isZero() && d.toSeconds() % 86_400 == 0) {
            amount = d.toDays();
            unit = "day";
        } else if (!d.isZero() && d.toSeconds() % 3_600 == 0) {
            amount = d.toHours();
            unit = "hour";
        } else {
            amount = d.toMinutes();
            unit = "minute";
        }
        String key = "unit." + unit + (amount == 1 ? ".one" : ".other");
        return amount + " " + label(key, languages).orElse(unit + (amount == 1 ? "" : "s"));
    }

    private Optional<Map<String, Object>> hotline(
            Map<String, EntryParam> params, Locale locale, ZoneId zone, List<String> languages) {
        if (!(params.get("hotline.reason") instanceof EntryParam.Code reason)
                || !(params.get("hotline.resumesAt") instanceof EntryParam.At resumes)) {
            return Optional.empty();
        }
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("reason", label("hotline." + reason.value(), languages).orElse(reason.value()));
        h.put("resumesAt", at(resumes.value(), locale, zone, languages));
        holidayName(params, languages).ifPresent(name -> h.put("holiday", name));
        List<Map<String, String>> numbers = new ArrayList<>();
        for (int i = 1;
                params.get("hotline.number." + i + ".label") instanceof EntryParam.Text label
                        && params.get("hotline.number." + i + ".number") instanceof EntryParam.Text number;
                i++) {
            numbers.add(Map.of("label", label.value(), "number", number.value()));
        }
        h.put("numbers", numbers);
        return Optional.of(h);
    }

    /**
     * The holiday's name in the mail's language: {@code hotline.param.holidayName.<language>} for the first of the
     * languages tried that the calendar named it in ({@code de-DE}, {@code de}, {@code en}), else
     * {@code hotline.param.holidayName}.
     */
    private static Optional<String> holidayName(Map<String, EntryParam> params, List<String> languages) {
        for (String language : languages) {
            if (params.get("hotline.param.holidayName." + language) instanceof EntryParam.Text name) {
                return Optional.of(name.value());
            }
        }
        return params.get("hotline.param.holidayName") instanceof EntryParam.Text name
                ? Optional.of(name.value())
                : Optional.empty();
    }

    private Optional<String> label(String key, List<String> languages) {
        for (String language : languages) {
            for (int i = 0; i < sources.size(); i++) {
                int source = i;
                Properties p = labels.computeIfAbsent(source + ":" + language, k -> {
                    Properties loaded = new Properties();
                    sources.get(source).read(language + "/labels.properties").ifPresent(text -> {
                        try {
                            loaded.load(new StringReader(text));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    return loaded;
                });
                String value = p.getProperty(key);
                if (value != null) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ sources

    /** Where templates are read from. */
    private interface Source {
        Optional<String> read(String name);
    }

    private static Source directory(Path root) {
        return name -> {
            Path file = root.resolve(name).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read template " + name, e);
            }
        };
    }

    private static Source classPath(ClassLoader loader, String prefix) {
        return name -> {
            try (@Nullable InputStream in = loader.getResourceAsStream(prefix + "/" + name)) {
                return in == null
                        ? Optional.empty()
                        : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read template " + name, e);
            }
        };
    }

    /**
     * Host template sources, searched in the order added and before the shipped templates. Not thread-safe;
     * {@link #build()} copies the sources.
     */
    public static final class Builder {
        private final List<Source> sources = new ArrayList<>();

        private Builder() {}

        /**
         * Templates in a directory ({@code <dir>/de/escalation_confirmed.html.mustache},
         * {@code <dir>/de/labels.properties}). Files are read when first needed and then cached.
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder directory(Path directory) {
            sources.add(MailTemplates.directory(
                    requireNonNull(directory, "directory").toAbsolutePath().normalize()));
            return this;
        }

        /**
         * Templates on the class path below {@code prefix} ({@code <prefix>/de/escalation_confirmed.html.mustache}).
         *
         * @param loader the class loader to read them with
         * @param prefix the resource path prefix, without leading or trailing slash ({@code com/vendor/mail})
         * @return this builder
         */
        public Builder classPath(ClassLoader loader, String prefix) {
            requireNonNull(loader, "loader");
            requireNonNull(prefix, "prefix");
            String p = prefix.replaceAll("^/+|/+$", "");
            sources.add(MailTemplates.classPath(loader, p));
            return this;
        }

        /**
         * The templates: the host sources, then the shipped ones.
         *
         * @return the templates
         */
        public MailTemplates build() {
            List<Source> all = new ArrayList<>(sources);
            all.add(MailTemplates.classPath(MailTemplates.class.getClassLoader(), SHIPPED));
            return new MailTemplates(all);
        }
    }
}
