package dev.escalation.jdbc;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips a jqwik container on a machine without PostgreSQL ({@value TestDatabase#PG_URL} not set), with the message
 * {@link TestDatabase#postgresql} gives a JUnit test. A property cannot use that assumption: jqwik counts an aborted
 * try as rejected, and a property whose every try is rejected fails as exhausted instead of being skipped. Added with
 * {@code @AddLifecycleHook(PostgresRequired.class)} on the class.
 */
final class PostgresRequired implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return TestDatabase.postgresqlConfigured()
                ? SkipResult.doNotSkip()
                : SkipResult.skip(TestDatabase.skipped(context.label()));
    }
}
