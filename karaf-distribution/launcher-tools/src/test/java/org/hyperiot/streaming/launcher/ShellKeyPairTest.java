package org.hyperiot.streaming.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class ShellKeyPairTest {

    private final KeyPair keys = ShellKeyPair.generate(new SecureRandom());

    @Test
    void publicKeyIsTheSshWireEncodingOfExponentAndModulus() throws IOException {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(
                Base64.getDecoder().decode(ShellKeyPair.sshPublicKey(key))));
        assertThat(new String(readString(in), StandardCharsets.US_ASCII)).isEqualTo("ssh-rsa");
        BigInteger exponent = new BigInteger(readString(in));
        byte[] modulus = readString(in);
        assertThat(in.available()).isZero();
        assertThat(exponent).isEqualTo(key.getPublicExponent());
        // An mpint is signed: a modulus with its top bit set needs a leading zero byte to stay positive.
        assertThat(modulus[0]).isZero();
        assertThat(new BigInteger(modulus)).isEqualTo(key.getModulus());
        assertThat(key.getModulus().bitLength()).isEqualTo(3072);
    }

    @Test
    void privateKeyPemReadsBackAsTheKeyThatSignsForThePublicOneAndCarriesIt() throws Exception {
        String pem = ShellKeyPair.privateKeyPem(keys.getPrivate());

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("\n-----END PRIVATE KEY-----\n");
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
        PrivateKey read = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
        // An SSH client derives the public key from the file alone.
        assertThat(((RSAPrivateCrtKey) read).getPublicExponent()).isEqualTo(((RSAPublicKey) keys.getPublic()).getPublicExponent());
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(read);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
    }

    private static byte[] readString(DataInputStream in) throws IOException {
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        return value;
    }
}
