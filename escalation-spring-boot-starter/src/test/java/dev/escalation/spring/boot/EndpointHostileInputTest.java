package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.model.PageRequest;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dead-letter endpoint under hostile input from Support Management itself: page sizes out of range, forged and
 * oversized cursors, message and escalation ids no dead letter can have, both or neither, bodies that are no JSON.
 * Each is answered with a 4xx status (never 500, never an exception escaping the endpoint), a body without stack
 * trace or class names, and no dead letter is replayed.
 */
@SpringBootTest(
        classes = ActuatorOverHttpTestBase.App.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:endpoint-hostile;DB_CLOSE_DELAY=-1",
            "escalation.jdbc.migrate=true",
            "escalation.coverage.always-open=true",
            "escalation.delivery.enabled=false",
            "escalation.delivery.max-attempts=1",
            "management.endpoints.web.exposure.include=health,escalation"
        })
@AutoConfigureMockMvc
class EndpointHostileInputTest {
    private static final Principal SAM = () -> "sam";
    private static final String HUGE = "x".repeat(1 << 20);

    @Autowired
    MockMvc http;

    @Autowired
    EscalationEngine engine;

    @Autowired
    InMemoryNotifier notifier;

    @BeforeEach
    void aDeadLetter() {
        if (dead() == 0) {
            TestAdapters.deadLetter(engine, notifier, "C-77");
        }
        assertThat(dead()).isPositive();
    }

    private long dead() {
        return TestAdapters.deadLetters(engine);
    }

    private static void refusedWithoutInternals(MockHttpServletResponse r, String what) throws Exception {
        assertThat(r.getStatus()).as(what).isBetween(400, 499);
        assertThat(r.getContentAsString())
                .as(what)
                .doesNotContain("Exception", "\tat ", "java.", "dev.escalation.", "org.springframework", HUGE);
    }

    @Test
    void pageSizesAndCursorsOutOfRangeAre400() throws Exception {
        long before = dead();
        List<String[]> queries = new ArrayList<>();
        for (String size : List.of("0", "-1", "501", "2147483647", "-2147483648", "2147483648", "x", "1e3")) {
            queries.add(new String[] {"size", size});
        }
        for (String after : List.of(
                "",
                "_",
                "garbage",
                "2027-01-01T00:00:00Z",
                "not-a-time_E-1/1/1",
                "2027-01-01T00:00:00Z_\u0000",
                "\u202e2027-01-01T00:00:00Z_x",
                "2027-01-01T00:00:00Z_" + HUGE)) {
            queries.add(new String[] {"after", after});
        }
        for (String[] q : queries) {
            MockHttpServletResponse r = http.perform(
                            get("/actuator/escalation").principal(SAM).param(q[0], q[1]))
                    .andReturn()
                    .getResponse();
            String what = q[0] + "=" + q[1].substring(0, Math.min(40, q[1].length()));
            if (r.getStatus() == 200) { // a well-formed cursor no dead letter has: the page after it, if any
                assertThat(q[0]).as(what).isEqualTo("after");
            } else {
                refusedWithoutInternals(r, what);
            }
        }
        assertThat(dead()).isEqualTo(before);
    }

    @Test
    void replayBodiesThatNameNothingValidAreRefusedAndReplayNothing() throws Exception {
        long before = dead();
        List<String> bodies = new ArrayList<>();
        // a right-to-left override and a zero-width space: invisible formatting characters, refused in ids
        for (String id :
                List.of("", " ", "\\u0000", "E-1\\n/1/1", "x".repeat(129), HUGE, "\\u202eE-1/1/1", "E-1\\u200b/1/1")) {
            bodies.add("{\"messageId\": \"" + id + "\"}");
            bodies.add("{\"escalation\": \"" + id + "\"}");
        }
        bodies.add("{}");
        bodies.add("{\"messageId\": \"E-1/1/1\", \"escalation\": \"E-1\"}");
        bodies.add("{\"messageId\": ");
        bodies.add("[\"E-1/1/1\"]");
        bodies.add("{\"messageId\": {\"nested\": true}}");
        bodies.add("");
        for (String body : bodies) {
            MockHttpServletResponse r = http.perform(post("/actuator/escalation")
                            .principal(SAM)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body))
                    .andReturn()
                    .getResponse();
            refusedWithoutInternals(r, body.substring(0, Math.min(60, body.length())));
        }
        // ids the id rules allow that name no dead letter: nothing to replay
        for (String id : List.of("\\u00c9-1/1/1", "E-1/1/\\u4e2d")) {
            String one = http.perform(post("/actuator/escalation")
                            .principal(SAM)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"messageId\": \"" + id + "\"}"))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(one).as(id).isEqualTo("{\"replayed\":false}");
        }
        assertThat(dead()).isEqualTo(before);
        assertThat(engine.operations()
                        .deadLetters(Actor.staff("sam"), PageRequest.first(10))
                        .items())
                .isNotEmpty();
    }
}
