package dev.escalation.examples.portal;

import dev.escalation.Actor;
import dev.escalation.spring.boot.ActorResolver;
import java.security.Principal;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The {@link Actor} of the signed-in person, through the application's {@link ActorResolver} bean (the same one the
 * starter's Actuator endpoint uses): a user with the role {@code CONTACT} is the customer contact of the same id, one
 * with {@code STAFF} the staff member. The engine then authorises every call against its directories.
 */
@Component
class PortalActors {
    private final ActorResolver resolver;

    PortalActors(ActorResolver resolver) {
        this.resolver = resolver;
    }

    /** The demo's rule: the role says contact or staff, the user name is the id. */
    static Optional<Actor> resolve(Principal principal) {
        if (!(principal instanceof Authentication authentication)
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        String name = authentication.getName();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (("ROLE_" + SecurityConfiguration.STAFF).equals(authority.getAuthority())) {
                return Optional.of(Actor.staff(name));
            }
            if (("ROLE_" + SecurityConfiguration.CONTACT).equals(authority.getAuthority())) {
                return Optional.of(Actor.contact(name));
            }
        }
        return Optional.empty();
    }

    /** The current request's actor, or empty for nobody signed in. */
    Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? Optional.empty() : resolver.resolve(authentication);
    }

    /** The current request's actor; the security rules make sure there is one on /portal and /desk. */
    Actor required() {
        return current().orElseThrow(() -> new IllegalStateException("no signed-in person"));
    }
}
