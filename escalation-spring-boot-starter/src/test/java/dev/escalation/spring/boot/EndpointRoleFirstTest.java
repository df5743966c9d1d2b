package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.security.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * The dead-letter endpoint decides who asks before it reads what they ask: a request without a principal is 401 and
 * one of an Escalation Manager or a customer contact is 403 whatever its query or body (a malformed cursor, an id no
 * dead letter can have, both or neither of messageId and escalation), never the 400 that Support Management gets for
 * the same request.
 */
@SpringBootTest(
        classes = ActuatorOverHttpTestBase.App.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:endpoint-role-first;DB_CLOSE_DELAY=-1",
            "escalation.jdbc.migrate=true",
            "escalation.coverage.always-open=true",
            "escalation.delivery.enabled=false",
            "management.endpoints.web.exposure.include=health,escalation"
        })
@AutoConfigureMockMvc
class EndpointRoleFirstTest {
    private static final Principal SAM = () -> "sam";
    private static final Principal EVE = () -> "eve";
    private static final Principal INA = () -> "ina";

    @Autowired
    MockMvc http;

    private static List<String> bodies() {
        return List.of(
                "{}",
                "{\"messageId\": \"E-1/1/1\", \"escalation\": \"E-1\"}",
                "{\"messageId\": \"\"}",
                "{\"escalation\": \" \"}");
    }

    private MockHttpServletResponse answer(RequestBuilder request) throws Exception {
        return http.perform(request).andReturn().getResponse();
    }

    private static RequestBuilder replay(String body, Principal principal) {
        var request = post("/actuator/escalation")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        return principal == null ? request : request.principal(principal);
    }

    private static RequestBuilder list(Principal principal) {
        var request = get("/actuator/escalation").param("after", "garbage");
        return principal == null ? request : request.principal(principal);
    }

    @Test
    void supportManagementGets400ForTheseRequests() throws Exception {
        for (String body : bodies()) {
            assertThat(answer(replay(body, SAM)).getStatus()).as(body).isEqualTo(400);
        }
        assertThat(answer(list(SAM)).getStatus()).isEqualTo(400);
    }

    @Test
    void othersAreRefusedBeforeTheirRequestIsRead() throws Exception {
        for (Principal refused : List.of(EVE, INA)) {
            for (String body : bodies()) {
                MockHttpServletResponse r = answer(replay(body, refused));
                assertThat(r.getStatus()).as("%s: %s", refused.getName(), body).isEqualTo(403);
                assertThat(r.getContentAsString()).contains("NOT_AUTHORIZED");
            }
            assertThat(answer(list(refused)).getStatus()).as(refused.getName()).isEqualTo(403);
        }
        for (String body : bodies()) {
            assertThat(answer(replay(body, null)).getStatus()).as(body).isEqualTo(401);
        }
        assertThat(answer(list(null)).getStatus()).isEqualTo(401);
    }
}
