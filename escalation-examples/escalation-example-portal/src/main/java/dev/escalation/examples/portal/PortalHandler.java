package dev.escalation.examples.portal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.escalation.Actor;
import dev.escalation.CustomerQuery;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationException;
import dev.escalation.EscalationReceipt;
import dev.escalation.EscalationView;
import dev.escalation.TimelineEntry;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.Close;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.Resolve;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.command.Withdraw;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests to the engine: one engine call per user action, POST-redirect-GET on success, and a page with the
 * refusal (HTTP 4xx) when the engine says no. Logs method, path, status and error code only: never message texts,
 * names or e-mail addresses.
 */
final class PortalHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PortalHandler.class);
    private static final int MAX_BODY = 64 * 1024;
    private static final PageRequest FIRST_PAGE = PageRequest.first(100); // a demo: one page is enough
    private static final Map<String, String> DONE = Map.of(
            "acknowledged", "Escalation Manager appointed; the customer was told.",
            "plan", "Communication plan agreed.",
            "progress", "Progress logged.",
            "participant", "Participant added.",
            "resolved", "Escalation resolved.",
            "scheduled", "Lessons-learned session scheduled; invitations are on their way.",
            "recorded", "Lessons learned recorded.",
            "closed", "Escalation closed.",
            "withdrawn", "Escalation withdrawn.",
            "message", "Your message was added to the escalation.");

    private final EscalationEngine engine;
    private final Clock clock;
    private final InMemoryCustomerDirectory customers;
    private final InMemoryStaffDirectory staff;
    private final Templates templates;
    private final Views views;
    private final ReceiptBook receipts = new ReceiptBook(1000);

    PortalHandler(
            EscalationEngine engine,
            Clock clock,
            InMemoryCustomerDirectory customers,
            InMemoryStaffDirectory staff,
            Templates templates) {
        this.engine = engine;
        this.clock = clock;
        this.customers = customers;
        this.staff = staff;
        this.templates = templates;
        this.views = new Views(customers, staff);
    }

    /** One request and its response. */
    private record Call(
            HttpExchange exchange,
            String method,
            List<String> path,
            Map<String, String> query,
            Map<String, List<String>> form,
            Optional<Actor> actor) {

        String param(String name) {
            List<String> values = form.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        List<String> params(String name) {
            return form.getOrDefault(name, List.of());
        }

        boolean is(String m, String... segments) {
            if (!method.equals(m) || path.size() != segments.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                if (!segments[i].equals("*") && !segments[i].equals(path.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        try (exchange) {
            Call call = read(exchange);
            route(call);
            LOG.debug("{} {} -> {}", method, rawPath, exchange.getResponseCode());
        } catch (BodyTooLarge e) {
            send(exchange, 413, "text/plain; charset=utf-8", "Request too large".getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // an unexpected failure: a generic page for the person, the exception type (no data) in the log
            LOG.warn("{} {} failed: {}", method, rawPath, e.getClass().getName());
            try {
                page(
                        exchange,
                        500,
                        "problem",
                        withProblem(new LinkedHashMap<>(), Problem.internal()),
                        Optional.empty());
            } catch (RuntimeException | IOException ignored) {
                // the response may already be committed
            }
        }
    }

    private void route(Call c) throws IOException {
        if (c.is("GET", "static", "portal.css")) {
            try (InputStream in = getClass().getResourceAsStream("static/portal.css")) {
                byte[] css = in == null ? new byte[0] : in.readAllBytes();
                c.exchange().getResponseHeaders().set("Cache-Control", "max-age=300");
                send(c.exchange(), 200, "text/css; charset=utf-8", css);
            }
        } else if (c.is("GET")) {
            login(c);
        } else if (c.is("POST", "login")) {
            String key = Optional.ofNullable(c.param("actor")).orElse("");
            Optional<Actor> actor = parseActor(key);
            if (actor.isEmpty()) {
                redirect(c, "/");
                return;
            }
            c.exchange().getResponseHeaders().add("Set-Cookie", "actor=" + key + "; Path=/; HttpOnly; SameSite=Lax");
            redirect(c, actor.get().kind() == Actor.Kind.CONTACT ? "/portal" : "/desk");
        } else if (c.is("POST", "logout")) {
            c.exchange().getResponseHeaders().add("Set-Cookie", "actor=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
            redirect(c, "/");
        } else if (c.actor().isEmpty()
                && !c.path().isEmpty()
                && (c.path().get(0).equals("portal") || c.path().get(0).equals("desk"))) {
            redirect(c, "/");
        } else if (c.is("GET", "portal")) {
            guarded(c, () -> customerHome(c, Optional.empty()));
        } else if (c.is("GET", "portal", "cases", "*", "escalate")) {
            guarded(c, () -> escalateForm(c, CaseId.of(c.path().get(2)), Map.of(), Optional.empty()));
        } else if (c.is("POST", "portal", "cases", "*", "escalate")) {
            escalate(c, CaseId.of(c.path().get(2)));
        } else if (c.is("GET", "portal", "receipts", "*")) {
            guarded(c, () -> receipt(c, c.path().get(2)));
        } else if (c.is("GET", "portal", "escalations", "*")) {
            guarded(c, () -> escalationPage(c, "customer-escalation", id(c), Optional.empty()));
        } else if (c.is("POST", "portal", "escalations", "*", "*")) {
            customerAction(c, id(c), c.path().get(3));
        } else if (c.is("GET", "desk")) {
            guarded(c, () -> desk(c));
        } else if (c.is("GET", "desk", "escalations", "*")) {
            guarded(c, () -> escalationPage(c, "desk-escalation", id(c), Optional.empty()));
        } else if (c.is("POST", "desk", "escalations", "*", "*")) {
            deskAction(c, id(c), c.path().get(3));
        } else {
            Map<String, Object> m = new LinkedHashMap<>();
            page(c, 404, "problem", withProblem(m, Problem.notFound("the page " + String.join("/", c.path()))));
        }
    }

    private static EscalationId id(Call c) {
        return EscalationId.of(c.path().get(2));
    }

    /** Renders a GET page; an engine refusal becomes a problem page with its status. */
    private void guarded(Call c, IoAction action) throws IOException {
        try {
            action.run();
        } catch (EscalationException e) {
            refused(c, e);
            page(c, Problem.of(e).status(), "problem", withProblem(new LinkedHashMap<>(), Problem.of(e)));
        } catch (PageException e) {
            page(c, e.problem().status(), "problem", withProblem(new LinkedHashMap<>(), e.problem()));
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    // ------------------------------------------------------------------ sign-in (the host's job in real life)

    private void login(Call c) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> contacts = new ArrayList<>();
        List<Map<String, Object>> staffPersonas = new ArrayList<>();
        for (DemoData.Persona p : DemoData.PERSONAS) {
            Map<String, Object> pm = Map.of(
                    "key",
                    p.key(),
                    "name",
                    p.name(),
                    "description",
                    p.description(),
                    "elementId",
                    "login-" + p.key().replace(':', '-'));
            (p.staff() ? staffPersonas : contacts).add(pm);
        }
        m.put("contacts", contacts);
        m.put("staff", staffPersonas);
        page(c, 200, "login", m);
    }

    static Optional<Actor> parseActor(String key) {
        int colon = key.indexOf(':');
        if (colon < 1 || colon == key.length() - 1) {
            return Optional.empty();
        }
        String kind = key.substring(0, colon);
        String id = key.substring(colon + 1);
        if (!id.matches("[A-Za-z0-9_.-]{1,64}")) {
            return Optional.empty();
        }
        return switch (kind) {
            case "contact" -> Optional.of(Actor.contact(id));
            case "staff" -> Optional.of(Actor.staff(id));
            default -> Optional.empty();
        };
    }

    // ------------------------------------------------------------------ customer portal

    private void customerHome(Call c, Optional<Problem> problem) throws IOException {
        Actor actor = c.actor().orElseThrow();
        // the engine decides whether this actor is a customer contact (and of which customer)
        List<EscalationSummary> escalations = engine.escalationsOfCustomer(actor, CustomerQuery.all(), FIRST_PAGE)
                .items();
        Touchpoint me = customers.touchpoint(ContactId.of(actor.id())).orElseThrow();
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> cases = new ArrayList<>();
        for (SupportCase sc : customers.cases(me.customer())) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("id", sc.id().value());
            cm.put("idPath", Views.path(sc.id().value()));
            cm.put("title", sc.title());
            Optional<EscalationSummary> latest =
                    escalations.stream().filter(e -> e.caseId().equals(sc.id())).reduce((a, b) -> b);
            latest.ifPresent(e -> cm.put("escalation", views.summary(e, "/portal/escalations/")));
            cm.put("canEscalate", latest.map(e -> !e.state().isOpen()).orElse(true));
            cases.add(cm);
        }
        m.put("cases", cases);
        List<Map<String, Object>> list = new ArrayList<>();
        for (EscalationSummary s : escalations) {
            list.add(views.summary(s, "/portal/escalations/"));
        }
        Collections.reverse(list); // newest first
        m.put("escalations", list);
        m.put("hasEscalations", !list.isEmpty());
        m.put(
                "customerName",
                customers.account(me.customer()).map(a -> a.name()).orElse(""));
        problem.ifPresent(p -> withProblem(m, p));
        page(c, problem.map(Problem::status).orElse(200), "customer-home", m);
    }

    private void escalateForm(Call c, CaseId caseId, Map<String, String> entered, Optional<Problem> problem)
            throws IOException {
        Actor actor = c.actor().orElseThrow();
        Touchpoint me = customers
                .touchpoint(ContactId.of(actor.id()))
                .orElseThrow(() -> new PageException(new Problem(
                        403,
                        "NOT_AUTHORIZED",
                        "Not allowed",
                        "The customer portal is for customer contacts; " + actor + " is not one.",
                        List.of())));
        // only the contact's own customer's cases are offered; the engine checks again on submit
        SupportCase sc = customers
                .supportCase(caseId)
                .filter(x -> x.customer().equals(me.customer()))
                .orElse(null);
        if (sc == null) {
            page(c, 404, "problem", withProblem(new LinkedHashMap<>(), Problem.notFound("case " + caseId)));
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("caseId", sc.id().value());
        m.put("caseIdPath", Views.path(sc.id().value()));
        m.put("caseTitle", sc.title());
        // a fresh submission id per rendered form: submitting the same form twice returns the same escalation
        m.put(
                "submissionId",
                entered.getOrDefault("submissionId", UUID.randomUUID().toString()));
        m.put("message", entered.getOrDefault("message", ""));
        String cause = entered.getOrDefault("cause", "");
        String criticality = entered.getOrDefault("criticality", Criticality.HIGH.name());
        m.put("causes", options(Cause.values(), cause, true));
        m.put("criticalities", options(Criticality.values(), criticality, false));
        problem.ifPresent(p -> withProblem(m, p));
        page(c, problem.map(Problem::status).orElse(200), "escalate", m);
    }

    private static List<Map<String, Object>> options(Enum<?>[] values, String selected, boolean withCategory) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Enum<?> e : values) {
            String text = Views.label(e);
            if (withCategory && e instanceof Cause cause) {
                text = text + " (" + (cause.category() == Cause.Category.TECHNICAL ? "technical" : "non-technical")
                        + ")";
            }
            list.add(Map.of(
                    "value", e.name(), "label", text, "selected", e.name().equals(selected)));
        }
        return list;
    }

    private void escalate(Call c, CaseId caseId) throws IOException {
        Actor actor = c.actor().orElseThrow();
        if (customers.touchpoint(ContactId.of(actor.id())).isEmpty() || actor.kind() != Actor.Kind.CONTACT) {
            guarded(c, () -> escalateForm(c, caseId, Map.of(), Optional.empty()));
            return;
        }
        Map<String, String> entered = new LinkedHashMap<>();
        for (String f : List.of("message", "cause", "criticality", "submissionId")) {
            entered.put(f, Optional.ofNullable(c.param(f)).orElse(""));
        }
        try {
            EscalationReceipt receipt = engine.escalate(
                    actor,
                    new EscalateCase(
                            caseId,
                            c.param("message"),
                            enumOrNull(Cause.class, "cause", c.param("cause")),
                            enumOrNull(Criticality.class, "criticality", c.param("criticality")),
                            blankToNull(c.param("submissionId"))));
            String key =
                    Optional.ofNullable(blankToNull(c.param("submissionId"))).orElse("r-" + UUID.randomUUID());
            receipts.put(actor, key, receipt);
            redirect(c, "/portal/receipts/" + Views.path(key));
        } catch (EscalationException e) {
            refused(c, e);
            escalateForm(c, caseId, entered, Optional.of(Problem.of(e)));
        } catch (FormException e) {
            escalateForm(c, caseId, entered, Optional.of(Problem.of(e)));
        } catch (PageException e) {
            page(c, e.problem().status(), "problem", withProblem(new LinkedHashMap<>(), e.problem()));
        }
    }

    private void receipt(Call c, String key) throws IOException {
        Actor actor = c.actor().orElseThrow();
        Optional<EscalationReceipt> found = receipts.get(actor, key);
        if (found.isEmpty()) {
            page(
                    c,
                    404,
                    "problem",
                    withProblem(
                            new LinkedHashMap<>(),
                            new Problem(
                                    404,
                                    "NOT_FOUND",
                                    "Receipt no longer available",
                                    "This receipt is no longer available. Your escalations are listed "
                                            + "on the portal's start page.",
                                    List.of())));
            return;
        }
        EscalationReceipt r = found.get();
        EscalationView view = engine.find(actor, r.escalation())
                .orElseThrow(() -> new PageException(Problem.notFound("escalation " + r.escalation())));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("escalation", views.escalation(view, timeline(actor, view.id())));
        m.put("created", r.created());
        m.put("raisedAt", Views.TIME.format(r.raisedAt()));
        m.put("state", Views.label(r.state()));
        r.hotline().ifPresent(h -> {
            Map<String, Object> hm = new LinkedHashMap<>();
            // the engine's sentence (English, the vendor's zone); engine.texts() renders it per reader language and
            // zone
            hm.put("message", engine.texts().hotline(h, Locale.ENGLISH, Portal.BERLIN));
            hm.put("reason", h.reason());
            hm.put(
                    "numbers",
                    h.numbers().stream()
                            .map(n -> Map.of(
                                    "label",
                                    n.label(),
                                    "number",
                                    n.number(),
                                    "tel",
                                    n.number().replaceAll("[^+0-9]", "")))
                            .toList());
            m.put("hotline", hm);
        });
        page(c, 200, "receipt", m);
    }

    private void customerAction(Call c, EscalationId id, String action) throws IOException {
        Actor actor = c.actor().orElseThrow();
        try {
            String done = switch (action) {
                case "message" -> {
                    engine.logProgress(
                            actor,
                            new LogProgress(id, LogProgress.Kind.COMMUNICATION, c.param("text"), Visibility.CUSTOMER));
                    yield "message";
                }
                case "withdraw" -> {
                    engine.withdraw(actor, new Withdraw(id, c.param("reason")));
                    yield "withdrawn";
                }
                default -> throw new PageException(Problem.notFound("the action " + action));
            };
            redirect(c, "/portal/escalations/" + Views.path(id.value()) + "?done=" + done);
        } catch (EscalationException e) {
            refused(c, e);
            escalationPageOrProblem(c, "customer-escalation", id, Problem.of(e));
        } catch (FormException e) {
            escalationPageOrProblem(c, "customer-escalation", id, Problem.of(e));
        } catch (PageException e) {
            page(c, e.problem().status(), "problem", withProblem(new LinkedHashMap<>(), e.problem()));
        }
    }

    // ------------------------------------------------------------------ support desk

    private void desk(Call c) throws IOException {
        Actor actor = c.actor().orElseThrow();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "incoming",
                summaries(engine.operations().inbox(actor, Set.of(), FIRST_PAGE).items(), "/desk/escalations/"));
        m.put(
                "followUp",
                summaries(
                        engine.operations()
                                .inbox(
                                        actor,
                                        EnumSet.of(EscalationState.RESOLVED, EscalationState.LESSONS_LEARNED),
                                        FIRST_PAGE)
                                .items(),
                        "/desk/escalations/"));
        m.put(
                "finished",
                summaries(
                        engine.operations()
                                .inbox(actor, EnumSet.of(EscalationState.CLOSED, EscalationState.WITHDRAWN), FIRST_PAGE)
                                .items(),
                        "/desk/escalations/"));
        page(c, 200, "desk", m);
    }

    private List<Map<String, Object>> summaries(List<EscalationSummary> items, String base) {
        return items.stream().map(s -> views.summary(s, base)).toList();
    }

    private void deskAction(Call c, EscalationId id, String action) throws IOException {
        Actor actor = c.actor().orElseThrow();
        try {
            String done = switch (action) {
                case "acknowledge" -> {
                    engine.acknowledge(actor, new Acknowledge(id, staffIdOrNull(c.param("manager")), c.param("note")));
                    yield "acknowledged";
                }
                case "plan" -> {
                    engine.agreePlan(
                            actor,
                            new AgreePlan(
                                    id,
                                    durationOrNull("frequency", c.param("frequency")),
                                    enumOrNull(Channel.class, "channel", c.param("channel")),
                                    instantOrNull("firstMeetingAt", c.param("firstMeetingAt"))));
                    yield "plan";
                }
                case "progress" -> {
                    engine.logProgress(
                            actor,
                            new LogProgress(
                                    id,
                                    enumOrNull(LogProgress.Kind.class, "kind", c.param("kind")),
                                    c.param("text"),
                                    "on".equals(c.param("internal")) ? Visibility.INTERNAL : Visibility.CUSTOMER));
                    yield "progress";
                }
                case "participant" -> {
                    engine.addParticipant(actor, participant(id, c));
                    yield "participant";
                }
                case "resolve" -> {
                    engine.resolve(actor, new Resolve(id, c.param("summary")));
                    yield "resolved";
                }
                case "schedule" -> {
                    String minutes = c.param("minutes");
                    Duration duration;
                    try {
                        duration = minutes == null || minutes.isBlank()
                                ? null
                                : Duration.ofMinutes(Long.parseLong(minutes.trim()));
                    } catch (NumberFormatException e) {
                        throw new FormException("duration", "must be a number of minutes");
                    }
                    engine.scheduleLessonsLearned(
                            actor, new ScheduleLessonsLearned(id, instantOrNull("at", c.param("at")), duration));
                    yield "scheduled";
                }
                case "record" -> {
                    List<String> descriptions = c.params("actionDescription");
                    List<String> owners = c.params("actionOwner");
                    List<RecordLessonsLearned.Action> actions = new ArrayList<>();
                    for (int i = 0; i < Math.max(descriptions.size(), owners.size()); i++) {
                        String d = i < descriptions.size() ? descriptions.get(i) : "";
                        String o = i < owners.size() ? owners.get(i) : "";
                        if (!d.isBlank() || !o.isBlank()) { // empty rows of the form are not actions
                            actions.add(new RecordLessonsLearned.Action(d, o));
                        }
                    }
                    engine.recordLessonsLearned(actor, new RecordLessonsLearned(id, c.param("findings"), actions));
                    yield "recorded";
                }
                case "close" -> {
                    engine.close(actor, new Close(id, blankToNull(c.param("note"))));
                    yield "closed";
                }
                default -> throw new PageException(Problem.notFound("the action " + action));
            };
            redirect(c, "/desk/escalations/" + Views.path(id.value()) + "?done=" + done);
        } catch (EscalationException e) {
            refused(c, e);
            escalationPageOrProblem(c, "desk-escalation", id, Problem.of(e));
        } catch (FormException e) {
            escalationPageOrProblem(c, "desk-escalation", id, Problem.of(e));
        } catch (PageException e) {
            page(c, e.problem().status(), "problem", withProblem(new LinkedHashMap<>(), e.problem()));
        }
    }

    private static AddParticipant participant(EscalationId id, Call c) {
        String who = Optional.ofNullable(c.param("who")).orElse("");
        if (who.equals("external")) {
            return AddParticipant.external(id, c.param("displayName"), blankToNull(c.param("email")));
        }
        Optional<Actor> person = parseActor(who);
        if (person.isEmpty()) {
            throw new FormException("who", "choose a person or 'someone else'");
        }
        return person.get().kind() == Actor.Kind.CONTACT
                ? AddParticipant.contact(id, person.get().id())
                : AddParticipant.staff(id, person.get().id());
    }

    // ------------------------------------------------------------------ escalation page (both views)

    private void escalationPageOrProblem(Call c, String template, EscalationId id, Problem problem) throws IOException {
        try {
            escalationPage(c, template, id, Optional.of(problem));
        } catch (EscalationException e) {
            page(c, problem.status(), "problem", withProblem(new LinkedHashMap<>(), problem));
        }
    }

    private void escalationPage(Call c, String template, EscalationId id, Optional<Problem> problem)
            throws IOException {
        Actor actor = c.actor().orElseThrow();
        Optional<EscalationView> found = engine.find(actor, id);
        if (found.isEmpty()) {
            page(
                    c,
                    problem.map(Problem::status).orElse(404),
                    "problem",
                    withProblem(new LinkedHashMap<>(), problem.orElse(Problem.notFound("escalation " + id))));
            return;
        }
        EscalationView v = found.get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("escalation", views.escalation(v, timeline(actor, id)));
        Optional.ofNullable(c.query().get("done")).map(DONE::get).ifPresent(d -> m.put("done", d));
        if (template.equals("desk-escalation")) {
            m.put(
                    "managers",
                    staff.withRole(StaffRole.ESCALATION_MANAGER).stream()
                            .map(s -> Map.of("id", s.id().value(), "name", s.displayName()))
                            .toList());
            List<Map<String, Object>> people = new ArrayList<>();
            for (StaffMember s : staffMembers()) {
                people.add(Map.of("key", "staff:" + s.id().value(), "name", s.displayName() + " (vendor)"));
            }
            for (Touchpoint t :
                    customers.touchpoints(v.customer(), dev.escalation.model.CustomerRole.TECHNICAL_CONTACT)) {
                people.add(Map.of("key", "contact:" + t.id().value(), "name", t.displayName() + " (customer)"));
            }
            m.put("people", people);
            m.put(
                    "frequencies",
                    List.of(
                            Map.of("value", "PT4H", "label", "every 4 hours"),
                            Map.of("value", "P1D", "label", "daily", "selected", true),
                            Map.of("value", "P7D", "label", "weekly")));
            m.put("channels", options(Channel.values(), Channel.VIDEO_CALL.name(), false));
            m.put("progressKinds", options(LogProgress.Kind.values(), LogProgress.Kind.STATUS_UPDATE.name(), false));
            ZonedDateTime now = clock.instant().atZone(Portal.BERLIN);
            m.put("defaultFirstMeeting", Views.INPUT.format(now.plusHours(2).truncatedTo(ChronoUnit.HOURS)));
            m.put(
                    "defaultSession",
                    Views.INPUT.format(now.toLocalDate()
                            .plusDays(1)
                            .atTime(LocalTime.of(10, 0))
                            .atZone(Portal.BERLIN)));
        }
        problem.ifPresent(p -> withProblem(m, p));
        page(c, problem.map(Problem::status).orElse(200), template, m);
    }

    /** The escalation's whole timeline as the actor may read it (customers: customer-visible entries), page by page. */
    private List<TimelineEntry> timeline(Actor actor, EscalationId id) {
        List<TimelineEntry> entries = new ArrayList<>();
        PageRequest page = FIRST_PAGE;
        while (true) {
            Page<TimelineEntry> p = engine.timeline(actor, id, page);
            entries.addAll(p.items());
            if (p.next().isEmpty()) {
                return entries;
            }
            page = PageRequest.after(p.next().get(), FIRST_PAGE.size());
        }
    }

    private List<StaffMember> staffMembers() {
        List<StaffMember> all = new ArrayList<>();
        for (StaffRole r : StaffRole.values()) {
            for (StaffMember s : staff.withRole(r)) {
                if (all.stream().noneMatch(x -> x.id().equals(s.id()))) {
                    all.add(s);
                }
            }
        }
        return all;
    }

    // ------------------------------------------------------------------ form values

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static StaffId staffIdOrNull(String s) {
        return blankToNull(s) == null ? null : StaffId.of(s);
    }

    /** A blank choice stays null so the engine's validation names the field. */
    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new FormException(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static Duration durationOrNull(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeException e) {
            throw new FormException(field, "must be a duration such as P1D");
        }
    }

    /** A {@code datetime-local} value, read as Europe/Berlin time. */
    private static Instant instantOrNull(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim()).atZone(Portal.BERLIN).toInstant();
        } catch (DateTimeException e) {
            throw new FormException(field, "must be a date and time such as 2027-01-12T10:00");
        }
    }

    // ------------------------------------------------------------------ plumbing

    private void refused(Call c, EscalationException e) {
        // the code and the path are enough to follow a refusal; the message may name people, so it stays out
        LOG.info("{} {} refused: {}", c.method(), c.exchange().getRequestURI().getRawPath(), e.code());
    }

    private Map<String, Object> withProblem(Map<String, Object> m, Problem p) {
        m.put("problem", p.model());
        return m;
    }

    private void page(Call c, int status, String template, Map<String, Object> model) throws IOException {
        page(c.exchange(), status, template, model, c.actor());
    }

    private void page(HttpExchange ex, int status, String template, Map<String, Object> model, Optional<Actor> actor)
            throws IOException {
        actor.ifPresent(a -> model.put("me", me(a)));
        model.put("now", Views.TIME.format(clock.instant()));
        model.put("page", Map.of(template, true));
        byte[] body = templates.render(template, model).getBytes(StandardCharsets.UTF_8);
        send(ex, status, "text/html; charset=utf-8", body);
    }

    private Map<String, Object> me(Actor a) {
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
        } else {
            m.put(
                    "name",
                    staff.member(StaffId.of(a.id()))
                            .map(StaffMember::displayName)
                            .orElse(a.id()));
            m.put("where", "Support desk");
            m.put("staff", true);
        }
        return m;
    }

    private static void redirect(Call c, String location) throws IOException {
        c.exchange().getResponseHeaders().set("Location", location);
        c.exchange().sendResponseHeaders(303, -1);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; form-action 'self'");
        ex.getResponseHeaders().set("Referrer-Policy", "same-origin");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static final class BodyTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static Call read(HttpExchange ex) throws IOException {
        List<String> path = new ArrayList<>();
        for (String s : ex.getRequestURI().getRawPath().split("/")) {
            if (!s.isEmpty()) {
                path.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        decode(Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse(""))
                .forEach((k, v) -> query.put(k, v.get(0)));
        Map<String, List<String>> form = Map.of();
        if (ex.getRequestMethod().equals("POST")) {
            byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new BodyTooLarge();
            }
            form = decode(new String(body, StandardCharsets.UTF_8));
        }
        Optional<Actor> actor = Optional.empty();
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String cookie : header.split(";")) {
                String[] kv = cookie.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals("actor")) {
                    actor = parseActor(kv[1]);
                }
            }
        }
        return new Call(ex, ex.getRequestMethod(), path, query, form, actor);
    }

    private static Map<String, List<String>> decode(String s) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (s.isEmpty()) {
            return m;
        }
        for (String pair : s.split("&")) {
            String[] kv = pair.split("=", 2);
            String k = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            String v = kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return m;
    }
}
