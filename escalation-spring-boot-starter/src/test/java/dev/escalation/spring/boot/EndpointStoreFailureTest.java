package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.security.Principal;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dead-letter endpoint when the store fails in a way its driver does not call "unavailable" (here: the outbox
 * table is gone): Support Management gets 503 with the code {@code UNAVAILABLE} and a sentence, never the class name of
 * the exception the store threw, a SQLState or any other internal; the health is DOWN (503), without them too.
 */
@SpringBootTest(
        classes = ActuatorOverHttpTestBase.App.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:endpoint-store-failure;DB_CLOSE_DELAY=-1",
            "escalation.jdbc.migrate=true",
            "escalation.coverage.always-open=true",
            "escalation.delivery.enabled=false",
            "management.endpoints.web.exposure.include=health,escalation"
        })
@AutoConfigureMockMvc
@DirtiesContext
class EndpointStoreFailureTest {
    private static final Principal SAM = () -> "sam";

    @Autowired
    MockMvc http;

    @Autowired
    DataSource dataSource;

    private static void unavailableWithoutInternals(MockHttpServletResponse r, String what) throws Exception {
        assertThat(r.getStatus()).as(what).isEqualTo(503);
        assertThat(r.getContentAsString())
                .as(what)
                .contains("\"code\":\"UNAVAILABLE\"")
                .doesNotContain("Exception", "java.", "org.h2", "dev.escalation.", "SQL", "esc_", "ESC_");
    }

    @Test
    void aFailingStoreIsA503WithoutTheExceptionsName() throws Exception {
        new JdbcTemplate(dataSource).execute("ALTER TABLE esc_outbox RENAME TO gone");
        unavailableWithoutInternals(
                http.perform(get("/actuator/escalation").principal(SAM))
                        .andReturn()
                        .getResponse(),
                "list");
        unavailableWithoutInternals(
                http.perform(post("/actuator/escalation")
                                .principal(SAM)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"escalation\": \"E-1\"}"))
                        .andReturn()
                        .getResponse(),
                "replay");
        MockHttpServletResponse health =
                http.perform(get("/actuator/health")).andReturn().getResponse();
        assertThat(health.getStatus()).as("health").isEqualTo(503);
        assertThat(health.getContentAsString())
                .as("health")
                .contains("DOWN")
                .doesNotContain("Exception", "java.", "org.h2", "SQL", "esc_", "ESC_");
    }
}
