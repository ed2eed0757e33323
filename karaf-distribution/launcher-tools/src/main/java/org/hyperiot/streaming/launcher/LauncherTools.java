package org.hyperiot.streaming.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;

/**
 * Commands of {@code bin/streaming} that a shell script cannot do well. Secrets come in on standard
 * input and go out into files readable by their owner only, never through the command line, which
 * every user of the machine can read in the process list.
 *
 * <pre>
 * LauncherTools hash-password &lt; password        prints the users.properties form of the password
 * LauncherTools shell-key PRIVATE_KEY_FILE        writes a new key pair's private key (mode 0600),
 *                                                 prints the public key for etc/keys.properties
 * </pre>
 */
public final class LauncherTools {

    private LauncherTools() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) throws IOException {
        SecureRandom random = new SecureRandom();
        if (args.length == 1 && args[0].equals("hash-password")) {
            String password = withoutFinalNewline(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (password.isEmpty()) {
                err.println("hash-password: no password on standard input");
                return 2;
            }
            out.println(PasswordHash.of(password, random));
            return 0;
        }
        if (args.length == 2 && args[0].equals("shell-key")) {
            KeyPair keys = ShellKeyPair.generate(random);
            Path file = Path.of(args[1]);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, ShellKeyPair.privateKeyPem(keys.getPrivate()), StandardOpenOption.TRUNCATE_EXISTING);
            out.println(ShellKeyPair.sshPublicKey((RSAPublicKey) keys.getPublic()));
            return 0;
        }
        err.println("usage: LauncherTools hash-password < password | LauncherTools shell-key PRIVATE_KEY_FILE");
        return 2;
    }

    private static String withoutFinalNewline(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
