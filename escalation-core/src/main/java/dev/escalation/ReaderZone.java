package dev.escalation;

import dev.escalation.model.Preferences;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The zone a person reads in: their own setting, else their customer account's default (contacts only), else the
 * vendor's. The one rule for the recipients of notifications ({@link NotificationDelivery}) and for the zone of a
 * communication plan's meeting series, the customer side's ({@link Lookups#seriesZone}).
 */
final class ReaderZone {
    private ReaderZone() {}

    /**
     * The zone.
     *
     * @param preferences the person's preferences
     * @param accountZone the customer account's default zone (empty for staff)
     * @param vendorZone  the vendor's zone
     * @return their own zone, else the account's, else the vendor's (plain branches: this runs for every delivery)
     */
    static ZoneId of(Preferences preferences, Optional<ZoneId> accountZone, ZoneId vendorZone) {
        ZoneId own = preferences.zone().orElse(null);
        return own != null ? own : accountZone.orElse(vendorZone);
    }
}
