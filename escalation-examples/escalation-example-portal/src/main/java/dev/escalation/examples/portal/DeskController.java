package dev.escalation.examples.portal;

import dev.escalation.Actor;
import dev.escalation.AuditVerification;
import dev.escalation.DeskQuery;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.EscalationView;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.Close;
import dev.escalation.command.ConfirmPlan;
import dev.escalation.command.EscalateOnBehalf;
import dev.escalation.command.LogProgress;
import dev.escalation.command.ProposePlan;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.RecordPlanAlone;
import dev.escalation.command.Reopen;
import dev.escalation.command.Resolve;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.jdbc.AuditJsonLines;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Intake;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The support desk: the inbox with filters and counts, hotline-call intake, and an escalation's page with the
 * actions the engine offers the signed-in staff member (appoint, plan: propose, record or confirm, progress,
 * participants, resolve, reopen, lessons learned, close) and the audit export.
 */
@Controller
@RequestMapping("/desk")
class DeskController {
    private final EscalationEngine engine;
    private final PortalActors actors;
    private final PortalContext context;
    private final InMemoryCustomerDirectory customers;
    private final InMemoryStaffDirectory staff;
    private final Views views;
    private final Reads reads;
    private final Forms forms;

    DeskController(
            EscalationEngine engine,
            PortalActors actors,
            PortalContext context,
            InMemoryCustomerDirectory customers,
            InMemoryStaffDirectory staff,
            Views views,
            Reads reads,
            Forms forms) {
        this.engine = engine;
        this.actors = actors;
        this.context = context;
        this.customers = customers;
        this.staff = staff;
        this.views = views;
        this.reads = reads;
        this.forms = forms;
    }

    // ------------------------------------------------------------------ inbox

    @GetMapping
    ModelAndView inbox(@RequestParam Map<String, String> filter, HttpServletRequest request) {
        Actor actor = actors.required();
        Ui ui = context.ui(request);
        String state = filter.getOrDefault("state", "");
        String criticality = filter.getOrDefault("criticality", "");
        String scope = filter.getOrDefault("scope", "open"); // open | all
        boolean mine = "on".equals(filter.get("mine"));
        boolean breached = "on".equals(filter.get("breached"));
        DeskQuery query = scope.equals("all") ? DeskQuery.all() : DeskQuery.open();
        if (!state.isEmpty()) {
            query = query.states(forms.enumOrNull(EscalationState.class, "state", state, ui));
        }
        if (!criticality.isEmpty()) {
            query = query.criticality(forms.enumOrNull(Criticality.class, "criticality", criticality, ui));
        }
        if (mine) {
            query = query.mine();
        }
        if (breached) {
            query = query.breached(true);
        }
        query = query.sortBy(DeskQuery.Sort.NEXT_DEADLINE_ASC);
        List<EscalationSummary> rows =
                engine.operations().inbox(actor, query, Reads.FIRST_PAGE).items();
        Map<DeskQuery.Facet, Map<String, Long>> counts = engine.operations()
                .inboxCounts(
                        actor,
                        query,
                        EnumSet.of(DeskQuery.Facet.STATE, DeskQuery.Facet.CRITICALITY, DeskQuery.Facet.BREACHED));

        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "rows",
                rows.stream()
                        .map(s -> views.summary(s, "/desk/escalations/", ui))
                        .toList());
        m.put("hasRows", !rows.isEmpty());
        m.put("states", facet(EscalationState.values(), counts.get(DeskQuery.Facet.STATE), state, ui));
        m.put("criticalities", facet(Criticality.values(), counts.get(DeskQuery.Facet.CRITICALITY), criticality, ui));
        Map<String, Long> breachedCounts = counts.getOrDefault(DeskQuery.Facet.BREACHED, Map.of());
        m.put("breachedCount", breachedCounts.getOrDefault("true", 0L));
        m.put("mine", mine);
        m.put("breached", breached);
        m.put("scopeAll", scope.equals("all"));
        m.put("recordsCalls", recordsCalls(actor));
        return new ModelAndView("desk", m);
    }

    private List<Map<String, Object>> facet(Enum<?>[] values, Map<String, Long> counts, String selected, Ui ui) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Enum<?> e : values) {
            long n = counts == null ? 0 : counts.getOrDefault(e.name(), 0L);
            list.add(Map.of(
                    "value",
                    e.name(),
                    "label",
                    ui.label(e),
                    "count",
                    n,
                    "selected",
                    e.name().equals(selected)));
        }
        return list;
    }

    // ------------------------------------------------------------------ hotline intake

    @GetMapping("/hotline")
    ModelAndView hotlineForm(HttpServletRequest request) {
        if (!recordsCalls(actors.required())) {
            throw new Forbidden(); // the form lists every customer's cases and Incident Managers
        }
        Ui ui = context.ui(request);
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> cases = new ArrayList<>();
        List<Map<String, Object>> managers = new ArrayList<>();
        for (String c : List.of("acme", "globex")) {
            CustomerAccount account =
                    customers.account(dev.escalation.model.CustomerId.of(c)).orElseThrow();
            for (SupportCase sc : customers.cases(account.id())) {
                cases.add(Map.of(
                        "value",
                        sc.id().value(),
                        "label",
                        account.name() + " · " + sc.id().value() + " " + sc.title()));
            }
            for (Touchpoint t : customers.touchpoints(account.id(), CustomerRole.INCIDENT_MANAGER)) {
                managers.add(Map.of("value", t.id().value(), "label", t.displayName() + " (" + account.name() + ")"));
            }
        }
        m.put("cases", cases);
        m.put("incidentManagers", managers);
        m.put("causes", forms.options(Cause.values(), "", ui));
        m.put("criticalities", forms.options(Criticality.values(), Criticality.CRITICAL.name(), ui));
        m.put("submissionId", "call-" + UUID.randomUUID());
        return new ModelAndView("desk-hotline", m);
    }

    /**
     * Whether the staff member may record hotline calls: an active member with Support Management or Head of Support,
     * the engine's rule for {@link EscalateOnBehalf} (which refuses anyone else's call with {@code NOT_AUTHORIZED}).
     * The form is not shown to anyone else: it lists the cases and Incident Managers of every customer.
     */
    private boolean recordsCalls(Actor actor) {
        return actor.kind() == Actor.Kind.STAFF
                && staff.member(StaffId.of(actor.id()))
                        .filter(StaffMember::active)
                        .map(m -> m.roles().contains(StaffRole.SUPPORT_MANAGEMENT)
                                || m.roles().contains(StaffRole.HEAD_OF_SUPPORT))
                        .orElse(false);
    }

    /** Not for this staff member: Spring answers 403 with the portal's error page. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.FORBIDDEN)
    static final class Forbidden extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @PostMapping("/hotline")
    String recordCall(@RequestParam Map<String, String> form, HttpServletRequest request) {
        Actor actor = actors.required();
        Ui ui = context.ui(request);
        EscalationReceipt receipt = engine.escalateOnBehalf(
                actor,
                new EscalateOnBehalf(
                        forms.idOrNull(CaseId::of, "caseId", form.get("caseId"), ui),
                        forms.idOrNull(ContactId::of, "incidentManager", form.get("incidentManager"), ui),
                        Intake.Channel.HOTLINE_CALL,
                        form.get("message"),
                        forms.enumOrNull(Cause.class, "cause", form.get("cause"), ui),
                        forms.enumOrNull(Criticality.class, "criticality", form.get("criticality"), ui),
                        Forms.blankToNull(form.get("submissionId"))));
        return "redirect:/desk/escalations/" + Views.path(receipt.escalation().value()) + "?done=recordedCall";
    }

    // ------------------------------------------------------------------ one escalation

    @GetMapping("/escalations/{id}")
    ModelAndView escalation(
            @PathVariable String id, @RequestParam(required = false) String done, HttpServletRequest request) {
        Actor actor = actors.required();
        Ui ui = context.ui(request);
        EscalationId eid = Reads.escalationId(id);
        EscalationView v = engine.find(actor, eid).orElseThrow(Reads.NotFound::new);
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> e = reads.escalation(actor, eid, ui);
        e.putAll(forms.planFields(ui));
        e.put(
                "managers",
                staff.withRole(StaffRole.ESCALATION_MANAGER).stream()
                        .map(s -> Map.of("id", s.id().value(), "name", s.displayName()))
                        .toList());
        List<Map<String, Object>> people = new ArrayList<>();
        for (StaffMember s : staffMembers()) {
            people.add(Map.of("key", "staff:" + s.id().value(), "name", s.displayName() + " (" + ui.t("vendor") + ")"));
        }
        for (Touchpoint t : customers.touchpoints(v.customer(), CustomerRole.TECHNICAL_CONTACT)) {
            people.add(Map.of(
                    "key", "contact:" + t.id().value(), "name", t.displayName() + " (" + ui.t("customer") + ")"));
        }
        e.put("people", people);
        e.put("progressKinds", forms.options(LogProgress.Kind.values(), LogProgress.Kind.STATUS_UPDATE.name(), ui));
        e.put("auditHref", "/desk/escalations/" + Views.path(id) + "/audit.jsonl");
        m.put("escalation", e);
        if ("verify".equals(done)) {
            AuditVerification check = engine.operations().audit().verify(actor, eid);
            m.put(
                    "verification",
                    check.intact()
                            ? ui.t("audit.intact", check.length(), check.head().orElse("-"))
                            : ui.t(
                                    "audit.broken",
                                    check.problem().map(p -> p.sequence()).orElse(0L),
                                    check.problem().map(p -> p.reason().name()).orElse("")));
        } else if ("recordedCall".equals(done)) {
            m.put("done", ui.t("done.recordedCall"));
        } else {
            forms.done(done, ui).ifPresent(d -> m.put("done", d));
        }
        return new ModelAndView("desk-escalation", m);
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

    @GetMapping("/escalations/{id}/audit.jsonl")
    ResponseEntity<byte[]> audit(@PathVariable String id) {
        Actor actor = actors.required();
        StringWriter out = new StringWriter();
        AuditJsonLines.write(engine.auditTrail(actor, Reads.escalationId(id)), out);
        return ResponseEntity.ok()
                .contentType(new MediaType("application", "jsonl", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(id.replaceAll("[^A-Za-z0-9_.-]", "_") + ".audit.jsonl")
                                .build()
                                .toString())
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/escalations/{id}/{action}")
    String act(
            @PathVariable String id,
            @PathVariable String action,
            @RequestParam MultiValueMap<String, String> form,
            HttpServletRequest request) {
        Actor actor = actors.required();
        Ui ui = context.ui(request);
        EscalationId eid = Reads.escalationId(id);
        Long version = forms.versionOrNull(form.getFirst("version"), ui); // the version the form was rendered with
        String done = switch (action) {
            case "acknowledge" -> {
                engine.acknowledge(
                        actor,
                        new Acknowledge(
                                eid,
                                forms.idOrNull(StaffId::of, "manager", form.getFirst("manager"), ui),
                                form.getFirst("note"),
                                version));
                yield "acknowledged";
            }
            case "plan" -> {
                engine.agreePlan(
                        actor,
                        new AgreePlan(
                                eid,
                                forms.durationOrNull("frequency", form.getFirst("frequency"), ui),
                                forms.enumOrNull(Channel.class, "channel", form.getFirst("channel"), ui),
                                ui.parseInput("firstMeetingAt", form.getFirst("firstMeetingAt")),
                                version));
                yield "plan";
            }
            case "propose-plan" -> {
                engine.proposePlan(
                        actor,
                        new ProposePlan(
                                eid,
                                forms.durationOrNull("frequency", form.getFirst("frequency"), ui),
                                forms.enumOrNull(Channel.class, "channel", form.getFirst("channel"), ui),
                                ui.parseInput("firstMeetingAt", form.getFirst("firstMeetingAt")),
                                Forms.blankToNull(form.getFirst("note")),
                                version));
                yield "proposed";
            }
            case "confirm-plan" -> {
                engine.confirmPlan(actor, new ConfirmPlan(eid, version));
                yield "confirmed";
            }
            case "plan-alone" -> {
                engine.recordPlanAlone(actor, new RecordPlanAlone(eid, version));
                yield "planAlone";
            }
            case "progress" -> {
                engine.logProgress(
                        actor,
                        new LogProgress(
                                eid,
                                forms.enumOrNull(LogProgress.Kind.class, "kind", form.getFirst("kind"), ui),
                                form.getFirst("text"),
                                "on".equals(form.getFirst("internal")) ? Visibility.INTERNAL : Visibility.CUSTOMER,
                                version));
                yield "progress";
            }
            case "participant" -> {
                AddParticipant participant = participant(eid, form, ui);
                engine.addParticipant(actor, version == null ? participant : participant.expectingVersion(version));
                yield "participant";
            }
            case "resolve" -> {
                engine.resolve(actor, new Resolve(eid, form.getFirst("summary"), version));
                yield "resolved";
            }
            case "reopen" -> {
                engine.reopen(actor, new Reopen(eid, form.getFirst("reason"), version));
                yield "reopened";
            }
            case "schedule" -> {
                String minutes = form.getFirst("minutes");
                Duration duration;
                try {
                    duration = minutes == null || minutes.isBlank()
                            ? null
                            : Duration.ofMinutes(Long.parseLong(minutes.trim()));
                } catch (NumberFormatException | ArithmeticException e) { // not a number, or beyond a Duration
                    throw new FormException("duration", ui.t("form.minutes"));
                }
                engine.scheduleLessonsLearned(
                        actor,
                        new ScheduleLessonsLearned(eid, ui.parseInput("at", form.getFirst("at")), duration, version));
                yield "scheduled";
            }
            case "record" -> {
                List<String> descriptions = form.getOrDefault("actionDescription", List.of());
                List<String> owners = form.getOrDefault("actionOwner", List.of());
                List<RecordLessonsLearned.Action> actions = new ArrayList<>();
                for (int i = 0; i < Math.max(descriptions.size(), owners.size()); i++) {
                    String d = i < descriptions.size() ? descriptions.get(i) : "";
                    String o = i < owners.size() ? owners.get(i) : "";
                    if (!d.isBlank() || !o.isBlank()) { // empty rows of the form are not actions
                        actions.add(new RecordLessonsLearned.Action(d, o));
                    }
                }
                engine.recordLessonsLearned(
                        actor, new RecordLessonsLearned(eid, form.getFirst("findings"), actions, version));
                yield "recorded";
            }
            case "close" -> {
                engine.close(actor, new Close(eid, Forms.blankToNull(form.getFirst("note")), version));
                yield "closed";
            }
            default -> throw new Reads.NotFound();
        };
        return "redirect:/desk/escalations/" + Views.path(id) + "?done=" + done;
    }

    private static AddParticipant participant(EscalationId id, MultiValueMap<String, String> form, Ui ui) {
        String who = form.getFirst("who") == null ? "" : form.getFirst("who");
        if (who.equals("external")) {
            return AddParticipant.external(id, form.getFirst("displayName"), Forms.blankToNull(form.getFirst("email")));
        }
        if (who.startsWith("staff:")) {
            return AddParticipant.staff(id, who.substring(6));
        }
        if (who.startsWith("contact:")) {
            return AddParticipant.contact(id, who.substring(8));
        }
        throw new FormException("who", ui.t("form.choice"));
    }
}
