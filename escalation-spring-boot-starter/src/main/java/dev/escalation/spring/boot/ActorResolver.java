package dev.escalation.spring.boot;

import dev.escalation.Actor;
import java.security.Principal;
import java.util.Optional;

/**
 * Turns the principal the host authenticated into the {@link Actor} the engine authorises. The host provides one bean
 * of this type; the starter's Actuator endpoint {@code escalation} calls it for every request, and the
 * host's own controllers should call it too, so that one rule decides who a signed-in person is.
 *
 * <p>The engine does not trust the actor blindly: it checks role and identity against the staff and customer
 * directories on every call. The resolver only says <em>who</em> is asking, never what they may do. With Spring
 * Security the principal is the {@code Authentication}. Tell staff from contacts by what the host's sign-in
 * established (a role, an issuer, a claim), never by whether the name also exists in the staff directory: where
 * customers and staff sign in through one namespace, a customer who picked a staff member's login name would become
 * that staff member. Nor is an anonymous visitor anyone: Spring Security's {@code AnonymousAuthenticationToken}
 * reports itself authenticated, under the name {@code anonymousUser}, so a contact with that login name would be every
 * visitor. For example, with staff signed in holding the role {@code STAFF}:
 *
 * <pre>{@code
 * @Bean
 * ActorResolver actors() {
 *     return principal -> principal instanceof Authentication auth && auth.isAuthenticated()
 *                     && !(auth instanceof AnonymousAuthenticationToken)
 *             ? Optional.of(auth.getAuthorities().stream().anyMatch(a -> "ROLE_STAFF".equals(a.getAuthority()))
 *                     ? Actor.staff(auth.getName())
 *                     : Actor.contact(auth.getName()))
 *             : Optional.empty();
 * }
 * }</pre>
 *
 * <p>Implementations must be thread-safe (called concurrently from request threads), fast (no remote call per request
 * if it can be avoided) and must not throw for an unknown principal: they return empty, and the caller answers 403.
 */
@FunctionalInterface
public interface ActorResolver {

    /**
     * The actor of an authenticated principal.
     *
     * @param principal the authenticated principal (with Spring Security, the {@code Authentication}); never null
     * @return the actor, or empty if the principal is no contact or staff member the host knows
     */
    Optional<Actor> resolve(Principal principal);
}
