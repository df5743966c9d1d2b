package dev.escalation;

import dev.escalation.command.SafeId;
import dev.escalation.command.SafeText;
import dev.escalation.internal.validation.BidiModel;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Commands of any command record type with every component drawn from valid, boundary and hostile values, built by
 * reflection over the record's components (so a new component gets values without a change here). The maximum
 * lengths and the kind of text (free text, id, submission id, e-mail) are read from the component's field
 * annotations only to aim the boundaries; which values are valid is decided by the validator in the properties. Free
 * texts and names also get texts with bidirectional controls ({@link BidiModel}), balanced and not.
 */
final class CommandArbitraries {
    /** Unicode white space and invisible fillers, all blank for {@code SafeText}/{@code SafeId}. */
    private static final String BLANKS = " \t\n\r\u00A0\u1680\u2000\u2007\u200A\u2028\u2029\u202F\u205F\u3000"
            + "\u0085\u115F\u1160\u180E\u200B\u200C\u200D\u2060\u2800\u3164\uFEFF\uFFA0";
    /** Control characters (C0, DEL, C1), line breaks and tabs among them. */
    private static final String CONTROLS = controls();
    /**
     * Bidi embeddings, overrides, isolates and marks (format characters, category Cf); marks first and last, which
     * jqwik mixes in as edge cases (so they do not crowd out the valid commands: an unpaired control is invalid).
     */
    private static final String BIDI = "\u200E\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200F\u061C";
    /** Lone and paired surrogates, an emoji, letters of several scripts, e-mail and submission-id punctuation. */
    private static final String MIXED = "aZ09 _.:-@\"\\/\u00E4\u00DF\u4E2D\u0627\uD83D\uDE00\uD800\uDC00\uDBFF\uDFFF";

    private CommandArbitraries() {}

    private static String controls() {
        StringBuilder b = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            b.append(c);
        }
        for (char c = 0x7F; c <= 0x9F; c++) {
            b.append(c);
        }
        return b.toString();
    }

    /** Commands of {@code type}, through its canonical constructor. */
    static <T> Arbitrary<T> of(Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        List<Arbitrary<Object>> parts = new ArrayList<>();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            parts.add(component(type, components[i]));
        }
        Constructor<T> constructor = constructor(type, types);
        return Combinators.combine(parts).as(values -> create(constructor, values.toArray()));
    }

    /** A short, printable description of a command (texts can be very long and hold control characters). */
    static String describe(Object command) {
        StringBuilder b = new StringBuilder();
        command.toString().codePoints().limit(400).forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT || cp > 0x7E) {
                b.append(String.format("\\u%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.length() < command.toString().length()
                ? b + "... (" + command.toString().length() + " chars)"
                : b.toString();
    }

    private static <T> Constructor<T> constructor(Class<T> type, Class<?>[] types) {
        try {
            return type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T create(Constructor<T> constructor, Object[] values) {
        try {
            return constructor.newInstance(values);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Arbitrary<Object> component(Class<?> record, RecordComponent c) {
        Class<?> type = c.getType();
        Field field = field(record, c.getName());
        if (type == String.class) {
            return strings(field).map(s -> s);
        }
        if (type.isRecord() && type.getPackageName().equals("dev.escalation.model")) {
            return ids(type).injectNull(0.04);
        }
        if (type.isEnum()) {
            return Arbitraries.of((Object[]) type.getEnumConstants()).injectNull(0.05);
        }
        if (type == Instant.class) {
            return Arbitraries.<Object>of(
                            Instant.EPOCH,
                            Instant.parse("2030-01-01T00:00:00Z"),
                            Instant.parse("1999-12-31T23:59:59.999Z"),
                            Instant.MIN,
                            Instant.MAX)
                    .injectNull(0.05);
        }
        if (type == Duration.class) {
            return Arbitraries.<Object>of(
                            Duration.ZERO, Duration.ofDays(1), Duration.ofSeconds(-1), Duration.ofDays(100_000))
                    .injectNull(0.05);
        }
        if (type == int.class) {
            return Arbitraries.frequencyOf(
                            Tuple.of(8, Arbitraries.integers().between(-2, 52)),
                            Tuple.of(1, Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 49, 50)))
                    .map(i -> i);
        }
        if (type == Long.class) {
            // the expected version: mostly none, else valid, boundary and negative versions
            return Arbitraries.frequencyOf(
                            Tuple.of(4, Arbitraries.longs().between(1, 1_000)),
                            Tuple.of(2, Arbitraries.of(Long.MIN_VALUE, -1L, 0L, 1L, 2L, Long.MAX_VALUE)))
                    .map(l -> (Object) l)
                    .injectNull(0.3);
        }
        if (type == List.class) {
            Class<?> element = (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
            return lists(of(element)).injectNull(0.04);
        }
        throw new IllegalArgumentException("no values for " + record.getSimpleName() + "." + c.getName());
    }

    private static Field field(Class<?> record, String name) {
        try {
            return record.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lists of few elements (some null), or of 48 to 52 copies of one element (around {@code @Size(max = 50)}). */
    private static Arbitrary<Object> lists(Arbitrary<?> elements) {
        Arbitrary<Object> element = elements.map(e -> (Object) e).injectNull(0.03);
        Arbitrary<Object> few = element.list().ofMaxSize(4).map(l -> l);
        Arbitrary<Object> many = Combinators.combine(
                        element, Arbitraries.integers().between(48, 52))
                .as((e, n) -> Collections.nCopies(n, e));
        return Arbitraries.frequencyOf(Tuple.of(6, few), Tuple.of(2, many));
    }

    /** Typed ids (only those their constructor accepts, hostile ones among them), or null. */
    private static Arbitrary<Object> ids(Class<?> type) {
        Constructor<?> constructor = constructor(type, new Class<?>[] {String.class});
        Arbitrary<String> text =
                Arbitraries.frequencyOf(Tuple.of(3, idTexts(128)), Tuple.of(2, hostile(128, false, false)));
        return text.filter(s -> constructible(constructor, s)).map(s -> create(constructor, new Object[] {s}));
    }

    private static boolean constructible(Constructor<?> constructor, String s) {
        try {
            constructor.newInstance(s);
            return true;
        } catch (InvocationTargetException e) {
            return false;
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Texts for a string component: mostly valid ones of its kind, then boundary and hostile ones, then null. */
    private static Arbitrary<String> strings(Field field) {
        SafeText text = field.getAnnotation(SafeText.class);
        SafeId id = field.getAnnotation(SafeId.class);
        Size size = field.getAnnotation(Size.class);
        boolean pattern = field.isAnnotationPresent(Pattern.class);
        boolean email = field.isAnnotationPresent(Email.class);
        int max = text != null ? text.max() : id != null ? id.max() : size != null ? size.max() : 200;
        Arbitrary<String> valid;
        if (pattern) {
            valid = Arbitraries.oneOf(
                    Arbitraries.strings()
                            .withCharRange('a', 'z')
                            .withChars("AZ09_.:-")
                            .ofMinLength(1)
                            .ofMaxLength(max),
                    Arbitraries.just("S".repeat(max)));
        } else if (email) {
            valid = emails();
        } else if (id != null) {
            valid = idTexts(max);
        } else {
            // a name's valid texts are one line (the hostile ones have line breaks and tabs)
            boolean oneLine = text != null && text.singleLine();
            valid = Arbitraries.oneOf(
                    Arbitraries.strings()
                            .withCharRange('a', 'z')
                            .withChars((oneLine ? " " : " \n\t\r") + ".,\u00E4\u00DF\u4E2D\u00A0")
                            .ofMinLength(1)
                            .ofMaxLength(80)
                            .map(s -> "T" + s),
                    Arbitraries.of(
                            "x".repeat(max), "x".repeat(max - 2) + "\uD83D\uDE00", "abc\u202Edef\u202C\u2066g\u2069"));
        }
        // for the free texts and names: texts with bidi controls balanced (valid) and unbalanced (else valid), without
        // edge cases (the other kinds give enough of them)
        boolean plainText = !pattern && !email && id == null && text != null;
        Arbitrary<String> balanced = plainText
                ? BidiModel.balancedTexts(!text.singleLine())
                        .filter(s -> s.length() <= max)
                        .withoutEdgeCases()
                : valid;
        Arbitrary<String> unbalanced = plainText
                ? BidiModel.texts(!text.singleLine())
                        .filter(s -> s.length() <= max && !BidiModel.balanced(s))
                        .withoutEdgeCases()
                : valid;
        Arbitrary<String> boundary = Combinators.combine(
                        Arbitraries.of(Math.max(0, max - 1), max, max + 1), Arbitraries.of("x", "S", "\u00E4", "-"))
                .as((n, c) -> c.repeat(n));
        return Arbitraries.frequencyOf(
                        Tuple.of(20, valid),
                        Tuple.of(4, boundary),
                        Tuple.of(5, hostile(max, pattern, email)),
                        Tuple.of(3, balanced),
                        Tuple.of(1, unbalanced))
                .injectNull(0.04);
    }

    private static Arbitrary<String> idTexts(int max) {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .withChars("AZ09-_.@")
                        .ofMinLength(1)
                        .ofMaxLength(30),
                Arbitraries.of("e\u00E4\u4E2D", "x\uD83D\uDE00", "i".repeat(max), "j".repeat(max - 1)));
    }

    private static Arbitrary<String> emails() {
        return Arbitraries.oneOf(
                Combinators.combine(
                                Arbitraries.strings()
                                        .withCharRange('a', 'z')
                                        .ofMinLength(1)
                                        .ofMaxLength(20),
                                Arbitraries.strings()
                                        .withCharRange('a', 'z')
                                        .ofMinLength(1)
                                        .ofMaxLength(20))
                        .as((local, domain) -> local + "@" + domain + ".example"),
                Arbitraries.of(
                        "a@b.example",
                        "first.last+tag@sub.domain.example",
                        "a".repeat(64) + "@b.example",
                        "a@" + "b".repeat(63) + ".example",
                        "\u00E4@b.example"));
    }

    /** Boundary and hostile texts around a maximum length. */
    private static Arbitrary<String> hostile(int max, boolean pattern, boolean email) {
        Arbitrary<String> base =
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(0).ofMaxLength(20);
        Arbitrary<Integer> lengths = Arbitraries.of(Math.max(0, max - 1), max, max + 1);
        List<Arbitrary<String>> kinds = new ArrayList<>(List.of(
                Arbitraries.of("", " ", "\u00A0", "\u200B", "\u3000\uFEFF", "\u2800\u3164"),
                Arbitraries.strings().withChars(BLANKS).ofMinLength(1).ofMaxLength(8),
                Combinators.combine(lengths, Arbitraries.of("x", "\u202E", " ", "\u00E4"))
                        .as((n, c) -> c.repeat(n)),
                Combinators.combine(lengths, Arbitraries.of("\uD83D\uDE00", "\uD800"))
                        .as((n, c) -> "x".repeat(Math.max(0, n - 2)) + c),
                inject(base, Arbitraries.strings().withChars(CONTROLS).ofLength(1)),
                inject(
                        base,
                        Arbitraries.strings().withChars(BIDI).ofMinLength(1).ofMaxLength(3)),
                inject(base, Arbitraries.of("\uD800", "\uDC00", "\uDC00\uD800", "\uD83D\uDE00", "\uDBFF")),
                Arbitraries.strings()
                        .withChars(MIXED + BIDI + BLANKS)
                        .withChars(CONTROLS)
                        .ofMaxLength(40),
                Arbitraries.integers().between(10_000, 70_000).map("a"::repeat)));
        if (pattern) {
            kinds.add(Arbitraries.of("abc def", "a/b", "\u00E4", "a\nb", "a+b", "-", "."));
        }
        if (email) {
            kinds.add(Arbitraries.of(
                    "a@",
                    "@b.example",
                    "a@@b.example",
                    "a b@c.example",
                    "a".repeat(65) + "@b.example",
                    "a@" + "b".repeat(64) + ".example",
                    "a@b..example",
                    "\"q\"@b.example",
                    "a@[127.0.0.1]",
                    "a@b",
                    "a.@b.example"));
        }
        return Arbitraries.oneOf(kinds);
    }

    /** {@code base} with {@code inserted} at a random position. */
    private static Arbitrary<String> inject(Arbitrary<String> base, Arbitrary<String> inserted) {
        return Combinators.combine(base, inserted, Arbitraries.integers().between(0, 20))
                .as((b, i, at) -> b.substring(0, Math.min(at, b.length())) + i + b.substring(Math.min(at, b.length())));
    }
}
