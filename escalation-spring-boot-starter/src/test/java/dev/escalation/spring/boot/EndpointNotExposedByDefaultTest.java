package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.security.Principal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With the starter's and Spring Boot's defaults (no {@code management.endpoints.web.exposure.include}), the
 * dead-letter endpoint is not there: no bean, and {@code /actuator/escalation} is 404 for reading and for replaying,
 * even for Support Management. Only health is exposed, and without details.
 */
@SpringBootTest(
        classes = ActuatorOverHttpTestBase.App.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:endpoint-not-exposed;DB_CLOSE_DELAY=-1",
            "escalation.jdbc.migrate=true",
            "escalation.coverage.always-open=true",
            "escalation.delivery.enabled=false"
        })
@AutoConfigureMockMvc
class EndpointNotExposedByDefaultTest {
    private static final Principal SAM = () -> "sam";

    @Autowired
    MockMvc http;

    @Autowired
    ApplicationContext context;

    @Test
    void theDeadLetterEndpointIsNotExposedByDefault() throws Exception {
        assertThat(context.getBeanNamesForType(EscalationEndpoint.class)).isEmpty();
        assertThat(http.perform(get("/actuator/escalation").principal(SAM))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(http.perform(post("/actuator/escalation")
                                .principal(SAM)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"escalation\": \"E-1\"}"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        String health =
                http.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString();
        assertThat(health).contains("\"status\"").doesNotContain("escalation", "deadLetters", "pending");
    }
}
