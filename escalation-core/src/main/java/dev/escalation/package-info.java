/**
 * The Escalation SDK's public API: {@link dev.escalation.EscalationEngine} (configured by
 * {@link dev.escalation.EscalationEngineBuilder}, with the vendor's desk and administration in
 * {@link dev.escalation.EscalationOperations}) and the values and exceptions it exchanges. Commands live in
 * {@link dev.escalation.command}; in-memory adapters in {@link dev.escalation.inmemory}; calendars in
 * {@link dev.escalation.calendar}. Package-private classes here are internal and may change in any release.
 *
 * <pre>{@code
 * EscalationEngine engine = EscalationEngine.builder()
 *         .clock(Clock.systemUTC())
 *         .customers(customerDirectory).staff(staffDirectory)
 *         .store(store).notifier(mailNotifier).ticketing(ticketing)
 *         .coverage(GermanCoverage.calendar()).hotline(new HotlineNumber("Germany", "+49 …"))
 *         .build();
 * EscalationReceipt receipt = engine.escalate(Actor.contact("ina"),
 *         new EscalateCase(CaseId.of("C-1"), "Production database down", Cause.DATABASE_OUTAGE,
 *                 Criticality.CRITICAL, submissionId));
 * receipt.hotline().ifPresent(advice -> page.showBanner(engine.texts().hotline(advice, locale, zone)));
 * }</pre>
 */
@NullMarked
package dev.escalation;

import org.jspecify.annotations.NullMarked;
