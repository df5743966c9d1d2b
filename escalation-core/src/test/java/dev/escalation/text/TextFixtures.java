package dev.escalation.text;

import dev.escalation.model.CaseId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.NotificationRequest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Requests and host texts the text tests share. */
final class TextFixtures {

    /**
     * Every shipped key in "French" for a host source: the English text behind {@code "[fr] "} (the tests do not care
     * what the words are), the {@code format.*} date patterns as shipped (they must stay patterns).
     */
    static final Map<String, String> FRENCH = ShippedBundles.of("").orElseThrow().keySet().stream()
            .collect(Collectors.toMap(
                    Function.identity(),
                    k -> (k.startsWith("format.") ? "" : "[fr] ")
                            + ShippedBundles.of("").orElseThrow().getString(k)));

    private TextFixtures() {}

    /** A notification of escalation E-1 (case C-1) to the contact Ina. */
    static NotificationRequest request(NotificationKind kind, Map<String, EntryParam> params, @Nullable String text) {
        return new NotificationRequest(
                "k-1",
                EscalationId.of("E-1"),
                CaseId.of("C-1"),
                kind,
                Optional.empty(),
                new Party(Party.Kind.CONTACT, "ina", "Ina", "ina@acme.example"),
                params,
                Optional.ofNullable(text),
                Optional.empty());
    }
}
