package dev.escalation.examples.console;

import dev.escalation.text.TextSource;
import java.util.ResourceBundle;

/**
 * The demo's own texts, in front of the engine's shipped English and German ones: {@code DemoTexts_en.properties}
 * overrides one English text, {@code DemoTexts_fr.properties} adds French (keys it lacks fall back to English). The
 * bundles are loaded here, in the demo's own module, because a named module's resource bundles are visible only to
 * itself: the same code works on the class path and on the module path.
 */
final class DemoTexts {
    /** The base name of the demo's bundles. */
    static final String BASE = "dev.escalation.examples.console.DemoTexts";

    private DemoTexts() {}

    /** The demo's texts as a source for {@code EscalationEngineBuilder.texts}. */
    static TextSource source() {
        return TextSource.fromBundles(locale -> ResourceBundle.getBundle(BASE, locale));
    }
}
