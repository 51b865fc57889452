package dev.logverdict.crypto;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Gives TLS's AES-GCM to the Amazon Corretto Crypto Provider (ACCP), which runs it in native code. Reading a
 * log from S3 is mostly decrypting TLS records; the JDK does that in plain Java unless C2 compiles its
 * intrinsics, and Lambda's default JIT is C1 only (docs/performance.md).
 *
 * <p>Only the cipher is taken: key exchange, signatures and {@code SecureRandom} stay with the JDK, so a
 * SnapStart restore never reuses a native generator's state. ACCP ships one jar per architecture, both with
 * the native library at the same path, so the build puts each jar under {@code native/<classifier>/} outside
 * the class path and this loads the one for the machine it runs on in a class loader of its own. Nothing is
 * installed unless ACCP loads, reports itself healthy and encrypts and decrypts exactly as the JDK does.
 */
public final class NativeAesGcm {

    static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
    static final String JAR_RESOURCE = "native/%s/AmazonCorrettoCryptoProvider.jar";

    /** What {@link #install} did: {@code installed}, or why the JDK's own AES-GCM stays in use. */
    public record Outcome(boolean installed, String detail) {}

    private NativeAesGcm() {}

    /** Installs native AES-GCM for this JVM; once it is installed, later calls only report it. */
    public static synchronized Outcome install() {
        return install(
                NativeAesGcm.class.getClassLoader(), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    static synchronized Outcome install(ClassLoader resources, String osName, String osArch) {
        Provider present = Security.getProvider(AesGcmOnlyProvider.NAME);
        if (present != null) {
            return new Outcome(true, present.getInfo());
        }
        if (inNativeImage()) {
            return new Outcome(false, "a native image uses the AES-GCM compiled into it");
        }
        String classifier = classifier(osName, osArch);
        if (classifier == null) {
            return new Outcome(false, "no native AES-GCM is packaged for " + osName + " on " + osArch);
        }
        String resource = JAR_RESOURCE.formatted(classifier);
        URL jar = resources.getResource(resource);
        if (jar == null || !"file".equals(jar.getProtocol())) {
            return new Outcome(false, resource + (jar == null ? " is not packaged" : " is not an unpacked file"));
        }
        try {
            Provider accp = load(jar);
            Provider.Service aesGcm = accp.getService("Cipher", AesGcmOnlyProvider.TRANSFORMATION);
            if (aesGcm == null) {
                return new Outcome(false, accp.getName() + " offers no " + AesGcmOnlyProvider.TRANSFORMATION);
            }
            String origin = accp.getName() + " " + accp.getVersionStr();
            Provider provider = new AesGcmOnlyProvider(aesGcm, origin);
            checkAgainstTheJdk(provider);
            Security.insertProviderAt(provider, 1);
            return new Outcome(true, provider.getInfo());
        } catch (ReflectiveOperationException | GeneralSecurityException | LinkageError | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException invoked ? invoked.getCause() : e;
            return new Outcome(false, "ACCP from " + resource + " is not usable: " + cause);
        }
    }

    /** Whether this runs as a GraalVM native image, which has no class loader for jars. */
    static boolean inNativeImage() {
        return System.getProperty("org.graalvm.nativeimage.imagecode") != null;
    }

    /** ACCP's Maven classifier for a platform, or null when it publishes none. */
    static String classifier(String osName, String osArch) {
        if (osName == null || !osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return null;
        }
        return switch (String.valueOf(osArch)) {
            case "amd64", "x86_64" -> "linux-x86_64";
            case "aarch64", "arm64" -> "linux-aarch_64";
            default -> null;
        };
    }

    private static Provider load(URL jar) throws ReflectiveOperationException {
        // Never closed: the provider's classes and its native library live as long as the JVM.
        ClassLoader loader = new URLClassLoader("accp", new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        Class<?> type = Class.forName(ACCP_CLASS, true, loader);
        Provider accp = (Provider) type.getField("INSTANCE").get(null);
        // Throws when the native library did not load or a self-test failed.
        type.getMethod("assertHealthy").invoke(accp);
        return accp;
    }

    /**
     * Encrypts with both key sizes TLS uses and compares ciphertext and tag with the JDK's, then decrypts: a
     * provider that differs in one byte would break every connection, or worse, so it is never installed.
     * The lengths take a short record, a partial last block and a full TLS record plus one byte, as native
     * implementations switch to other code for bulk data.
     */
    static void checkAgainstTheJdk(Provider candidate) throws GeneralSecurityException {
        byte[] aad = sample(13, 11);
        GCMParameterSpec nonce = new GCMParameterSpec(128, sample(12, 3));
        for (int keyBytes : new int[] {16, 32}) {
            for (int length : new int[] {5, 1_000, 16_385}) {
                check(candidate, new SecretKeySpec(sample(keyBytes, keyBytes), "AES"), nonce, aad, sample(length, 7));
            }
        }
    }

    private static void check(Provider candidate, SecretKeySpec key, GCMParameterSpec nonce, byte[] aad, byte[] plain)
            throws GeneralSecurityException {
        Cipher ours = Cipher.getInstance(AesGcmOnlyProvider.TRANSFORMATION, candidate);
        Cipher jdks = Cipher.getInstance(AesGcmOnlyProvider.TRANSFORMATION, "SunJCE");
        ours.init(Cipher.ENCRYPT_MODE, key, nonce);
        ours.updateAAD(aad);
        byte[] sealed = ours.doFinal(plain);
        jdks.init(Cipher.ENCRYPT_MODE, key, nonce);
        jdks.updateAAD(aad);
        if (!Arrays.equals(sealed, jdks.doFinal(plain))) {
            throw new GeneralSecurityException("its AES-GCM output differs from the JDK's");
        }
        ours.init(Cipher.DECRYPT_MODE, key, nonce);
        ours.updateAAD(aad);
        if (!Arrays.equals(plain, ours.doFinal(sealed))) {
            throw new GeneralSecurityException("it does not decrypt what it encrypted");
        }
    }

    private static byte[] sample(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }
}
