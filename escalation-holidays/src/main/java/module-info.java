/** Public holidays from Jollyday as {@code HolidaySource}s, and the ready German-coverage business calendar. */
module dev.escalation.holidays {
    requires transitive dev.escalation.core;
    requires de.focus_shift.jollyday.core;
    requires de.focus_shift.jollyday.jaxb;
    requires static transitive org.jspecify;

    exports dev.escalation.holidays;
}
