/**
 * Micrometer meters for the escalation engine ({@link dev.escalation.micrometer.EscalationMeters}).
 */
@NullMarked
package dev.escalation.micrometer;

import org.jspecify.annotations.NullMarked;
