/**
 * Public holidays from <a href="https://github.com/focus-shift/jollyday">Jollyday</a> as
 * {@link dev.escalation.calendar.HolidaySource}s, and the ready German-coverage calendar.
 *
 * <ul>
 *   <li>{@link dev.escalation.holidays.JollydayHolidays}: any Jollyday region by code ({@code DE}, {@code DE-BY},
 *       {@code US-NY}); usable as the region resolver of
 *       {@link dev.escalation.calendar.BusinessCalendar#fromSpec}.</li>
 *   <li>{@link dev.escalation.holidays.GermanHolidays}: German national and per-state public holidays.</li>
 *   <li>{@link dev.escalation.holidays.GermanCoverage}: Europe/Berlin, Monday–Friday 09:00–17:00, German public
 *       holidays, 24 and 31 December closed from 12:00.</li>
 * </ul>
 */
@NullMarked
package dev.escalation.holidays;

import org.jspecify.annotations.NullMarked;
