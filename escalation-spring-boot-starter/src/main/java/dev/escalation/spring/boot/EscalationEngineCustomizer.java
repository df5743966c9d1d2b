package dev.escalation.spring.boot;

import dev.escalation.EscalationEngineBuilder;

/**
 * A callback that adjusts the auto-configured engine's builder after the starter applied the {@code escalation.*}
 * properties and the context's adapters, before {@link EscalationEngineBuilder#build()}: for settings that are no
 * properties, such as an audit trail, a policy selector, portal messages or escalation ids. Every bean of this type
 * is applied, in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * EscalationEngineCustomizer auditTrail(AuditSettings settings) {
 *     return builder -> builder.auditTrail(settings);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface EscalationEngineCustomizer {

    /**
     * Adjusts the builder.
     *
     * @param builder the builder, with properties and adapters already set
     */
    void customize(EscalationEngineBuilder builder);
}
