package dev.escalation.examples.portal;

/** A refusal found by the portal itself (an unknown page, a receipt that expired), shown like an engine refusal. */
final class PageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    PageException(Problem problem) {
        super(problem.message(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
