package dev.escalation.examples.portal;

import dev.escalation.Actor;
import dev.escalation.CustomerQuery;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationException;
import dev.escalation.EscalationReceipt;
import dev.escalation.PortalMessageView;
import dev.escalation.command.ConfirmPlan;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.ProposePlan;
import dev.escalation.command.Reopen;
import dev.escalation.command.Withdraw;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Visibility;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The customer portal: the contact's cases and escalations, "Escalate Case" with its receipt, the escalation with its
 * deadlines, plan and timeline, and the contact's actions (message, confirm or counter a proposed plan, withdraw,
 * reopen, decline lessons learned). One engine call per action, POST-redirect-GET on success.
 */
@Controller
@RequestMapping("/portal")
class CustomerController {
    private final EscalationEngine engine;
    private final PortalActors actors;
    private final PortalContext context;
    private final InMemoryCustomerDirectory customers;
    private final Views views;
    private final Reads reads;
    private final Forms forms;

    CustomerController(
            EscalationEngine engine,
            PortalActors actors,
            PortalContext context,
            InMemoryCustomerDirectory customers,
            Views views,
            Reads reads,
            Forms forms) {
        this.engine = engine;
        this.actors = actors;
        this.context = context;
        this.customers = customers;
        this.views = views;
        this.reads = reads;
        this.forms = forms;
    }

    @GetMapping
    ModelAndView home(HttpServletRequest request) {
        Actor actor = actors.required();
        Ui ui = context.ui(request);
        List<EscalationSummary> escalations = engine.escalationsOfCustomer(actor, CustomerQuery.all(), Reads.FIRST_PAGE)
                .items();
        Touchpoint me = me(actor);
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> cases = new ArrayList<>();
        for (SupportCase sc : customers.cases(me.customer())) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("id", sc.id().value());
            cm.put("idPath", Views.path(sc.id().value()));
            cm.put("title", sc.title());
            Optional<EscalationSummary> latest =
                    escalations.stream().filter(e -> e.caseId().equals(sc.id())).findFirst(); // newest first
            latest.ifPresent(e -> cm.put("escalation", views.summary(e, "/portal/escalations/", ui)));
            cm.put("canEscalate", latest.map(e -> !e.state().isOpen()).orElse(true));
            cases.add(cm);
        }
        m.put("cases", cases);
        m.put(
                "escalations",
                escalations.stream()
                        .map(s -> views.summary(s, "/portal/escalations/", ui))
                        .toList());
        m.put("hasEscalations", !escalations.isEmpty());
        m.put(
                "customerName",
                customers.account(me.customer()).map(a -> a.name()).orElse(""));
        List<Map<String, Object>> inbox = new ArrayList<>();
        for (PortalMessageView msg : engine.messagesFor(actor, Reads.FIRST_PAGE).items()) {
            inbox.add(Map.of(
                    "at", ui.at(msg.at()),
                    "subject", msg.subject(),
                    "href", "/portal/escalations/" + Views.path(msg.escalation().value())));
            if (inbox.size() == 10) {
                break;
            }
        }
        m.put("messages", inbox);
        m.put("hasMessages", !inbox.isEmpty());
        return new ModelAndView("customer-home", m);
    }

    private Touchpoint me(Actor actor) {
        return customers.touchpoint(ContactId.of(actor.id())).orElseThrow(Reads.NotFound::new);
    }

    @GetMapping("/cases/{caseId}/escalate")
    ModelAndView escalateForm(@PathVariable String caseId, HttpServletRequest request) {
        return escalateForm(caseId, Map.of(), null, context.ui(request));
    }

    private ModelAndView escalateForm(String caseId, Map<String, String> entered, Problem problem, Ui ui) {
        Touchpoint me = me(actors.required());
        // only the contact's own customer's cases are offered; the engine checks again on submit
        SupportCase sc = customers
                .supportCase(Reads.caseId(caseId))
                .filter(x -> x.customer().equals(me.customer()))
                .orElseThrow(Reads.NotFound::new);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("caseId", sc.id().value());
        m.put("caseIdPath", Views.path(sc.id().value()));
        m.put("caseTitle", sc.title());
        // a fresh submission id per rendered form: submitting the same form twice returns the same escalation
        m.put(
                "submissionId",
                entered.getOrDefault("submissionId", UUID.randomUUID().toString()));
        m.put("message", entered.getOrDefault("message", ""));
        m.put("causes", forms.options(Cause.values(), entered.getOrDefault("cause", ""), ui));
        m.put(
                "criticalities",
                forms.options(Criticality.values(), entered.getOrDefault("criticality", Criticality.HIGH.name()), ui));
        ModelAndView mav = new ModelAndView("escalate", m);
        if (problem != null) {
            mav.addObject("problem", problem.model());
            mav.setStatus(org.springframework.http.HttpStatusCode.valueOf(problem.status()));
        }
        return mav;
    }

    @PostMapping("/cases/{caseId}/escalate")
    ModelAndView escalate(
            @PathVariable String caseId, @RequestParam Map<String, String> form, HttpServletRequest request) {
        Actor actor = actors.required();
        Ui ui = context.ui(request);
        String submission = Forms.blankToNull(form.get("submissionId"));
        try {
            EscalationReceipt receipt = engine.escalate(
                    actor,
                    new EscalateCase(
                            Reads.caseId(caseId),
                            form.get("message"),
                            forms.enumOrNull(Cause.class, "cause", form.get("cause"), ui),
                            forms.enumOrNull(Criticality.class, "criticality", form.get("criticality"), ui),
                            submission));
            String key = Optional.ofNullable(submission).orElse("r-" + UUID.randomUUID());
            ReceiptBook.of(request.getSession()).put(actor, key, receipt);
            return new ModelAndView("redirect:/portal/receipts/" + Views.path(key));
        } catch (EscalationException | FormException e) {
            if (PortalAdvice.wantsJson(request)) {
                throw e; // a client that asks for JSON gets the problem as JSON (PortalAdvice), not the form
            }
            return escalateForm(
                    caseId,
                    form,
                    e instanceof EscalationException refused
                            ? Problem.of(refused, ui)
                            : Problem.of((FormException) e, ui),
                    ui);
        }
    }

    @GetMapping("/receipts/{key}")
    ModelAndView receipt(@PathVariable String key, HttpServletRequest request) {
        Actor actor = actors.required();
        Ui ui = context.ui(request);
        EscalationReceipt r = Optional.ofNullable(request.getSession(false))
                .flatMap(session -> ReceiptBook.of(session).get(actor, key))
                .orElseThrow(Reads.NotFound::new);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("escalation", reads.escalation(actor, r.escalation(), ui));
        m.put("created", r.created());
        r.hotline().ifPresent(h -> {
            Map<String, Object> hm = new LinkedHashMap<>();
            // the engine's sentence in the reader's language; coverage times in the vendor's zone and the reader's
            hm.put("message", engine.texts().hotline(h, ui.locale(), ui.zone()));
            hm.put(
                    "numbers",
                    h.numbers().stream()
                            .map(n -> Map.of(
                                    "label", n.label(),
                                    "number", n.number(),
                                    "tel", n.number().replaceAll("[^+0-9]", "")))
                            .toList());
            m.put("hotline", hm);
        });
        return new ModelAndView("receipt", m);
    }

    @GetMapping("/escalations/{id}")
    ModelAndView escalation(
            @PathVariable String id, @RequestParam(required = false) String done, HttpServletRequest request) {
        Actor actor = actors.required();
        Ui ui = context.ui(request);
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> e = reads.escalation(actor, Reads.escalationId(id), ui);
        e.putAll(forms.planFields(ui));
        m.put("escalation", e);
        forms.done(done, ui).ifPresent(d -> m.put("done", d));
        return new ModelAndView("customer-escalation", m);
    }

    @PostMapping("/escalations/{id}/{action}")
    String act(
            @PathVariable String id,
            @PathVariable String action,
            @RequestParam Map<String, String> form,
            HttpServletRequest request) {
        Actor actor = actors.required();
        Ui ui = context.ui(request);
        EscalationId eid = Reads.escalationId(id);
        Long version = forms.versionOrNull(form.get("version"), ui); // the version the form was rendered with
        String done = switch (action) {
            case "message" -> {
                engine.logProgress(
                        actor,
                        new LogProgress(
                                eid, LogProgress.Kind.COMMUNICATION, form.get("text"), Visibility.CUSTOMER, version));
                yield "message";
            }
            case "confirm-plan" -> {
                engine.confirmPlan(actor, new ConfirmPlan(eid, version));
                yield "confirmed";
            }
            case "propose-plan" -> {
                engine.proposePlan(
                        actor,
                        new ProposePlan(
                                eid,
                                forms.durationOrNull("frequency", form.get("frequency"), ui),
                                forms.enumOrNull(Channel.class, "channel", form.get("channel"), ui),
                                ui.parseInput("firstMeetingAt", form.get("firstMeetingAt")),
                                Forms.blankToNull(form.get("note")),
                                version));
                yield "proposed";
            }
            case "withdraw" -> {
                engine.withdraw(actor, new Withdraw(eid, form.get("reason"), version));
                yield "withdrawn";
            }
            case "reopen" -> {
                engine.reopen(actor, new Reopen(eid, form.get("reason"), version));
                yield "reopened";
            }
            case "decline-lessons" -> {
                engine.declineLessonsLearned(actor, new DeclineLessonsLearned(eid, form.get("reason"), version));
                yield "declined";
            }
            default -> throw new Reads.NotFound();
        };
        return "redirect:/portal/escalations/" + Views.path(id) + "?done=" + done;
    }
}
