package dev.escalation.examples.portal;

import dev.escalation.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/** The start page (to the portal or the desk) and the sign-in page with the demo users. */
@Controller
class HomeController {
    private final PortalActors actors;
    private final PortalContext context;

    HomeController(PortalActors actors, PortalContext context) {
        this.actors = actors;
        this.context = context;
    }

    @GetMapping("/")
    String home() {
        Optional<Actor> actor = actors.current();
        if (actor.isEmpty()) {
            return "redirect:/login";
        }
        return actor.get().kind() == Actor.Kind.CONTACT ? "redirect:/portal" : "redirect:/desk";
    }

    @GetMapping("/login")
    ModelAndView login(HttpServletRequest request) {
        Ui ui = context.ui(request);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "people",
                DemoData.PEOPLE.stream()
                        .map(p -> Map.of(
                                "user",
                                p.user(),
                                "name",
                                p.name(),
                                "description",
                                ui.german() ? p.descriptionDe() : p.descriptionEn()))
                        .toList());
        m.put("password", SecurityConfiguration.DEMO_PASSWORD);
        m.put("failed", request.getParameter("error") != null);
        m.put("signedOut", request.getParameter("signedOut") != null);
        return new ModelAndView("login", m);
    }
}
