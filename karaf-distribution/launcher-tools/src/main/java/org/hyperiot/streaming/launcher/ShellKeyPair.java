package org.hyperiot.streaming.launcher;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * The key pair with which {@code ./streaming shell} logs in to the node's Karaf over SSH, so that no
 * password has to be given to Karaf's client: RSA, 3072 bits. The private key is written as PKCS#8
 * PEM, which the SSH library of Karaf's client reads (for RSA the PKCS#8 form carries the public
 * key too; the JDK's EC encoding does not, and that library then refuses it). The public key goes
 * into {@code etc/keys.properties} in the form Karaf's public-key login module compares: the base64
 * of the SSH wire encoding ({@code ssh-rsa}, RFC 4253 section 6.6).
 */
final class ShellKeyPair {

    private static final String KEY_TYPE = "ssh-rsa";
    private static final int KEY_BITS = 3072;

    private ShellKeyPair() {
    }

    static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make RSA keys", e);
        }
    }

    static String privateKeyPem(PrivateKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    /** The public key as {@code keys.properties} holds it: base64 of the SSH wire encoding. */
    static String sshPublicKey(RSAPublicKey key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, KEY_TYPE.getBytes(StandardCharsets.US_ASCII));
            // BigInteger's two's-complement big-endian bytes are exactly SSH's mpint encoding.
            writeString(out, key.getPublicExponent().toByteArray());
            writeString(out, key.getModulus().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static void writeString(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }
}
