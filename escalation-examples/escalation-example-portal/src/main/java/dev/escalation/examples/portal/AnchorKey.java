package dev.escalation.examples.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The Ed25519 key that signs the audit trail's anchors, kept in a file beside the demo's database so that anchors
 * stay verifiable after a restart. A production host keeps it in its key store, out of the store writers' reach.
 */
record AnchorKey(KeyPair pair) {

    static AnchorKey load(Path file) {
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                return new AnchorKey(new KeyPair(
                        factory.generatePublic(
                                new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(0)))),
                        factory.generatePrivate(
                                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(1))))));
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.write(
                    file,
                    List.of(
                            Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                            Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())));
            return new AnchorKey(pair);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the anchor key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }
}
