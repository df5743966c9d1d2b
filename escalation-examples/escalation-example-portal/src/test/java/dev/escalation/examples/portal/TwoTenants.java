package dev.escalation.examples.portal;

import dev.escalation.Actor;
import dev.escalation.DeskQuery;
import dev.escalation.EscalationEngine;
import dev.escalation.command.EscalateCase;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.PageRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A running portal on its demo data (Tuesday 12 January 2027, 10:00 in Berlin) with an open escalation of each
 * customer: ina's of ACME's case C-5 (raised here) and the demo's seeded one of GLOBEX's case G-1. The HTTP tests that
 * probe one tenant against the other start from it.
 *
 * @param data   the portal's data directory (a new temporary one)
 * @param portal the portal
 * @param engine its engine
 * @param acme   ina's escalation
 * @param globex GLOBEX's escalation
 */
record TwoTenants(Path data, RunningPortal portal, EscalationEngine engine, EscalationId acme, EscalationId globex) {

    /**
     * @param directory  the prefix of the temporary data directory
     * @param message    ina's message
     * @param submission ina's submission id
     * @return the running portal and both escalations
     */
    static TwoTenants start(String directory, String message, String submission) throws IOException {
        Path data = Files.createTempDirectory(directory);
        RunningPortal portal = RunningPortal.start(
                data.resolve("portal-db"),
                new MutableClock(ZonedDateTime.of(2027, 1, 12, 10, 0, 0, 0, ZoneId.of("Europe/Berlin"))));
        EscalationEngine engine = portal.bean(EscalationEngine.class);
        EscalationId acme = engine.escalate(
                        Actor.contact("ina"),
                        new EscalateCase(CaseId.of("C-5"), message, Cause.SOFTWARE_ERROR, Criticality.HIGH, submission))
                .escalation();
        EscalationId globex = engine.openEscalationOfCase(Actor.staff("sam"), CaseId.of("G-1"))
                .map(EscalationSummary::id)
                .orElseThrow(); // the demo's seeded GLOBEX escalation
        return new TwoTenants(data, portal, engine, acme, globex);
    }

    /** What a probe could change: each escalation's version and how many escalations the desk lists. */
    String stored() {
        return List.of(acme, globex).stream()
                        .map(id -> id + "@"
                                + engine.find(Actor.staff("sam"), id)
                                        .orElseThrow()
                                        .version())
                        .toList()
                + " "
                + engine.operations()
                        .inbox(Actor.staff("sam"), DeskQuery.all(), PageRequest.first(500))
                        .items()
                        .size();
    }
}
