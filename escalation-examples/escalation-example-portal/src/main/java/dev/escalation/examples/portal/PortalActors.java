package dev.escalation.examples.portal;

import dev.escalation.Actor;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The {@link Actor} of the signed-in person: a user with the role {@code CONTACT} is the customer contact of the same
 * id, one with {@code STAFF} the staff member. The engine then authorises every call against its directories.
 */
@Component
class PortalActors {

    /** The actor of an authentication, or empty for an anonymous one. */
    Optional<Actor> actor(Authentication authentication) {
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        String name = authentication.getName();
        for (var authority : authentication.getAuthorities()) {
            if (("ROLE_" + SecurityConfiguration.STAFF).equals(authority.getAuthority())) {
                return Optional.of(Actor.staff(name));
            }
            if (("ROLE_" + SecurityConfiguration.CONTACT).equals(authority.getAuthority())) {
                return Optional.of(Actor.contact(name));
            }
        }
        return Optional.empty();
    }

    /** The current request's actor. */
    Optional<Actor> current() {
        return actor(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The current request's actor; the security rules make sure there is one on /portal and /desk. */
    Actor required() {
        return current().orElseThrow(() -> new IllegalStateException("no signed-in person"));
    }
}
