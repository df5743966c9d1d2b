/**
 * The commands a portal or back office sends to the {@link dev.escalation.EscalationEngine}, one per user action.
 *
 * <p>Command records accept {@code null} components on purpose: the engine validates every command with Jakarta
 * Validation before it reads anything, and reports each missing or wrong value as a
 * {@link dev.escalation.InvalidCommandException} naming the field and the rule. Nothing is applied then.
 */
package dev.escalation.command;
