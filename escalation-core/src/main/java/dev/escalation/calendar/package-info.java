/**
 * Business calendars and business time: a time zone, weekly opening hours and holidays (all-day or partial-day),
 * with business-duration arithmetic ({@link dev.escalation.calendar.BusinessCalendar#plus},
 * {@link dev.escalation.calendar.BusinessCalendar#between}, next opening and closing), excluded intervals for paused
 * clocks ({@link dev.escalation.calendar.Interval}) and explanations a person can read
 * ({@link dev.escalation.calendar.Explanation}). The engine uses the vendor's coverage calendar to decide whether a
 * critical escalation gets hotline advice, and business time for its deadlines. Boundary and DST semantics are
 * documented on {@link dev.escalation.calendar.BusinessCalendar} and in {@code docs/business-time.md}.
 */
@NullMarked
package dev.escalation.calendar;

import org.jspecify.annotations.NullMarked;
