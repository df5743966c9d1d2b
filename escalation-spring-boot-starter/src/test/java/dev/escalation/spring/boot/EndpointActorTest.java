package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The dead-letter endpoint with a role-based {@link ActorResolver} as {@link ActorResolver}'s Javadoc recommends: a
 * signed-in customer whose login name is a Support Management staff id, an anonymous visitor, and a context with two
 * resolvers are all refused, and only the principal holding the staff role lists the dead letters.
 */
class EndpointActorTest {

    /** A signed-in principal and the roles its sign-in established. */
    record SignedIn(String name, Set<String> roles, boolean anonymous) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }

    /** Staff by role, never by name; an anonymous visitor is nobody. */
    static final ActorResolver BY_ROLE = principal -> principal instanceof SignedIn s && !s.anonymous()
            ? Optional.of(s.roles().contains("STAFF") ? Actor.staff(s.name()) : Actor.contact(s.name()))
            : Optional.empty();

    private final ApplicationContextRunner runner = TestAdapters.inMemory();

    private static SecurityContext as(@Nullable Principal principal) {
        return new SecurityContext() {
            @Override
            public @Nullable Principal getPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return principal instanceof SignedIn s && s.roles().contains(role);
            }
        };
    }

    private static int status(EscalationEndpoint endpoint, Principal principal) {
        WebEndpointResponse<Map<String, Object>> answer = endpoint.deadLetters(as(principal), null, null);
        return answer.getStatus();
    }

    @Test
    void onlyThePrincipalWithTheStaffRoleIsSupportManagement() {
        runner.run(context -> {
            EscalationEngine engine = context.getBean(EscalationEngine.class);
            EscalationEndpoint endpoint = new EscalationEndpoint(engine, context.getBeanProvider(ActorResolver.class));
            // the context's resolver is TestAdapters' name-based one: replace it by the role-based one
            EscalationEndpoint byRole = new EscalationEndpoint(engine, new StaticProvider(BY_ROLE));

            assertThat(status(byRole, new SignedIn("sam", Set.of("STAFF"), false)))
                    .isEqualTo(200);
            assertThat(status(byRole, new SignedIn("sam", Set.of("CUSTOMER"), false)))
                    .as("a customer who signed in as 'sam' is no staff member")
                    .isEqualTo(403);
            assertThat(status(byRole, new SignedIn("sam", Set.of("STAFF"), true)))
                    .as("an anonymous visitor")
                    .isEqualTo(403);
            assertThat(status(byRole, new SignedIn("eve", Set.of("STAFF"), false)))
                    .as("staff without Support Management")
                    .isEqualTo(403);
            assertThat(status(endpoint, new SignedIn("sam", Set.of("STAFF"), false)))
                    .isEqualTo(200);
        });
    }

    @Test
    void twoResolversAreNoneAndEveryoneIsRefused() {
        runner.withBean("secondResolver", ActorResolver.class, () -> BY_ROLE).run(context -> {
            EscalationEndpoint endpoint = new EscalationEndpoint(
                    context.getBean(EscalationEngine.class), context.getBeanProvider(ActorResolver.class));
            assertThat(status(endpoint, new SignedIn("sam", Set.of("STAFF"), false)))
                    .isEqualTo(403);
        });
    }

    /** One resolver, as an ObjectProvider. */
    private record StaticProvider(ActorResolver resolver)
            implements org.springframework.beans.factory.ObjectProvider<ActorResolver> {
        @Override
        public ActorResolver getObject() {
            return resolver;
        }

        @Override
        public ActorResolver getObject(Object... args) {
            return resolver;
        }

        @Override
        public ActorResolver getIfAvailable() {
            return resolver;
        }

        @Override
        public ActorResolver getIfUnique() {
            return resolver;
        }
    }
}
