package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.spi.AuditAnchors;
import dev.escalation.spi.SubjectKeys;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;

/**
 * Turns the audit trail on ({@link EscalationEngineBuilder#auditTrail}): where the per-person keys and the signed
 * anchors are kept, and the host's Ed25519 key pair that signs anchors (the private key never leaves the engine; the
 * public key is what auditors verify with). See {@code docs/audit.md}.
 *
 * @param keys    the per-person keys under which personal values are committed
 * @param anchors where signed checkpoints are kept
 * @param signing an Ed25519 key pair (JDK {@code KeyPairGenerator.getInstance("Ed25519")} or loaded from the host's
 *                key store)
 */
public record AuditSettings(SubjectKeys keys, AuditAnchors anchors, KeyPair signing) {
    /**
     * Validates the components.
     *
     * @param keys the per-person keys
     * @param anchors where anchors are kept
     * @param signing an Ed25519 key pair
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the key pair is not an Ed25519 pair that signs and verifies
     */
    public AuditSettings {
        requireNonNull(keys, "keys");
        requireNonNull(anchors, "anchors");
        requireNonNull(signing, "signing");
        try {
            byte[] probe = {1, 2, 3};
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(signing.getPrivate());
            s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(signing.getPublic());
            s.update(probe);
            if (!s.verify(sig)) {
                throw new IllegalArgumentException("the public key does not belong to the private key");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException(
                    "signing must be an Ed25519 key pair: " + e.getClass().getName(), e);
        }
    }
}
