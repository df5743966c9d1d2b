package dev.escalation.examples.portal;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * Who may sign in and what protects the forms: form login with the demo users (one password for all), CSRF tokens
 * on every state-changing request (Spring Security's default, kept on), a new session id at sign-in (session fixation
 * protection), the customer portal for contacts and the desk for staff. What each person may see and do is the
 * engine's decision: the portal passes it the {@link dev.escalation.Actor} of the signed-in person
 * ({@link PortalActors}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    /** The demo's only password (printed on the sign-in page); a real host signs people in with its own IdP. */
    static final String DEMO_PASSWORD = "demo";

    static final String CONTACT = "CONTACT";
    static final String STAFF = "STAFF";

    @Bean
    SecurityFilterChain portalSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/portal/**")
                        .hasRole(CONTACT)
                        .requestMatchers("/desk/**")
                        .hasRole(STAFF)
                        .anyRequest()
                        .permitAll())
                .formLogin(form ->
                        form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(signIn()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * Sends a request that needs a signed-in person to the sign-in page by a path ({@code Location: /login}), not by an
     * absolute URL made from the request's {@code Host} header (Spring Security's default), which a client chooses.
     */
    private static LoginUrlAuthenticationEntryPoint signIn() {
        LoginUrlAuthenticationEntryPoint entryPoint = new LoginUrlAuthenticationEntryPoint("/login");
        entryPoint.setFavorRelativeUris(true);
        return entryPoint;
    }

    @Bean
    UserDetailsService demoUsers() {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<UserDetails> users = new ArrayList<>();
        for (DemoData.Person p : DemoData.PEOPLE) {
            users.add(User.withUsername(p.user())
                    .password(encoder.encode(DEMO_PASSWORD))
                    .roles(p.staff() ? STAFF : CONTACT)
                    .build());
        }
        return new InMemoryUserDetailsManager(users);
    }
}
