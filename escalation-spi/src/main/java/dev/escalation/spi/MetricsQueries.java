package dev.escalation.spi;

import java.util.List;

/**
 * Aggregates of the {@link MetricRow}s written with each {@link EscalationWrite}, the optional store facet of
 * {@link Capability#METRICS} ({@link EscalationStore#metrics()}). <b>Vendor-scoped.</b> A store answers with
 * aggregates computed where the rows live (JDBC: one {@code GROUP BY} statement), never by loading every row into the
 * application.
 */
public interface MetricsQueries {

    /**
     * Counts and sums the rows of a selection per group (period, customer and criticality if grouped by them,
     * transition, target). A row is counted once, in the group of its {@code at}, whatever happened to its escalation
     * since (rows outlive erasure and purging).
     *
     * @param selection which rows and how to group them
     * @return one total per group that has rows, in {@link MetricTotal#ORDER}
     * @throws UnavailableException if the backend cannot answer
     */
    List<MetricTotal> totals(MetricSelection selection);
}
