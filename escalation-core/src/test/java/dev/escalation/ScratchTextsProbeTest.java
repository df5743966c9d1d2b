package dev.escalation;

import dev.escalation.command.*;
import dev.escalation.model.*;
import java.time.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class ScratchTextsProbeTest {
    @Test
    void probe() {
        for (String pattern :
                List.of("Broken {0", "{0,number,#}{1,date}{99}", "x".repeat(100_000), "{0,choice,oops}")) {
            String label = pattern.length() > 30 ? pattern.substring(0, 30) : pattern;
            World w;
            try {
                w = new World(b -> b.texts((key, locale) -> Optional.of(pattern)));
            } catch (Exception e) {
                System.out.println("PROBE [" + label + "] build threw " + e);
                continue;
            }
            w.clock.set(Instant.parse("2027-01-16T10:00:00Z")); // Saturday
            try {
                var r = w.engine.escalate(
                        World.INA,
                        new EscalateCase(World.C1, "Down", Cause.SOFTWARE_ERROR, Criticality.CRITICAL, null));
                System.out.println("PROBE [" + label + "] escalate ok hotline=" + r.hotline());
            } catch (Exception e) {
                System.out.println("PROBE [" + label + "] escalate threw " + e);
                continue;
            }
            try {
                System.out.println("PROBE [" + label + "] deliver " + w.engine.deliverPending());
                System.out.println("PROBE [" + label + "] find "
                        + w.engine.find(World.INA, EscalationId.of("E-1")).map(v -> "ok"));
                try {
                    System.out.println("PROBE [" + label + "] timeline "
                            + w.engine
                                    .timeline(World.INA, EscalationId.of("E-1"), PageRequest.first(10))
                                    .items()
                                    .size());
                } catch (Exception e) {
                    System.out.println("PROBE [" + label + "] timeline threw " + e);
                }
                try {
                    System.out.println("PROBE [" + label + "] staff timeline "
                            + w.engine
                                    .timeline(World.SAM, EscalationId.of("E-1"), PageRequest.first(10))
                                    .items()
                                    .get(0));
                } catch (Exception e) {
                    System.out.println("PROBE [" + label + "] staff timeline threw " + e);
                }
                try {
                    System.out.println("PROBE [" + label + "] deadlines "
                            + w.engine
                                    .deadlines(World.INA, EscalationId.of("E-1"))
                                    .size());
                } catch (Exception e) {
                    System.out.println("PROBE [" + label + "] deadlines threw " + e);
                }
                try {
                    System.out.println("PROBE [" + label + "] messages "
                            + w.engine
                                    .messagesFor(World.INA, PageRequest.first(10))
                                    .items()
                                    .size());
                } catch (Exception e) {
                    System.out.println("PROBE [" + label + "] messages threw " + e);
                }
                try {
                    w.clock.advance(Duration.ofDays(2));
                    for (int i = 0; i < 20; i++) {
                        w.clock.advance(Duration.ofHours(2));
                        w.engine.deliverPending();
                    }
                    System.out.println("PROBE [" + label + "] after retries " + w.engine.deliverPending());
                } catch (Exception e) {
                    System.out.println("PROBE [" + label + "] retries threw " + e);
                }
            } catch (Exception e) {
                System.out.println("PROBE [" + label + "] later threw " + e);
            }
        }
    }
}
