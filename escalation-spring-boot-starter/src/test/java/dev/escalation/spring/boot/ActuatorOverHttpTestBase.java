package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.escalation.Actor;
import dev.escalation.DeadLetterView;
import dev.escalation.EscalationEngine;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.model.PageRequest;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The Actuator health indicator and dead-letter endpoint over HTTP (MockMvc on the real Actuator web stack, H2): the
 * principal is resolved by the host's {@link ActorResolver}, and the engine decides: Support Management 200, an
 * Escalation Manager or a customer contact 403, no principal 401.
 */
@SpringBootTest(
        classes = ActuatorOverHttpTestBase.App.class,
        properties = {
            "escalation.jdbc.migrate=true",
            "escalation.coverage.always-open=true",
            "escalation.delivery.enabled=false",
            "escalation.delivery.max-attempts=1",
            "management.endpoints.web.exposure.include=health,escalation",
            "management.endpoint.health.show-details=always"
        })
@AutoConfigureMockMvc
abstract class ActuatorOverHttpTestBase {
    private static final AtomicInteger CASES = new AtomicInteger(10);
    private static final Principal SAM = () -> "sam";
    private static final Principal EVE = () -> "eve";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestAdapters.class)
    static class App {}

    @Autowired
    MockMvc http;

    @Autowired
    EscalationEngine engine;

    @Autowired
    InMemoryNotifier notifier;

    /** One escalation whose notifications fail once and, with max-attempts=1, are dead-lettered. */
    @BeforeEach
    void aDeadLetter() {
        TestAdapters.deadLetter(engine, notifier, "C-" + CASES.incrementAndGet());
        assertThat(TestAdapters.deadLetters(engine)).isPositive();
    }

    @Test
    void supportManagementListsTheDeadLetters() throws Exception {
        http.perform(get("/actuator/escalation").principal(SAM))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dead").isNumber())
                .andExpect(jsonPath("$.deadLetters[0].id").isString())
                .andExpect(jsonPath("$.deadLetters[0].code").value("ATTEMPTS_EXHAUSTED"))
                .andExpect(jsonPath("$.deadLetters[0].target").value("NOTIFICATION"));
    }

    /**
     * Followed by its {@code next} cursor, page by page, the endpoint lists every dead letter exactly once, in the
     * engine's order; the last page's {@code next} is empty.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void supportManagementFollowsTheDeadLettersPageByPage(int size) throws Exception {
        TestAdapters.deadLetter(engine, notifier, "C-" + CASES.incrementAndGet());
        List<String> all = engine.operations().deadLetters(Actor.staff("sam"), PageRequest.first(500)).items().stream()
                .map(d -> d.id().value())
                .toList();
        assertThat(all).hasSizeGreaterThan(2 * size);
        List<String> listed = new ArrayList<>();
        String next = "";
        do {
            MockHttpServletRequestBuilder request =
                    get("/actuator/escalation").principal(SAM).param("size", String.valueOf(size));
            if (!next.isEmpty()) {
                request.param("after", next);
            }
            String body = http.perform(request)
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            List<String> ids = JsonPath.read(body, "$.deadLetters[*].id");
            assertThat(ids).hasSizeLessThanOrEqualTo(size);
            listed.addAll(ids);
            next = JsonPath.read(body, "$.next");
            assertThat(listed).as("no endless paging").hasSizeLessThanOrEqualTo(all.size());
        } while (!next.isEmpty());
        assertThat(listed).isEqualTo(all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2027-01-01T00:00:00Z", "not-a-cursor_E-1/1/1", "_E-1/1/1"})
    void aCursorThisEndpointDidNotGiveIsRefusedWith400(String after) throws Exception {
        http.perform(get("/actuator/escalation").principal(SAM).param("after", after))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_REQUEST"))
                .andExpect(jsonPath("$.message").value("after: not a cursor of this endpoint"));
    }

    @Test
    void anEscalationManagerIsRefusedWith403() throws Exception {
        http.perform(get("/actuator/escalation").principal(EVE))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("NOT_AUTHORIZED"));
        String id = firstDeadLetter().id().value();
        http.perform(post("/actuator/escalation")
                        .principal(EVE)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"messageId\": \"" + id + "\"}"))
                .andExpect(status().isForbidden());
        assertThat(engine.operations()
                        .deadLetters(Actor.staff("sam"), PageRequest.first(500))
                        .items())
                .extracting(d -> d.id().value())
                .contains(id);
    }

    @Test
    void aCustomerContactIsRefusedWith403AndReplaysNothing() throws Exception {
        Principal ina = () -> "ina"; // an active contact of the customer whose notifications were dead-lettered
        http.perform(get("/actuator/escalation").principal(ina))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("NOT_AUTHORIZED"))
                .andExpect(jsonPath("$.deadLetters").doesNotExist());
        DeadLetterView dead = firstDeadLetter();
        http.perform(post("/actuator/escalation")
                        .principal(ina)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"messageId\": \"" + dead.id().value() + "\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("NOT_AUTHORIZED"));
        for (Principal refused : List.of(ina, EVE)) {
            http.perform(post("/actuator/escalation")
                            .principal(refused)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"escalation\": \"" + dead.escalation().value() + "\"}"))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("NOT_AUTHORIZED"));
        }
        assertThat(engine.operations()
                        .deadLetters(Actor.staff("sam"), PageRequest.first(500))
                        .items())
                .extracting(d -> d.id().value())
                .contains(dead.id().value());
    }

    @Test
    void withoutAPrincipalTheAnswerIs401() throws Exception {
        http.perform(get("/actuator/escalation")).andExpect(status().isUnauthorized());
    }

    @Test
    void supportManagementReplaysADeadLetterThroughTheEngine() throws Exception {
        String id = firstDeadLetter().id().value();
        http.perform(post("/actuator/escalation")
                        .principal(SAM)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"messageId\": \"" + id + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.replayed").value(true));
        assertThat(engine.operations()
                        .deadLetters(Actor.staff("sam"), PageRequest.first(500))
                        .items())
                .extracting(d -> d.id().value())
                .doesNotContain(id);
    }

    @Test
    void supportManagementReplaysAllDeadLettersOfAnEscalation() throws Exception {
        DeadLetterView dead = firstDeadLetter();
        http.perform(post("/actuator/escalation")
                        .principal(SAM)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"escalation\": \"" + dead.escalation().value() + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.replayed").isNumber());
        assertThat(engine.operations()
                        .deadLetters(Actor.staff("sam"), PageRequest.first(500))
                        .items())
                .extracting(DeadLetterView::escalation)
                .doesNotContain(dead.escalation());
    }

    @Test
    void deadLettersOverTheThresholdMakeTheHealthOutOfService() throws Exception {
        http.perform(get("/actuator/health/escalation"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("OUT_OF_SERVICE"))
                .andExpect(jsonPath("$.details.reason").value("dead letters"))
                .andExpect(jsonPath("$.details.maxDeadLetters").value(0));
    }

    private DeadLetterView firstDeadLetter() {
        return engine.operations()
                .deadLetters(Actor.staff("sam"), PageRequest.first(1))
                .items()
                .get(0);
    }
}
