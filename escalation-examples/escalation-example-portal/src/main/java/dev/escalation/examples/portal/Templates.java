package dev.escalation.examples.portal;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.Map;

/**
 * Renders the Mustache templates under {@code dev/escalation/examples/portal/templates}. Mustache HTML-escapes every
 * {@code {{value}}}; the templates never use triple mustaches, so user text is always shown as text.
 */
final class Templates {
    private final MustacheFactory factory = new DefaultMustacheFactory("dev/escalation/examples/portal/templates");

    String render(String template, Map<String, Object> model) {
        Mustache mustache = factory.compile(template + ".mustache");
        StringWriter out = new StringWriter();
        mustache.execute(out, model);
        return out.toString();
    }
}
