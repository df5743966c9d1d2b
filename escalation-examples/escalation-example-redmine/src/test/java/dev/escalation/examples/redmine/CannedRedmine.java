package dev.escalation.examples.redmine;

import java.util.Map;

/**
 * The answers a small Redmine gives the adapter's first look-ups (the custom field, the current user, the statuses and
 * the priorities), an empty search and a created issue 7, by {@code "METHOD /path"}: what the tests that plant a
 * faulty answer on a local HTTP server start from.
 */
final class CannedRedmine {
    private CannedRedmine() {}

    static Map<String, String> answers() {
        return Map.of(
                "GET /custom_fields.json",
                "{\"custom_fields\":[{\"id\":1,\"name\":\"Escalation ID\","
                        + "\"customized_type\":\"issue\",\"is_filter\":true}]}",
                "GET /users/current.json",
                "{\"user\":{\"id\":1}}",
                "GET /issue_statuses.json",
                "{\"issue_statuses\":[{\"id\":1,\"name\":\"New\",\"is_closed\":false},"
                        + "{\"id\":5,\"name\":\"Closed\",\"is_closed\":true}]}",
                "GET /enumerations/issue_priorities.json",
                "{\"issue_priorities\":[{\"id\":2,\"name\":\"Normal\"}]}",
                "GET /issues.json",
                "{\"issues\":[],\"total_count\":0}",
                "POST /issues.json",
                "{\"issue\":{\"id\":7}}");
    }
}
