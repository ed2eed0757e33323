package org.hyperiot.streaming.storm.internal.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What identifies a deployment: a SHA-256 over the topology's name, owner, configuration (canonical
 * JSON), the checksums of its jars in order and the serialised topology. It is recorded in the
 * submitted configuration, so that an unchanged provider is recognised after a restart and a changed
 * one is redeployed.
 */
final class TopologyFingerprint {

    private TopologyFingerprint() {
    }

    static String of(String name, String owner, String configurationJson, List<String> jarChecksums,
            byte[] serialisedTopology) {
        MessageDigest digest = sha256();
        // Length-prefixed parts: no two different inputs concatenate to the same bytes.
        part(digest, name.getBytes(StandardCharsets.UTF_8));
        part(digest, owner.getBytes(StandardCharsets.UTF_8));
        part(digest, configurationJson.getBytes(StandardCharsets.UTF_8));
        part(digest, String.join(",", jarChecksums).getBytes(StandardCharsets.UTF_8));
        part(digest, serialisedTopology);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void part(MessageDigest digest, byte[] bytes) {
        int length = bytes.length;
        digest.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        digest.update(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
