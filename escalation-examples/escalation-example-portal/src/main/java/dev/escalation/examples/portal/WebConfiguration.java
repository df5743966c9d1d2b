package dev.escalation.examples.portal;

import com.samskivert.mustache.Mustache;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import org.springframework.boot.mustache.autoconfigure.MustacheResourceTemplateLoader;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web layer's plumbing: the size limit, parameters that cannot be decoded, a form's line breaks, requests of the
 * error path itself, the DE/EN switch ({@code ?lang=de}) and the template compiler.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /** Runs before every other filter (Spring Security's CSRF check reads the form). */
    @Bean
    FilterRegistrationBean<FormSizeLimit> formSizeLimit(PortalProperties properties) {
        FilterRegistrationBean<FormSizeLimit> registration =
                new FilterRegistrationBean<>(new FormSizeLimit(properties.maxFormBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Runs after the size limit and Spring Boot's character-encoding filter (both at the highest precedence: the
     * form is decoded as UTF-8), before Spring Security and the pages: parameters that cannot be decoded are a 400.
     */
    @Bean
    FilterRegistrationBean<ReadableParameters> readableParameters() {
        FilterRegistrationBean<ReadableParameters> registration =
                new FilterRegistrationBean<>(new ReadableParameters());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Right after: the pages read a form's CR LF as LF, as the browser counted it against {@code maxlength}. */
    @Bean
    FilterRegistrationBean<FormLineBreaks> formLineBreaks() {
        FilterRegistrationBean<FormLineBreaks> registration = new FilterRegistrationBean<>(new FormLineBreaks());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    /** Only for requests of the error path itself; the container's error dispatch does not pass filters. */
    @Bean
    FilterRegistrationBean<DirectErrorRequests> directErrorRequests() {
        FilterRegistrationBean<DirectErrorRequests> registration =
                new FilterRegistrationBean<>(new DirectErrorRequests());
        registration.addUrlPatterns("/error", "/error/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    private final PortalLocaleResolver locales;

    WebConfiguration(PortalActors actors, InMemoryCustomerDirectory customers) {
        this.locales = new PortalLocaleResolver(actors, customers);
    }

    @Bean
    LocaleResolver localeResolver() {
        return locales;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LanguageSwitch(locales));
    }

    /**
     * Mustache with HTML escaping (JMustache's default: every {@code {{value}}} is escaped; the templates use no
     * triple mustaches) and partials from {@code templates/}; a missing value renders as nothing.
     */
    @Bean
    Mustache.Compiler mustacheCompiler() {
        return Mustache.compiler()
                .escapeHTML(true)
                .defaultValue("")
                .withLoader(new MustacheResourceTemplateLoader("classpath:/templates/", ".mustache"));
    }
}
