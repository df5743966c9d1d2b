package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The demo's rule from a signed-in person to an {@link Actor}: the role decides, whatever other authorities Spring
 * Security adds beside it (a sign-in with a password also carries {@code FACTOR_PASSWORD}), and a person with no role
 * is nobody. An earlier PIT run showed that no test told a role from another authority: the contact check negated
 * still passed, because the second authority then matched it.
 */
class PortalActorsTest {

    private static UsernamePasswordAuthenticationToken signedIn(String name, String... authorities) {
        return UsernamePasswordAuthenticationToken.authenticated(
                name, "n/a", AuthorityUtils.createAuthorityList(authorities));
    }

    @Test
    void theRoleDecidesWhateverOtherAuthoritiesComeWithIt() {
        assertThat(PortalActors.resolve(signedIn("ina", "ROLE_CONTACT"))).contains(Actor.contact("ina"));
        assertThat(PortalActors.resolve(signedIn("ina", "FACTOR_PASSWORD", "ROLE_CONTACT")))
                .contains(Actor.contact("ina"));
        assertThat(PortalActors.resolve(signedIn("sam", "ROLE_STAFF", "FACTOR_PASSWORD")))
                .contains(Actor.staff("sam"));
        assertThat(PortalActors.resolve(signedIn("sam", "FACTOR_PASSWORD", "ROLE_STAFF")))
                .contains(Actor.staff("sam"));
    }

    @Test
    void aPersonWithoutARoleOrNotSignedInIsNobody() {
        assertThat(PortalActors.resolve(signedIn("mallory", "FACTOR_PASSWORD"))).isEmpty();
        assertThat(PortalActors.resolve(signedIn("mallory", "ROLE_ADMIN", "CONTACT", "STAFF")))
                .isEmpty();
        assertThat(PortalActors.resolve(signedIn("mallory"))).isEmpty();
        UsernamePasswordAuthenticationToken signedOut = signedIn("ina", "ROLE_CONTACT");
        signedOut.setAuthenticated(false);
        assertThat(PortalActors.resolve(signedOut))
                .as("no longer authenticated")
                .isEmpty();
        assertThat(PortalActors.resolve(new AnonymousAuthenticationToken(
                        "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_CONTACT"))))
                .isEmpty();
        assertThat(PortalActors.resolve(() -> "ina"))
                .as("a principal that is no Authentication")
                .isEmpty();
    }
}
