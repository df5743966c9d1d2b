/**
 * Spring Boot auto-configuration of the escalation engine: {@link dev.escalation.spring.boot.EscalationProperties}
 * ({@code escalation.*}), {@link dev.escalation.spring.boot.EscalationAutoConfiguration} (engine, store, background
 * delivery, Micrometer meters), the host's {@link dev.escalation.spring.boot.ActorResolver} and
 * {@link dev.escalation.spring.boot.EscalationEngineCustomizer}s, and the Actuator health indicator and dead-letter
 * endpoint.
 */
@NullMarked
package dev.escalation.spring.boot;

import org.jspecify.annotations.NullMarked;
