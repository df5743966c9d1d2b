package dev.escalation.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The compiled {@link Template} formats exactly as {@link MessageFormat} does (the fast path equals the slow one). */
class TemplateProperties {

    @Property(tries = 3000)
    void formatEqualsMessageFormat(
            @ForAll("patterns") String pattern, @ForAll("locales") Locale locale, @ForAll("args") List<Object> args) {
        Object[] a = args.toArray();
        MessageFormat slow;
        try {
            slow = new MessageFormat(pattern, locale);
        } catch (IllegalArgumentException e) {
            assertThatThrownBy(() -> Catalog.format(pattern, locale, a)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Template.compile(pattern, locale)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        String expected;
        try {
            expected = slow.format(a);
        } catch (IllegalArgumentException e) { // an argument its format type cannot take
            assertThatThrownBy(() -> Catalog.format(pattern, locale, a)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        assertThat(Catalog.format(pattern, locale, a)).isEqualTo(expected);
        Template t = Template.compile(pattern, locale);
        if (t != null) {
            String fast = t.format(a);
            if (fast != null) {
                assertThat(fast).isEqualTo(expected);
            }
        }
    }

    @Property(tries = 500)
    void simplePatternsCompile(@ForAll("simple") String pattern, @ForAll("locales") Locale locale) {
        assertThat(Template.compile(pattern, locale)).isNotNull();
    }

    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> fragment = Arbitraries.of(
                "a",
                "Esc ",
                "é",
                "日本",
                " ",
                ",",
                "'",
                "''",
                "'{'",
                "'}'",
                "'{0}'",
                "{0}",
                "{1}",
                "{2}",
                "{3}",
                "{",
                "}",
                "{0,number}",
                "{1,number,integer}",
                "{0,choice,0#none|1#one|1<many}",
                "{ 1 }",
                "{x}",
                "\u0000",
                "\n",
                "'quoted text'",
                "it''s",
                "{0}{0}",
                "%s",
                "\\");
        return fragment.list().ofMaxSize(8).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> simple() {
        Arbitrary<String> fragment = Arbitraries.of("a", "Esc ", "é", " ", "''", "'{'", "'}'", "{0}", "{1}", "{2}");
        return fragment.list().ofMaxSize(8).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<Locale> locales() {
        return Arbitraries.of(
                Locale.ENGLISH,
                Locale.GERMAN,
                Locale.FRENCH,
                Locale.ROOT,
                Locale.forLanguageTag("ar-EG"),
                Locale.forLanguageTag("hi-IN"),
                Locale.forLanguageTag("de-CH"));
    }

    @Provide
    Arbitrary<List<Object>> args() {
        Arbitrary<Object> arg = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(6).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.integers().between(-2000, 2000).map(i -> (Object) i),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.just(Duration.ofMinutes(90)),
                Arbitraries.just(new java.util.Date(0)),
                Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.just("x"))
                        .as((i, x) -> (Object) (x + i)));
        return arg.injectNull(0.1).list().ofMaxSize(4);
    }
}
