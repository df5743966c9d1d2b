package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;

/**
 * A support case as the host knows it.
 *
 * @param id       the case
 * @param customer the account it belongs to
 * @param title    its title
 */
public record SupportCase(CaseId id, CustomerId customer, String title) {

    /**
     * Validates the components, and makes the title printable (a directory's text reaches subjects, tickets and
     * databases: a line break or tab in it becomes a space, any other control character or unpaired surrogate U+FFFD,
     * and so does a bidirectional embedding, override or isolate left unclosed or closing nothing, which would
     * reorder the text after the title).
     *
     * @param id the case
     * @param customer the account it belongs to
     * @param title its title
     * @throws NullPointerException if a component is null
     */
    public SupportCase {
        requireNonNull(id, "id");
        requireNonNull(customer, "customer");
        title = DirectoryText.of(requireNonNull(title, "title"));
    }
}
