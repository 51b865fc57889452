package dev.logverdict.crypto;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeAesGcmTest {

    private static final ClassLoader PACKAGED = NativeAesGcm.class.getClassLoader();

    @AfterEach
    void leaveTheJdksProviders() {
        Security.removeProvider(AesGcmOnlyProvider.NAME);
    }

    @Test
    void onLinuxTlsAesGcmComesFromAccpAndNothingElseDoes() throws Exception {
        Security.removeProvider(AesGcmOnlyProvider.NAME);
        NativeAesGcm.Outcome outcome = NativeAesGcm.install(PACKAGED, "Linux", System.getProperty("os.arch"));

        assertThat(outcome.installed()).as(outcome.detail()).isTrue();
        assertThat(outcome.detail()).contains("AmazonCorrettoCryptoProvider 2.4.1");
        assertThat(Security.getProviders()[0].getName()).isEqualTo(AesGcmOnlyProvider.NAME);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        assertThat(gcm.getProvider().getName()).isEqualTo(AesGcmOnlyProvider.NAME);
        assertThat(gcm.getProvider().getServices()).hasSize(1);
        assertThat(new SecureRandom().getProvider().getName()).isEqualTo("SUN");
        assertThat(KeyPairGenerator.getInstance("EC").getProvider().getName()).isEqualTo("SunEC");
        assertThat(KeyAgreement.getInstance("ECDH").getProvider().getName()).isEqualTo("SunEC");
        assertThat(Mac.getInstance("HmacSHA256").getProvider().getName()).isEqualTo("SunJCE");
        assertThat(Cipher.getInstance("AES/CBC/PKCS5Padding").getProvider().getName())
                .isEqualTo("SunJCE");
        assertThat(NativeAesGcm.install(PACKAGED, "Linux", System.getProperty("os.arch")))
                .as("a second call reports the first")
                .isEqualTo(outcome);
    }

    @Test
    void theNativeCipherInteroperatesWithTheJdksAndRejectsATamperedRecord() throws Exception {
        assertThat(NativeAesGcm.install(PACKAGED, "Linux", System.getProperty("os.arch"))
                        .installed())
                .isTrue();
        SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
        GCMParameterSpec nonce = new GCMParameterSpec(128, new byte[12]);
        byte[] record = new byte[70_000];
        Arrays.fill(record, (byte) 'x');

        Cipher sealing = Cipher.getInstance("AES/GCM/NoPadding");
        sealing.init(Cipher.ENCRYPT_MODE, key, nonce);
        byte[] sealed = sealing.doFinal(record);
        Cipher opening = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        opening.init(Cipher.DECRYPT_MODE, key, nonce);
        assertThat(opening.doFinal(sealed)).isEqualTo(record);

        sealed[100] ^= 1;
        Cipher nativeOpening = Cipher.getInstance("AES/GCM/NoPadding");
        nativeOpening.init(Cipher.DECRYPT_MODE, key, nonce);
        assertThat(nativeOpening.getProvider().getName()).isEqualTo(AesGcmOnlyProvider.NAME);
        assertThatThrownBy(() -> nativeOpening.doFinal(sealed)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void aPlatformWithoutAPackagedLibraryKeepsTheJdksCipher() throws Exception {
        NativeAesGcm.Outcome outcome = NativeAesGcm.install(PACKAGED, "Mac OS X", "aarch64");

        assertThat(outcome.installed()).isFalse();
        assertThat(outcome.detail()).contains("Mac OS X", "aarch64");
        assertThat(Security.getProvider(AesGcmOnlyProvider.NAME)).isNull();
        assertThat(Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName())
                .isEqualTo("SunJCE");
        assertThat(NativeAesGcm.classifier("Linux", "s390x")).isNull();
    }

    @Test
    void aMissingOrBrokenJarKeepsTheJdksCipher(@TempDir Path dir) throws Exception {
        try (URLClassLoader nothing = new URLClassLoader(new URL[0], null)) {
            NativeAesGcm.Outcome outcome = NativeAesGcm.install(nothing, "Linux", "amd64");
            assertThat(outcome.installed()).isFalse();
            assertThat(outcome.detail())
                    .contains("native/linux-x86_64/AmazonCorrettoCryptoProvider.jar is not packaged");
        }
        Path jar = dir.resolve("native/linux-x86_64/AmazonCorrettoCryptoProvider.jar");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("README"));
        }
        try (URLClassLoader broken = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            NativeAesGcm.Outcome outcome = NativeAesGcm.install(broken, "Linux", "amd64");
            assertThat(outcome.installed()).isFalse();
            assertThat(outcome.detail()).contains("not usable", "ClassNotFoundException");
        }
        assertThat(Security.getProvider(AesGcmOnlyProvider.NAME)).isNull();
    }

    @Test
    void aCipherThatDiffersFromTheJdksInOneBitIsNeverInstalled() throws Exception {
        Provider oneBitOff = new OneBitOffProvider();
        Provider.Service service = oneBitOff.getService("Cipher", "AES/GCM/NoPadding");

        assertThatThrownBy(() -> NativeAesGcm.checkAgainstTheJdk(new AesGcmOnlyProvider(service, "a test")))
                .hasMessageContaining("differs from the JDK's");
        // The same provider without the flipped bit passes: the check compares, it does not refuse outright.
        NativeAesGcm.checkAgainstTheJdk(new AesGcmOnlyProvider(
                Security.getProvider("SunJCE").getService("Cipher", "AES/GCM/NoPadding"), "the JDK"));
    }

    /** The JDK's AES-GCM with the first output byte of every encryption flipped. */
    private static final class OneBitOffProvider extends Provider {
        OneBitOffProvider() {
            super("OneBitOff", "1", "a broken AES-GCM");
            putService(
                    new Provider.Service(this, "Cipher", "AES/GCM/NoPadding", OneBitOff.class.getName(), null, null) {
                        @Override
                        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                            try {
                                return new OneBitOff();
                            } catch (GeneralSecurityException e) {
                                throw new NoSuchAlgorithmException(e);
                            }
                        }
                    });
        }
    }

    private static final class OneBitOff extends CipherSpi {
        private final Cipher jdks = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        private boolean encrypting;

        OneBitOff() throws GeneralSecurityException {}

        @Override
        protected void engineSetMode(String mode) {}

        @Override
        protected void engineSetPadding(String padding) {}

        @Override
        protected int engineGetBlockSize() {
            return jdks.getBlockSize();
        }

        @Override
        protected int engineGetOutputSize(int inputLen) {
            return jdks.getOutputSize(inputLen);
        }

        @Override
        protected byte[] engineGetIV() {
            return jdks.getIV();
        }

        @Override
        protected AlgorithmParameters engineGetParameters() {
            return jdks.getParameters();
        }

        @Override
        protected void engineInit(int opmode, Key key, SecureRandom random) throws InvalidKeyException {
            encrypting = opmode == Cipher.ENCRYPT_MODE;
            jdks.init(opmode, key, random);
        }

        @Override
        protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
                throws InvalidKeyException, InvalidAlgorithmParameterException {
            encrypting = opmode == Cipher.ENCRYPT_MODE;
            jdks.init(opmode, key, params, random);
        }

        @Override
        protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random)
                throws InvalidKeyException, InvalidAlgorithmParameterException {
            encrypting = opmode == Cipher.ENCRYPT_MODE;
            jdks.init(opmode, key, params, random);
        }

        @Override
        protected void engineUpdateAAD(byte[] src, int offset, int len) {
            jdks.updateAAD(src, offset, len);
        }

        @Override
        protected byte[] engineUpdate(byte[] input, int offset, int len) {
            return jdks.update(input, offset, len);
        }

        @Override
        protected int engineUpdate(byte[] input, int offset, int len, byte[] output, int outputOffset)
                throws ShortBufferException {
            return jdks.update(input, offset, len, output, outputOffset);
        }

        @Override
        protected byte[] engineDoFinal(byte[] input, int offset, int len)
                throws IllegalBlockSizeException, BadPaddingException {
            byte[] out = jdks.doFinal(input, offset, len);
            if (encrypting) {
                out[0] ^= 1;
            }
            return out;
        }

        @Override
        protected int engineDoFinal(byte[] input, int offset, int len, byte[] output, int outputOffset)
                throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
            byte[] out = engineDoFinal(input, offset, len);
            System.arraycopy(out, 0, output, outputOffset, out.length);
            return out.length;
        }
    }
}
