/**
 * The commands a portal or back office sends to the {@link dev.escalation.EscalationEngine}, one per user action.
 *
 * <p>Command records accept {@code null} components on purpose: the engine validates every command with Jakarta
 * Validation before it reads anything, and reports each missing or wrong value as a
 * {@link dev.escalation.InvalidCommandException} naming the field and the rule. Nothing is applied then.
 *
 * <p>Every free text is a {@link dev.escalation.command.SafeText}: it has a documented maximum length, contains no
 * control characters other than line feed, carriage return and tab, no unpaired surrogates, and bidirectional
 * embeddings, overrides and isolates only balanced within each paragraph; a required text must
 * not be blank in Unicode terms (only spaces, non-breaking, ideographic or zero-width spaces count as blank). Every
 * id is a {@link dev.escalation.command.SafeId} (no control, formatting or unpaired surrogate characters). Maxima:
 * escalation message, progress text, resolution summary and reopen reason 4,000; lessons-learned findings 8,000; notes,
 * reasons, justifications and improvement actions 2,000; names and action owners 200; e-mail addresses 254; ids 128 (a
 * participant to remove, which may be an e-mail address, 254).
 */
package dev.escalation.command;
