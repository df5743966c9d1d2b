/**
 * The Escalation SDK's public API: {@link dev.escalation.EscalationEngine} and the values and exceptions it
 * exchanges. Commands live in {@link dev.escalation.command}; in-memory adapters in
 * {@link dev.escalation.inmemory}; calendars in {@link dev.escalation.calendar}. Package-private classes here are
 * internal and may change in any release.
 */
@NullMarked
package dev.escalation;

import org.jspecify.annotations.NullMarked;
