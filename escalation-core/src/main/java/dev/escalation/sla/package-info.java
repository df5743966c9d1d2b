/**
 * Service-level agreements: a versioned {@link dev.escalation.sla.SlaPolicy} (first-contact and resolution targets
 * per criticality, each measured in business time of a chosen {@link dev.escalation.sla.SlaCalendar}, pre-breach
 * warning, breach and repeat), the {@link dev.escalation.sla.Deadline}s the engine derives from an escalation's
 * recorded history, and what-if projections ({@link dev.escalation.sla.WhatIf}, {@link dev.escalation.sla.Projection})
 * that touch no stored data. Semantics are documented in {@code docs/business-time.md}.
 */
@NullMarked
package dev.escalation.sla;

import org.jspecify.annotations.NullMarked;
