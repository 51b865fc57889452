package dev.logverdict.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 in a PKCS12 key store, made with the JDK's keytool: S3Proxy
 * serves HTTPS with it, and clients trust it as their only authority. Over HTTPS the SDK sends S3 bodies
 * unsigned with a trailing checksum, as the function does against S3 in Lambda; over plain HTTP it would
 * hash every byte with SHA-256 to sign it.
 */
public final class TlsCertificate {

    private static final String PASSWORD = "logverdict-test";

    private final Path keyStore;

    private TlsCertificate(Path keyStore) {
        this.keyStore = keyStore;
    }

    /** Makes the key store in {@code dir} unless it is already there. */
    public static TlsCertificate in(Path dir) {
        Path keyStore = dir.resolve("localhost.p12");
        if (!Files.isRegularFile(keyStore)) {
            try {
                Files.createDirectories(dir);
                Process keytool = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "keytool")
                                        .toString(),
                                "-genkeypair",
                                "-alias",
                                "localhost",
                                "-keyalg",
                                "EC",
                                "-groupname",
                                "secp256r1",
                                "-validity",
                                "30",
                                "-dname",
                                "CN=127.0.0.1",
                                "-ext",
                                "SAN=ip:127.0.0.1",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                keyStore.toString(),
                                "-storepass",
                                PASSWORD)
                        .redirectErrorStream(true)
                        .start();
                String output = new String(keytool.getInputStream().readAllBytes());
                if (keytool.waitFor() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return new TlsCertificate(keyStore);
    }

    public Path keyStore() {
        return keyStore;
    }

    public String password() {
        return PASSWORD;
    }

    /** Trust managers that trust this certificate alone. */
    public TrustManager[] trustManagers() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JVM flags that make another process trust this certificate alone. */
    public List<String> trustStoreFlags() {
        return List.of(
                "-Djavax.net.ssl.trustStore=" + keyStore.toAbsolutePath(),
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }
}
