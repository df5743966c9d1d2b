/**
 * Business calendars: a time zone, weekly opening hours and holidays. The engine uses the vendor's coverage
 * calendar to decide whether a critical escalation gets hotline advice.
 */
@NullMarked
package dev.escalation.calendar;

import org.jspecify.annotations.NullMarked;
