package dev.escalation.spring.boot;

import dev.escalation.EscalationEngineBuilder;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.holidays.JollydayHolidays;
import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.PolicyRef;
import dev.escalation.sla.SlaPolicy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Applies the {@code escalation.*} properties to an engine builder. Everything the bean validation of
 * {@link EscalationProperties} cannot check alone (values that depend on each other, region codes Jollyday must know)
 * is checked here, and each failure names its property.
 */
final class EngineProperties {
    private EngineProperties() {}

    static void apply(EscalationProperties p, EscalationEngineBuilder builder, List<SlaPolicy> policyBeans) {
        EscalationProperties.Delivery d = p.delivery();
        builder.delivery(d.lease(), d.batchSize(), d.maxAttempts())
                .backoff(d.backoff(), d.maxBackoff())
                .shutdownTimeout(d.shutdownTimeout());
        if (p.instanceName() != null) {
            try {
                builder.instanceName(p.instanceName());
            } catch (IllegalArgumentException e) {
                throw invalid("escalation.instance-name", e.getMessage().replaceFirst("^instanceName ", ""));
            }
        }
        builder.coverage(coverage(p.coverage()));
        if (p.hotline().isEmpty()) {
            if (!p.coverage().alwaysOpen()) {
                throw invalid(
                        "escalation.hotline",
                        "needs at least one number (escalation.hotline[0].label, escalation.hotline[0].number): a "
                                + "critical escalation raised outside coverage hours gets hotline advice; or set "
                                + "escalation.coverage.always-open=true");
            }
        } else {
            try {
                builder.hotline(p.hotline().stream()
                        .map(h -> new HotlineNumber(h.label(), h.number()))
                        .toArray(HotlineNumber[]::new));
            } catch (IllegalArgumentException e) { // "hotline[1].number must be one line, …": name that property
                String message = String.valueOf(e.getMessage());
                int space = message.indexOf(' ');
                boolean named = message.startsWith("hotline") && space > 0;
                throw invalid(
                        named ? "escalation." + message.substring(0, space) : "escalation.hotline",
                        named ? message.substring(space + 1) : message);
            }
        }
        builder.holidayRegions(regions(p.holidayRegions()));
        policies(p.sla(), builder, policyBeans);
    }

    private static BusinessCalendar coverage(EscalationProperties.Coverage c) {
        if (c.alwaysOpen()) {
            return BusinessCalendar.alwaysOpen();
        }
        BusinessCalendar.Builder b = BusinessCalendar.builder(c.zone());
        for (DayOfWeek day : c.days()) {
            b.open(day, c.opens(), c.closes());
        }
        if (!c.holidayRegion().isEmpty()) {
            b.holidays(region("escalation.coverage.holiday-region", c.holidayRegion()));
        }
        return b.build();
    }

    /**
     * Only the listed regions (each checked now), or every region Jollyday knows if none is listed. A code is looked up
     * as Jollyday reads it, trimmed and in any case: a listed {@code "de-by "} (a properties file keeps trailing
     * spaces) is the region a contract calendar names {@code DE-BY}.
     */
    private static Function<String, ? extends @Nullable HolidaySource> regions(List<String> listed) {
        if (listed.isEmpty()) {
            return JollydayHolidays.resolver();
        }
        Map<String, HolidaySource> known = new LinkedHashMap<>();
        for (int i = 0; i < listed.size(); i++) {
            String code = listed.get(i);
            known.put(regionKey(code), region("escalation.holiday-regions[" + i + "]", code));
        }
        Map<String, HolidaySource> regions = Map.copyOf(known);
        return code -> regions.get(regionKey(code));
    }

    private static String regionKey(String code) {
        return code.trim().toUpperCase(Locale.ROOT);
    }

    private static HolidaySource region(String property, String code) {
        try {
            return JollydayHolidays.forRegion(code);
        } catch (IllegalArgumentException e) {
            throw invalid(property, e.getMessage());
        }
    }

    private static void policies(EscalationProperties.Sla sla, EscalationEngineBuilder builder, List<SlaPolicy> beans) {
        List<SlaPolicy> all = new ArrayList<>();
        List<EscalationProperties.Policy> listed = sla.policies();
        for (int i = 0; i < listed.size(); i++) {
            all.add(policy("escalation.sla.policies[" + i + "]", listed.get(i)));
        }
        all.addAll(beans);
        if (!all.isEmpty()) {
            try {
                builder.slaPolicies(all.toArray(SlaPolicy[]::new));
            } catch (IllegalArgumentException e) { // the same id and version twice (listed, or listed and a bean)
                throw invalid("escalation.sla.policies", e.getMessage());
            }
        }
        Optional<PolicyRef> current = current(sla.current(), all);
        current.ifPresent(builder::policy);
    }

    private static Optional<PolicyRef> current(@Nullable String current, List<SlaPolicy> all) {
        if (current == null || current.isBlank()) {
            return all.stream().findFirst().map(SlaPolicy::ref);
        }
        int colon = current.lastIndexOf(':');
        try {
            if (current.substring(0, colon).isBlank()) { // ":3", " :3": no id
                throw new IllegalArgumentException("no id");
            }
            PolicyRef ref = new PolicyRef(current.substring(0, colon), Integer.parseInt(current.substring(colon + 1)));
            if (all.stream().noneMatch(p -> p.ref().equals(ref))) {
                throw invalid("escalation.sla.current", "names no registered policy: " + current);
            }
            return Optional.of(ref);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            if (e instanceof InvalidPropertyException) {
                throw e;
            }
            throw invalid("escalation.sla.current", "must be id:version, such as standard:2, not " + current);
        }
    }

    private static SlaPolicy policy(String property, EscalationProperties.Policy p) {
        try {
            SlaPolicy.Builder b = SlaPolicy.builder(p.id(), p.version());
            for (Map.Entry<Criticality, Duration> e : p.firstContact().entrySet()) {
                b.firstContact(e.getKey(), e.getValue());
            }
            for (Map.Entry<Criticality, Duration> e : p.resolution().entrySet()) {
                b.resolution(e.getKey(), e.getValue());
            }
            b.warnAt(p.warnAt()).planAnswerWithin(p.planAnswerWithin());
            b.customerVisible(p.customerVisible().toArray(DueKind[]::new));
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw invalid(property, e.getMessage());
        }
    }

    static InvalidPropertyException invalid(String property, @Nullable String reason) {
        return new InvalidPropertyException(property, reason == null ? "is invalid" : reason);
    }

    /** A property the starter refused; the message starts with the property's name. */
    static final class InvalidPropertyException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidPropertyException(String property, String reason) {
            super(property + " " + reason);
        }
    }
}
