package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.CustomerQuery;
import dev.escalation.model.CaseId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.PageRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The portal's HTTP behaviour without a browser: idempotent "Escalate Case", POST-redirect-GET, and every engine
 * refusal shown as a page with a 4xx status and a readable message (never a stack trace).
 */
class PortalHttpTest {
    private final MutableClock clock = new MutableClock(ZonedDateTime.of(2027, 1, 12, 10, 0, 0, 0, Portal.BERLIN));
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Portal portal;

    @BeforeEach
    void start() {
        portal = Portal.start(clock, 0);
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    @Test
    void submittingTheSameFormTwiceReturnsTheSameEscalation() throws Exception {
        Map<String, String> form = form(
                "message",
                "Nightly load failed again",
                "cause",
                "SOFTWARE_ERROR",
                "criticality",
                "HIGH",
                "submissionId",
                "form-1");
        HttpResponse<String> first = post("contact:ina", "/portal/cases/C-1/escalate", form);
        HttpResponse<String> second = post("contact:ina", "/portal/cases/C-1/escalate", form);

        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(first.headers().firstValue("Location")).hasValue("/portal/receipts/form-1");
        assertThat(second.statusCode()).isEqualTo(303);
        assertThat(escalationsOf("C-1")).hasSize(1);
        HttpResponse<String> receipt = get("contact:ina", "/portal/receipts/form-1");
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.body())
                .contains(escalationsOf("C-1").get(0).id().value())
                .contains("This case is already escalated");
    }

    @Test
    void aMissingMessageAndCauseAreNamedWithTheirRule() throws Exception {
        HttpResponse<String> r = post(
                "contact:ina",
                "/portal/cases/C-1/escalate",
                form("message", " ", "cause", "", "criticality", "HIGH", "submissionId", "form-2"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .contains("data-field=\"message\"")
                .contains("message.NotBlank")
                .contains("data-field=\"cause\"")
                .contains("cause.NotNull");
        assertNoStackTrace(r);
        assertThat(escalationsOf("C-1")).isEmpty();
    }

    @Test
    void aContactWhoIsNotAnIncidentManagerIsRefusedAndNothingIsCreated() throws Exception {
        HttpResponse<String> r = post(
                "contact:tom",
                "/portal/cases/C-1/escalate",
                form(
                        "message",
                        "Please look at this",
                        "cause",
                        "COMPLAINT",
                        "criticality",
                        "LOW",
                        "submissionId",
                        "form-3"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("is not an Incident Manager");
        assertNoStackTrace(r);
        assertThat(escalationsOf("C-1")).isEmpty();
    }

    @Test
    void anotherCustomersEscalationIsNotFound() throws Exception {
        String globex = portal.data().globexEscalation().value();

        HttpResponse<String> asIna = get("contact:ina", "/portal/escalations/" + globex);
        HttpResponse<String> asGil = get("contact:gil", "/portal/escalations/" + globex);

        assertThat(asIna.statusCode()).isEqualTo(404);
        assertThat(asIna.body()).contains("was not found").doesNotContain("certificate rotation");
        assertThat(asGil.statusCode()).isEqualTo(200);
        assertThat(asGil.body()).contains("certificate rotation");
    }

    @Test
    void appointingTwiceIsAnIllegalTransitionShownOnThePage() throws Exception {
        String globex = portal.data().globexEscalation().value();
        Map<String, String> ack = form("manager", "eve", "note", "Called Gil");

        HttpResponse<String> first = post("staff:sam", "/desk/escalations/" + globex + "/acknowledge", ack);
        HttpResponse<String> second = post("staff:sam", "/desk/escalations/" + globex + "/acknowledge", ack);

        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("Not possible now").contains("ACKNOWLEDGED");
        assertNoStackTrace(second);
    }

    @Test
    void aCustomerContactCannotUseTheSupportDesk() throws Exception {
        HttpResponse<String> r = get("contact:ina", "/desk");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("is not vendor staff");
    }

    @Test
    void withoutAChosenPersonThePagesRedirectToThePicker() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(portal.url().resolve("/portal")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/");
    }

    @Test
    void aMalformedDateIsNamedLikeAValidationError() throws Exception {
        String globex = portal.data().globexEscalation().value();
        post("staff:sam", "/desk/escalations/" + globex + "/acknowledge", form("manager", "eve", "note", "Called"));

        HttpResponse<String> r = post(
                "staff:eve",
                "/desk/escalations/" + globex + "/plan",
                form("frequency", "P1D", "channel", "PHONE", "firstMeetingAt", "tomorrow-ish"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("data-field=\"firstMeetingAt\"");
        assertNoStackTrace(r);
    }

    private List<EscalationSummary> escalationsOf(String caseId) {
        return portal
                .engine()
                .escalationsOfCustomer(Actor.contact("ina"), CustomerQuery.all(), PageRequest.first(100))
                .items()
                .stream()
                .filter(s -> s.caseId().equals(CaseId.of(caseId)))
                .toList();
    }

    private static void assertNoStackTrace(HttpResponse<String> r) {
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("dev.escalation.");
    }

    private static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private HttpResponse<String> get(String actor, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(portal.url().resolve(path))
                        .header("Cookie", "actor=" + actor)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String actor, String path, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(
                HttpRequest.newBuilder(portal.url().resolve(path))
                        .header("Cookie", "actor=" + actor)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
