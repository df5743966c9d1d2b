package dev.escalation.spring.boot;

import dev.escalation.EscalationException;
import dev.escalation.InvalidCommandException;
import dev.escalation.model.Criticality;
import dev.escalation.model.PolicyRef;
import dev.escalation.sla.SlaPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The engine's build refused the configuration with one of its codes ({@code EscalationEngineBuilder.build()} throws
 * an {@link EscalationException}): a target longer than {@code SlaPolicy.MAX_TARGET_WEEKS} weeks of the coverage
 * calendar ({@code slaPolicy.firstContact.Reachable}, {@code slaPolicy.resolution.Reachable}, {@code
 * slaPolicy.contactEvery.Reachable}) or a coverage calendar whose holiday data do not cover the clock's dates ({@code
 * calendar.HolidayData}). These depend on the calendar the engine is built with (an {@link EscalationEngineCustomizer}
 * may set another), so binding cannot check them; the start fails with the engine's code and the properties it
 * concerns.
 */
final class EngineRefusal extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String codes;
    private final String properties;

    private EngineRefusal(String codes, String refusal, String properties, EscalationException cause) {
        super(
                "The EscalationEngine refuses its configuration: " + codes + ": " + refusal
                        + (properties.isEmpty() ? "" : " (" + properties + ")"),
                cause);
        this.codes = codes;
        this.properties = properties;
    }

    /** The engine's refusal, with the {@code escalation.*} properties it concerns. */
    static EngineRefusal of(EscalationException e, EscalationProperties p) {
        List<String> codes = new ArrayList<>();
        List<String> words = new ArrayList<>();
        Set<String> properties = new LinkedHashSet<>(); // each once, several violations may name the coverage
        if (e instanceof InvalidCommandException invalid) {
            for (InvalidCommandException.Violation v : invalid.violations()) {
                codes.add(e.code() + " " + v.code());
                words.add(v.message());
                properties.addAll(properties(v, p));
            }
        } else {
            codes.add(e.code());
            words.add(String.valueOf(e.getMessage()));
        }
        return new EngineRefusal(String.join(", ", codes), String.join("; ", words), String.join(", ", properties), e);
    }

    /**
     * The properties a violation concerns: the listed policy's target the engine names (a policy of a bean has none),
     * and the coverage calendar it is measured in; for holiday data, the coverage's holiday region.
     */
    private static List<String> properties(InvalidCommandException.Violation v, EscalationProperties p) {
        List<String> named = new ArrayList<>();
        if (v.code().equals("calendar.HolidayData")) {
            named.add("escalation.coverage.holiday-region");
            return named;
        }
        String kind = v.code().equals("slaPolicy.firstContact.Reachable")
                ? "first-contact"
                : v.code().equals("slaPolicy.resolution.Reachable") ? "resolution" : null;
        if (kind != null) {
            List<EscalationProperties.Policy> listed = p.sla().policies();
            for (int i = 0; i < listed.size(); i++) {
                EscalationProperties.Policy policy = listed.get(i);
                Map<Criticality, Duration> targets =
                        kind.equals("first-contact") ? policy.firstContact() : policy.resolution();
                // the engine's words: "policy standard@1: the RESOLUTION target of CRITICAL, PT…, is more than …"
                String prefix = "policy " + new PolicyRef(policy.id(), policy.version()) + ": ";
                for (Criticality c : targets.keySet()) {
                    if (v.message().startsWith(prefix) && v.message().contains(" target of " + c + ", ")) {
                        named.add("escalation.sla.policies[" + i + "]." + kind + "." + c);
                    }
                }
            }
        }
        if (v.code().endsWith(".Reachable")) {
            named.add("escalation.coverage.*");
        }
        return named;
    }

    /** Spring Boot's start-failure report for {@link EngineRefusal}: the engine's codes, words and properties. */
    static final class Analyzer extends AbstractFailureAnalyzer<EngineRefusal> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, EngineRefusal cause) {
            StringBuilder action = new StringBuilder();
            if (cause.codes.contains(".Reachable")) {
                action.append("Shorten the target or give the coverage calendar more open time: a business-time"
                        + " target spans at most " + SlaPolicy.MAX_TARGET_WEEKS + " weeks of the open time of the"
                        + " calendar it is measured in. ");
            }
            if (cause.codes.contains("calendar.HolidayData")) {
                action.append("Use a holiday region whose data cover the clock's dates, or none. ");
            }
            action.append(
                    cause.properties.isEmpty()
                            ? "The engine's code: " + cause.codes + "."
                            : "Change " + cause.properties + " (the engine's code: " + cause.codes + ").");
            return new FailureAnalysis(cause.getMessage(), action.toString(), cause);
        }
    }
}
