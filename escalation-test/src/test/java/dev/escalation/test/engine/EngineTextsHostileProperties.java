package dev.escalation.test.engine;

import static net.jqwik.api.ShrinkingMode.OFF;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.EscalationException;
import dev.escalation.calendar.Explanation;
import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.test.Scenario;
import dev.escalation.text.Texts;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Every public method of the engine's {@link Texts} ({@code engine.texts()}), which hosts call to render what the
 * engine returns and stores, called with hostile arguments: nulls, any locale (unusual calendars and digits), any
 * zone, instants and durations at the ends of their ranges, patterns' special characters in parameters, parameters of
 * the wrong type for their name. Each call either answers a text (never null) or refuses with an
 * {@link EscalationException}; nothing else escapes. Values built by the host or read from a store are as hostile
 * here as a command's input: a stored parameter may have been written by an older version or another adapter.
 *
 * <p>Shrinking is off: a failing sample is reported as generated, since shrinking samples that hold texts of
 * thousands of characters and nested parameter maps took minutes in one run.
 *
 * <p>Property methods are named after the method they call; {@link #everyPublicMethodOfTheEnginesTextsHasAProperty()}
 * keeps a new method from slipping through.
 */
class EngineTextsHostileProperties {
    private static final int TRIES = 300;
    /** How often a generated argument is null. */
    private static final double NULLS = 0.15;
    /** Parameter names the renderers read, and some they do not. */
    private static final List<String> NAMES = List.of(
            "state",
            "criticality",
            "text",
            "from",
            "to",
            "at",
            "duration",
            "dueAt",
            "step",
            "deadline",
            "manager",
            "managerName",
            "change",
            "frequency",
            "channel",
            "firstMeetingAt",
            "entry",
            "customer",
            "caseTitle",
            "cause",
            "intake",
            "recordedBy",
            "reason",
            "participant",
            "name",
            "kind",
            "legacy",
            "subject",
            "hotline.reason",
            "hotline.resumesAt",
            "hotline.param.holiday",
            "hotline.number.0.label",
            "hotline.number.0.number",
            "holiday",
            "closedFrom",
            "",
            "{0}",
            "x\u0000y");

    private final Scenario w = Cast.world();
    private final Texts texts = w.engine().texts();

    @Example
    void everyPublicMethodOfTheEnginesTextsHasAProperty() {
        Set<String> properties = new HashSet<>();
        for (Method m : EngineTextsHostileProperties.class.getDeclaredMethods()) {
            Property p = m.getAnnotation(Property.class);
            if (p != null) {
                properties.add(m.getName());
                assertThat(p.tries()).as(m.getName()).isGreaterThanOrEqualTo(TRIES);
            }
        }
        List<String> missing = new ArrayList<>();
        for (Method m : Texts.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())
                    && !Modifier.isStatic(m.getModifiers())
                    && !m.isSynthetic()
                    && !properties.contains(m.getName())) {
                missing.add(m.getName());
            }
        }
        assertThat(missing)
                .as("public methods of Texts without a hostile-input property")
                .isEmpty();
    }

    /** The cases the properties found, every time: an instant the reader's zone cannot show, in each renderer. */
    @Example
    void anInstantTheZoneCannotShowIsRefusedByEveryRenderer() {
        ZoneId west = ZoneId.of("Etc/GMT+12");
        Map<String, EntryParam> at = Map.of("at", new EntryParam.At(Instant.MIN));
        refusedAs(
                () -> texts.entry(ProgressKind.LESSONS_LEARNED_SCHEDULED, Optional.empty(), at, Locale.GERMAN, west),
                "params.Range");
        NotificationRequest reminder = new NotificationRequest(
                "k/1",
                EscalationId.of("E-1"),
                CaseId.of("CASE-1"),
                NotificationKind.LESSONS_LEARNED_INVITATION,
                Optional.empty(),
                new Party(Party.Kind.CONTACT, "ina", "Ina Example", "ina@example.com"),
                at,
                Optional.empty(),
                Optional.empty());
        refusedAs(() -> texts.notification(reminder, Locale.ENGLISH, west), "request.Range");
        Explanation explanation = new Explanation(Instant.MIN, Instant.EPOCH, west, Duration.ZERO, List.of());
        refusedAs(() -> texts.explanation(explanation, "escalated", Locale.ENGLISH, west), "explanation.Range");
        HotlineAdvice advice = new HotlineAdvice(
                HotlineAdvice.Reason.WEEKEND, Map.of(), Instant.MAX, List.of(new HotlineNumber("Germany", "+49 1")));
        refusedAs(() -> texts.hotline(advice, Locale.ENGLISH, ZoneOffset.MAX), "advice.Range");
        refusedAs(() -> texts.text("list.separator", Locale.ENGLISH, (Object[]) null), "args.NotNull");
    }

    /** A shipped pattern that formats a number, given an argument that is none: the caller's arguments are refused. */
    @Example
    void argumentsThatDoNotFitTheShippedPatternAreRefused() {
        refusedAs(() -> texts.text("duration.days", Locale.ENGLISH, "two"), "args.Type");
        refusedAs(() -> texts.text("duration.short.hours", Locale.GERMAN, new Object()), "args.Type");
        refusedAs(() -> texts.text("entry.IMPROVEMENT_ACTION_UPDATED", Locale.ENGLISH, "x", "done"), "args.Type");
        assertThat(texts.text("duration.days", Locale.ENGLISH, 2)).isEqualTo("2 days");
    }

    private static void refusedAs(Supplier<?> call, String code) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call::get)
                .isInstanceOfSatisfying(
                        dev.escalation.InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(dev.escalation.InvalidCommandException.Violation::code)
                                .containsExactly(code));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED, shrinking = OFF)
    void text(@ForAll("keys") String key, @ForAll("locales") Locale locale, @ForAll("args") Object[] args) {
        answers(() -> texts.text(key, locale, args));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED, shrinking = OFF)
    void has(@ForAll("keys") String key, @ForAll("locales") Locale locale) {
        answers(() -> texts.has(key, locale));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED, shrinking = OFF)
    void label(@ForAll("codes") Enum<?> code, @ForAll("locales") Locale locale) {
        answers(() -> texts.label(code, locale));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED, shrinking = OFF)
    void at(@ForAll("instants") Instant at, @ForAll("locales") Locale locale, @ForAll("zones") ZoneId zone) {
        answers(() -> texts.at(at, locale, zone));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED, shrinking = OFF)
    void duration(@ForAll("durations") Duration duration, @ForAll("locales") Locale locale) {
        answers(() -> texts.duration(duration, locale));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED, shrinking = OFF)
    void entry(
            @ForAll("progressKinds") ProgressKind kind,
            @ForAll("optionalTexts") Optional<String> text,
            @ForAll("params") Map<String, EntryParam> params,
            @ForAll("locales") Locale locale,
            @ForAll("zones") ZoneId zone) {
        answers(() -> texts.entry(kind, text, params, locale, zone));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED, shrinking = OFF)
    void notification(
            @ForAll("requests") NotificationRequest request,
            @ForAll("locales") Locale locale,
            @ForAll("zones") ZoneId zone) {
        answers(() -> {
            dev.escalation.text.Message m = texts.notification(request, locale, zone);
            assertThat(m.subject()).isNotNull();
            assertThat(m.body()).isNotNull();
            return m;
        });
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED, shrinking = OFF)
    void hotline(
            @ForAll("advice") HotlineAdvice advice,
            @ForAll("locales") Locale locale,
            @ForAll("zones") ZoneId vendorZone,
            @ForAll("zones") ZoneId zone,
            @ForAll boolean withVendorZone) {
        answers(() ->
                withVendorZone ? texts.hotline(advice, locale, vendorZone, zone) : texts.hotline(advice, locale, zone));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.MIXIN, generation = GenerationMode.RANDOMIZED, shrinking = OFF)
    void explanation(
            @ForAll("explanations") Explanation explanation,
            @ForAll("strings") String startLabel,
            @ForAll("locales") Locale locale,
            @ForAll("zones") ZoneId zone) {
        answers(() -> texts.explanation(explanation, startLabel, locale, zone));
    }

    /** The call answers something, or refuses with an EscalationException and nothing else. */
    private static void answers(Supplier<?> call) {
        Object answer;
        try {
            answer = call.get();
        } catch (EscalationException e) {
            Statistics.collect(
                    e instanceof dev.escalation.InvalidCommandException i
                            ? i.violations().get(0).code()
                            : e.code());
            return;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("only EscalationExceptions escape, but " + e, e);
        }
        Statistics.collect("answered");
        assertThat(answer).as("an answer").isNotNull();
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((String) null)),
                Tuple.of(
                        4,
                        Arbitraries.of(
                                "",
                                " ",
                                "{0}",
                                "{0,number}",
                                "{1,choice,0#a|1#b}",
                                "'",
                                "''{",
                                "}{",
                                "a\u0000b",
                                "\uD800",
                                "\u202Eevil",
                                "x".repeat(2_000),
                                "Ünïcödé ✓ 𝄞",
                                "<script>alert(1)</script>",
                                "%s%n%d",
                                "${jndi:ldap://x}")),
                Tuple.of(3, Arbitraries.strings().ofMaxLength(40)));
    }

    @Provide
    Arbitrary<Optional<String>> optionalTexts() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((Optional<String>) null)),
                Tuple.of(1, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(4, strings().filter(s -> s != null).map(Optional::of)));
    }

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> shipped = Arbitraries.of(
                "list.separator",
                "format.at",
                "format.duration.days",
                "hotline.reason.WEEKEND",
                "duration.days",
                "entry.IMPROVEMENT_ACTION_UPDATED",
                "notification.REMINDER.subject",
                "notification.REMINDER.body",
                "entry.ESCALATED",
                "refusal.INVALID_COMMAND");
        return Arbitraries.oneOf(shipped, strings());
    }

    @Provide
    Arbitrary<Object[]> args() {
        Arbitrary<Object> one = Arbitraries.oneOf(
                strings().map(s -> (Object) s),
                Arbitraries.of(
                        Long.MIN_VALUE,
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        -0.0,
                        Instant.MAX,
                        Instant.MIN,
                        new java.util.Date(Long.MAX_VALUE),
                        Criticality.CRITICAL,
                        new Object[] {"nested"},
                        java.math.BigDecimal.TEN.pow(400)),
                Arbitraries.longs().map(l -> (Object) l));
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((Object[]) null)),
                Tuple.of(6, one.injectNull(0.1).array(Object[].class).ofMaxSize(6)));
    }

    @Provide
    Arbitrary<Locale> locales() {
        return Arbitraries.of(
                        Locale.ROOT,
                        Locale.ENGLISH,
                        Locale.GERMAN,
                        Locale.GERMANY,
                        Locale.FRENCH,
                        Locale.forLanguageTag("de-CH"),
                        Locale.forLanguageTag("und"),
                        Locale.forLanguageTag("ar-EG-u-nu-arab"),
                        Locale.forLanguageTag("th-TH-u-ca-buddhist-nu-thai"),
                        Locale.forLanguageTag("ja-JP-u-ca-japanese"),
                        Locale.forLanguageTag("fa-IR-u-ca-persian"),
                        Locale.forLanguageTag("hi-IN-u-nu-deva"),
                        Locale.forLanguageTag("zz-ZZ"),
                        Locale.forLanguageTag("tr-TR"),
                        new Locale("de", "DE", "x".repeat(40)))
                .injectNull(NULLS);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(
                        ZoneOffset.UTC,
                        ZoneId.of("Europe/Berlin"),
                        ZoneOffset.MAX,
                        ZoneOffset.MIN,
                        ZoneId.of("Pacific/Kiritimati"),
                        ZoneId.of("America/St_Johns"),
                        ZoneId.of("Asia/Kathmandu"),
                        ZoneId.of("Etc/GMT+12"))
                .injectNull(NULLS);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return someInstant().injectNull(NULLS);
    }

    /** The ends of the range, the epoch, a DST switch, the years before 1 and after 9999, and any second between. */
    private Arbitrary<Instant> someInstant() {
        Arbitrary<Instant> edges = Arbitraries.of(
                Instant.MIN,
                Instant.MAX,
                Instant.EPOCH,
                Instant.parse("2027-03-28T01:00:00Z"),
                Instant.parse("-0001-01-01T00:00:00Z"),
                Instant.parse("+10000-01-01T00:00:00Z"));
        Arbitrary<Instant> any = Arbitraries.longs()
                .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                .map(Instant::ofEpochSecond);
        return Arbitraries.oneOf(edges, any);
    }

    /** Mostly instants every zone can show, so that most explanations get past their first step. */
    private Arbitrary<Instant> mostlyShowable() {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        30,
                        Arbitraries.longs()
                                .between(0, 4_102_444_800L) // 1970 to 2100
                                .map(Instant::ofEpochSecond)),
                Tuple.of(1, someInstant()));
    }

    @Provide
    Arbitrary<Duration> durations() {
        return someDuration().injectNull(NULLS);
    }

    /** Zero, a nanosecond, negative, the ends of the range, and any number of seconds. */
    private Arbitrary<Duration> someDuration() {
        Arbitrary<Duration> edges = Arbitraries.of(
                Duration.ZERO,
                Duration.ofNanos(1),
                Duration.ofSeconds(-1),
                Duration.ofMinutes(90),
                Duration.ofDays(1),
                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
                Duration.ofSeconds(Long.MIN_VALUE));
        return Arbitraries.oneOf(edges, Arbitraries.longs().map(Duration::ofSeconds));
    }

    @Provide
    Arbitrary<Enum<?>> codes() {
        List<Enum<?>> all = new ArrayList<>();
        for (Class<? extends Enum<?>> type : List.<Class<? extends Enum<?>>>of(
                Criticality.class,
                ProgressKind.class,
                NotificationKind.class,
                HotlineAdvice.Reason.class,
                dev.escalation.model.EscalationState.class,
                dev.escalation.model.Cause.class,
                dev.escalation.model.Channel.class,
                Explanation.StepKind.class,
                java.time.DayOfWeek.class,
                Thread.State.class)) {
            all.addAll(Arrays.asList(type.getEnumConstants()));
        }
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just((Enum<?>) null)), Tuple.of(8, Arbitraries.of(all)));
    }

    @Provide
    Arbitrary<ProgressKind> progressKinds() {
        return Arbitraries.of(ProgressKind.class).injectNull(0.05);
    }

    /** Any parameter value, of any type, whatever its name says. */
    private Arbitrary<EntryParam> values() {
        Arbitrary<String> text = strings().filter(s -> s != null);
        Arbitrary<String> code = Arbitraries.oneOf(
                codes().filter(c -> c != null).map(Enum::name),
                Arbitraries.of("ACKNOWLEDGED", "PLAN_AGREED", "NEXT_MEETING", "hotline", "weekend"),
                text);
        return Arbitraries.oneOf(
                text.map(EntryParam.Text::new),
                someInstant().map(EntryParam.At::new),
                someDuration().map(EntryParam.Span::new),
                code.map(EntryParam.Code::new),
                text.map(EntryParam.Ref::new),
                Arbitraries.longs().map(EntryParam.Count::new));
    }

    @Provide
    Arbitrary<Map<String, EntryParam>> params() {
        Arbitrary<Map<String, EntryParam>> some = Arbitraries.maps(
                        Arbitraries.oneOf(
                                Arbitraries.of(NAMES), Arbitraries.strings().ofMaxLength(12)),
                        values())
                .ofMaxSize(12)
                .map(LinkedHashMap::new);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((Map<String, EntryParam>) null)),
                Tuple.of(1, some.map(EngineTextsHostileProperties::withNullValue)),
                Tuple.of(8, some));
    }

    private static Map<String, EntryParam> withNullValue(Map<String, EntryParam> params) {
        Map<String, EntryParam> copy = new LinkedHashMap<>(params);
        copy.put("text", null);
        return copy;
    }

    @Provide
    Arbitrary<NotificationRequest> requests() {
        Arbitrary<Party> recipients = Arbitraries.of(
                new Party(Party.Kind.CONTACT, "ina", "Ina Example", "ina@example.com"),
                new Party(Party.Kind.STAFF, "eve", "Eve Example", "eve@vendor.example"),
                new Party(Party.Kind.EXTERNAL, "x", "{0} '", "x@example.com"));
        Arbitrary<NotificationRequest> built = Combinators.combine(
                        Arbitraries.of(NotificationKind.class),
                        recipients,
                        params().filter(p -> p != null && !p.containsValue(null)),
                        optionalTexts().filter(t -> t != null))
                .as((kind, recipient, params, text) -> new NotificationRequest(
                        "k/1",
                        EscalationId.of("E-1"),
                        CaseId.of("CASE-1"),
                        kind,
                        Optional.empty(),
                        recipient,
                        params,
                        text,
                        Optional.empty()));
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just((NotificationRequest) null)), Tuple.of(10, built));
    }

    @Provide
    Arbitrary<HotlineAdvice> advice() {
        Arbitrary<HotlineNumber> numbers = Arbitraries.of(
                new HotlineNumber("Germany", "+49 30 1234567"),
                new HotlineNumber("{0} ''", "+1 {1}"),
                new HotlineNumber("\u202E", "x".repeat(500)));
        Arbitrary<HotlineAdvice> built = Combinators.combine(
                        Arbitraries.of(HotlineAdvice.Reason.class),
                        params().filter(p -> p != null && !p.containsValue(null)),
                        someInstant(),
                        numbers.list().ofMinSize(1).ofMaxSize(3))
                .as(HotlineAdvice::new);
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just((HotlineAdvice) null)), Tuple.of(10, built));
    }

    @Provide
    Arbitrary<Explanation> explanations() {
        Arbitrary<Explanation.Step> steps = Combinators.combine(
                        Arbitraries.of(Explanation.StepKind.class),
                        mostlyShowable(),
                        mostlyShowable(),
                        strings().filter(s -> s != null),
                        someDuration())
                .as(Explanation.Step::new);
        Arbitrary<Explanation> built = Combinators.combine(
                        mostlyShowable(),
                        mostlyShowable(),
                        zones().filter(z -> z != null),
                        someDuration(),
                        steps.list().ofMaxSize(4))
                .as(Explanation::new);
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just((Explanation) null)), Tuple.of(10, built));
    }
}
