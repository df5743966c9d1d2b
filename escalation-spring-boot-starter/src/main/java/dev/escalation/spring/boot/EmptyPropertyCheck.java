package dev.escalation.spring.boot;

import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops the start when an {@code escalation.*} property is set to an empty value ({@code escalation.delivery.lease=}
 * in {@code application.properties}, or an empty {@code ESCALATION_DELIVERY_LEASE}), naming it. Spring Boot binds an
 * empty value of a duration, number or enum as "no value", and on the starter's records that either applied the default
 * silently or, when nothing else of the group was set, failed naming another property of the group. The one property
 * where empty is a value, {@code escalation.coverage.holiday-region} (no holidays), is left to its own check.
 */
final class EmptyPropertyCheck implements EnvironmentPostProcessor {
    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("escalation");
    private static final Set<ConfigurationPropertyName> EMPTY_ALLOWED =
            Set.of(ConfigurationPropertyName.of("escalation.coverage.holiday-region"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource names)) {
                continue;
            }
            for (ConfigurationPropertyName name : names) {
                if (!ROOT.isAncestorOf(name) || EMPTY_ALLOWED.contains(name)) {
                    continue;
                }
                ConfigurationProperty property = source.getConfigurationProperty(name);
                if (property != null
                        && property.getValue() instanceof CharSequence value
                        && value.toString().isBlank()) {
                    throw new EmptyPropertyException(name.toString());
                }
            }
        }
    }

    /** An {@code escalation.*} property set to an empty value. */
    static final class EmptyPropertyException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final String property;

        EmptyPropertyException(String property) {
            super(property + " is set but empty");
            this.property = property;
        }

        String property() {
            return property;
        }
    }

    /** Spring Boot's start-failure report for {@link EmptyPropertyException}: the property and both ways out. */
    static final class Analyzer extends AbstractFailureAnalyzer<EmptyPropertyException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, EmptyPropertyException cause) {
            return new FailureAnalysis(
                    cause.property() + " is set but empty. An empty value is not a setting of its own here: Spring"
                            + " Boot would bind it as \"no value\".",
                    "Remove " + cause.property() + " to use its default, or give it a value.",
                    cause);
        }
    }
}
