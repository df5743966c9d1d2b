package dev.escalation.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped bundles are complete: English (root) and German have the same keys, every pattern parses, both use
 * the same argument indexes per key, and every constant of every labelled enum has a label in both; no pattern has
 * an unpaired bidirectional control.
 */
class BundleCompletenessTest {
    private static final Pattern ARG = Pattern.compile("\\{(\\d+)");

    private static ResourceBundle bundle(String suffix) {
        return ShippedBundles.of(suffix).orElseThrow(() -> new AssertionError("no bundle '" + suffix + "'"));
    }

    /** The argument indexes a MessageFormat pattern uses (outside quotes, including nested choice formats). */
    static Set<Integer> arguments(String pattern) {
        new MessageFormat(pattern); // throws IllegalArgumentException for a pattern that does not parse
        String unquoted = pattern.replace("''", "").replaceAll("'[^']*'", "");
        Set<Integer> args = new TreeSet<>();
        Matcher m = ARG.matcher(unquoted);
        while (m.find()) {
            args.add(Integer.parseInt(m.group(1)));
        }
        return args;
    }

    /** The engine neutralises a host pattern's unpaired bidirectional controls, not its own: it has none. */
    @Test
    void noShippedPatternHasAnUnpairedBidiControl() {
        for (String suffix : new String[] {"", "de"}) {
            ResourceBundle b = bundle(suffix);
            assertThat(Collections.list(b.getKeys()))
                    .as("bundle '%s'", suffix)
                    .isNotEmpty()
                    .allSatisfy(k -> assertThat(dev.escalation.spi.internal.BidiControls.balanced(b.getString(k)))
                            .as(k)
                            .isTrue());
        }
    }

    @Test
    void englishAndGermanHaveTheSameKeysAndArguments() {
        assertKeysAndArgumentsMatch(bundle(""), bundle("de"));
    }

    static void assertKeysAndArgumentsMatch(ResourceBundle english, ResourceBundle other) {
        Set<String> en = new TreeSet<>(Collections.list(english.getKeys()));
        Set<String> de = new TreeSet<>(Collections.list(other.getKeys()));
        assertThat(de).as("keys of the other bundle").containsExactlyElementsOf(en);
        TreeMap<String, String> mismatches = new TreeMap<>();
        for (String key : en) {
            if (key.startsWith("format.")) {
                continue; // DateTimeFormatter patterns
            }
            Set<Integer> a = arguments(english.getString(key));
            Set<Integer> b = arguments(other.getString(key));
            if (!a.equals(b)) {
                mismatches.put(key, a + " vs " + b);
            }
        }
        assertThat(mismatches).as("argument indexes per key").isEmpty();
    }

    @Test
    void theCheckFindsAMissingKeyAndAnArgumentMismatch() {
        assertThat(arguments("Meetings every {0} by {1}, first at {2}")).containsExactly(0, 1, 2);
        assertThat(arguments("{0,choice,1#1 day|1<{0,number,integer} days}")).containsExactly(0);
        assertThat(arguments("It''s '{9}' {1}")).containsExactly(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        assertKeysAndArgumentsMatch(bundle(""), new java.util.ListResourceBundle() {
                            @Override
                            protected Object[][] getContents() {
                                return new Object[][] {{"entry.ACKNOWLEDGED", "Manager ernannt"}};
                            }
                        }))
                .isInstanceOf(AssertionError.class);
        ResourceBundle en = bundle("");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        assertKeysAndArgumentsMatch(en, new java.util.ListResourceBundle() {
                            @Override
                            protected Object[][] getContents() {
                                Object[][] all = Collections.list(en.getKeys()).stream()
                                        .map(k -> new Object[] {k, en.getString(k)})
                                        .toArray(Object[][]::new);
                                for (Object[] kv : all) {
                                    if (kv[0].equals("entry.MANAGER_REASSIGNED")) {
                                        kv[1] = "Manager gewechselt zu {1}"; // {0} lost
                                    }
                                }
                                return all;
                            }
                        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("entry.MANAGER_REASSIGNED");
    }

    @Test
    void everyLabelledCodeHasALabelInBothLanguages() {
        for (String suffix : new String[] {"", "de"}) {
            ResourceBundle b = bundle(suffix);
            java.util.Map<Class<? extends Enum<?>>, String> groups = new java.util.HashMap<>(Labels.GROUPS);
            // core's own enums: their group is their simple name (the text package depends on no other of core)
            groups.put(dev.escalation.Action.class, "action");
            groups.put(dev.escalation.sla.DeadlineState.class, "deadlineState");
            groups.forEach((type, group) -> {
                for (Enum<?> constant : type.getEnumConstants()) {
                    assertThat(b.containsKey("label." + group + "." + constant.name()))
                            .as("label.%s.%s in bundle '%s'", group, constant.name(), suffix)
                            .isTrue();
                }
            });
        }
    }

    @Test
    void everyEntryNotificationAndHotlineKindHasItsTexts() {
        ResourceBundle en = bundle("");
        for (dev.escalation.model.ProgressKind k : dev.escalation.model.ProgressKind.values()) {
            if (k != dev.escalation.model.ProgressKind.LEGACY_TEXT) {
                assertThat(en.containsKey("entry." + k.name()))
                        .as("entry.%s", k)
                        .isTrue();
            }
        }
        for (dev.escalation.model.HotlineAdvice.Reason r : dev.escalation.model.HotlineAdvice.Reason.values()) {
            assertThat(en.containsKey("hotline." + r.name()))
                    .as("hotline.%s", r)
                    .isTrue();
        }
        for (dev.escalation.model.NotificationKind k : dev.escalation.model.NotificationKind.values()) {
            boolean any = Collections.list(en.getKeys()).stream()
                    .anyMatch(key -> key.startsWith("notification." + k.name() + "."));
            assertThat(any).as("notification.%s.*", k).isTrue();
        }
    }
}
