package org.hyperiot.streaming.storm.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** A jar on local disk with its SHA-256, ready to upload. */
record TopologyJar(Path path, String sha256) {

    static TopologyJar of(Path path) throws IOException {
        MessageDigest digest = TopologyFingerprint.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return new TopologyJar(path, HexFormat.of().formatHex(digest.digest()));
    }
}
