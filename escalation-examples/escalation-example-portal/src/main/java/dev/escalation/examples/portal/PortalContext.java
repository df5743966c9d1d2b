package dev.escalation.examples.portal;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.model.ContactId;
import dev.escalation.model.StaffId;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.Touchpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * What every page needs: the reader ({@link Ui}: language from the DE/EN switch, time zone from the person's
 * preferences, else their customer's default, else the vendor's), and the header's "signed in as".
 */
@Component
class PortalContext {
    private final EscalationEngine engine;
    private final PortalActors actors;
    private final InMemoryCustomerDirectory customers;
    private final InMemoryStaffDirectory staff;
    private final Clock clock;

    PortalContext(
            EscalationEngine engine,
            PortalActors actors,
            InMemoryCustomerDirectory customers,
            InMemoryStaffDirectory staff,
            Clock clock) {
        this.engine = engine;
        this.actors = actors;
        this.customers = customers;
        this.staff = staff;
        this.clock = clock;
    }

    Ui ui(HttpServletRequest request) {
        Locale locale = RequestContextUtils.getLocale(request);
        return new Ui(locale, zone(actors.current()), engine.texts());
    }

    ZoneId zone(Optional<Actor> actor) {
        if (actor.isPresent() && actor.get().kind() == Actor.Kind.CONTACT) {
            Optional<Touchpoint> t =
                    customers.touchpoint(ContactId.of(actor.get().id()));
            Optional<ZoneId> zone = t.flatMap(x -> x.preferences().zone())
                    .or(() -> t.flatMap(x -> customers.account(x.customer())).flatMap(a -> a.defaultZone()));
            if (zone.isPresent()) {
                return zone.get();
            }
        }
        if (actor.isPresent() && actor.get().kind() == Actor.Kind.STAFF) {
            Optional<ZoneId> zone = staff.member(StaffId.of(actor.get().id()))
                    .flatMap(m -> m.preferences().zone());
            if (zone.isPresent()) {
                return zone.get();
            }
        }
        return DemoData.BERLIN;
    }

    Clock clock() {
        return clock;
    }

    /** The header's person, or null when nobody is signed in. */
    Map<String, Object> me(Ui ui) {
        Optional<Actor> actor = actors.current();
        if (actor.isEmpty()) {
            return null;
        }
        Actor a = actor.get();
        Map<String, Object> m = new LinkedHashMap<>();
        if (a.kind() == Actor.Kind.CONTACT) {
            Optional<Touchpoint> t = customers.touchpoint(ContactId.of(a.id()));
            m.put("name", t.map(Touchpoint::displayName).orElse(a.id()));
            m.put(
                    "where",
                    t.flatMap(x -> customers.account(x.customer()))
                            .map(x -> x.name())
                            .orElse(""));
            m.put("contact", true);
            m.put("home", "/portal");
        } else {
            m.put(
                    "name",
                    staff.member(StaffId.of(a.id()))
                            .map(StaffMember::displayName)
                            .orElse(a.id()));
            m.put("where", ui.t("desk_title"));
            m.put("staff", true);
            m.put("home", "/desk");
        }
        m.put("zone", ui.zone().getId());
        return m;
    }
}
