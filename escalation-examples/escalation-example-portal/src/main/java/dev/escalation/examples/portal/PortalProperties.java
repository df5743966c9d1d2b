package dev.escalation.examples.portal;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo's own settings ({@code portal.*}).
 *
 * @param anchorKeyFile where the audit anchors' signing key is kept (created on first start)
 * @param maxFormBytes  the largest request body accepted; a larger one is answered with 413
 */
@ConfigurationProperties("portal")
record PortalProperties(Path anchorKeyFile, long maxFormBytes) {}
