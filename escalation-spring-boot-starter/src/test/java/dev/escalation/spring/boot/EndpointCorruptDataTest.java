package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.escalation.EscalationEngine;
import dev.escalation.inmemory.InMemoryNotifier;
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
 * The dead-letter endpoint when a dead letter's row was changed outside the store so it cannot be read back: the list
 * shows it with code {@code UNREADABLE} (before: the whole list was {@code CORRUPT_DATA}); its replay is {@code
 * CORRUPT_DATA} (not retryable, not the caller's fault), which the endpoint answers with 500 and a fixed sentence,
 * never the engine's message (it names the store's table) or any other internal. Before, it was a 400 quoting that
 * message.
 */
@SpringBootTest(
        classes = ActuatorOverHttpTestBase.App.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:endpoint-corrupt-data;DB_CLOSE_DELAY=-1",
            "escalation.jdbc.migrate=true",
            "escalation.coverage.always-open=true",
            "escalation.delivery.enabled=false",
            "escalation.delivery.max-attempts=1",
            "management.endpoints.web.exposure.include=health,escalation"
        })
@AutoConfigureMockMvc
@DirtiesContext
class EndpointCorruptDataTest {
    private static final Principal SAM = () -> "sam";

    @Autowired
    MockMvc http;

    @Autowired
    EscalationEngine engine;

    @Autowired
    InMemoryNotifier notifier;

    @Autowired
    DataSource dataSource;

    @Test
    void aDeadLetterTheStoreCannotReadIsA500WithoutInternals() throws Exception {
        TestAdapters.deadLetter(engine, notifier, "C-1");
        assertThat(TestAdapters.deadLetters(engine)).isPositive();
        assertThat(new JdbcTemplate(dataSource)
                        .update("UPDATE esc_outbox SET payload = '{not json' WHERE status = 'DEAD'"))
                .isPositive();

        MockHttpServletResponse list = http.perform(get("/actuator/escalation").principal(SAM))
                .andReturn()
                .getResponse();
        assertThat(list.getStatus()).isEqualTo(200);
        assertThat(list.getContentAsString()).contains("UNREADABLE").doesNotContain("{not json");
        String id = new JdbcTemplate(dataSource)
                .queryForList("SELECT message_id FROM esc_outbox WHERE status = 'DEAD'", String.class)
                .get(0);

        MockHttpServletResponse r = http.perform(post("/actuator/escalation")
                        .principal(SAM)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"messageId\": \"" + id + "\"}"))
                .andReturn()
                .getResponse();

        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(r.getContentAsString())
                .contains("\"code\":\"CORRUPT_DATA\"")
                .doesNotContain("Exception", "java.", "org.h2", "dev.escalation.", "SQL", "esc_", "ESC_", "{not json");
        assertThat(new JdbcTemplate(dataSource)
                        .queryForList("SELECT status FROM esc_outbox WHERE message_id = ?", String.class, id))
                .as("the refused replay changed nothing")
                .containsExactly("DEAD");
    }
}
