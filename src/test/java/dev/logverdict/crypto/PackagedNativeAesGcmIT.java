package dev.logverdict.crypto;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployed zip, not the build's classes: it carries ACCP for both processors the template offers, each
 * jar's native library built for its own, where {@link NativeAesGcm} looks for it (the x86_64 one is also
 * loaded by {@code ConcurrentFunctionsIT}; no arm64 machine is at hand to load the other).
 */
class PackagedNativeAesGcmIT {

    private static final String LIBRARY = "com/amazon/corretto/crypto/provider/libamazonCorrettoCryptoProvider.so";

    @Test
    void theZipCarriesANativeLibraryForEachArchitectureTheTemplateOffers() throws IOException {
        Map<String, Integer> machines = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(Path.of("target", "function.zip")))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                for (String classifier : new String[] {"linux-x86_64", "linux-aarch_64"}) {
                    if (entry.getName().equals(NativeAesGcm.JAR_RESOURCE.formatted(classifier))) {
                        machines.put(classifier, elfMachineOfLibraryIn(zip));
                    }
                }
            }
        }

        // Lambda's x86_64 reports os.arch amd64, its arm64 aarch64; ELF e_machine 62 = x86-64, 183 = AArch64.
        assertThat(machines)
                .containsEntry(NativeAesGcm.classifier("Linux", "amd64"), 62)
                .containsEntry(NativeAesGcm.classifier("Linux", "aarch64"), 183)
                .hasSize(2);
    }

    /** Reads the jar inside the zip as a stream, to the native library's ELF header. */
    private static int elfMachineOfLibraryIn(InputStream jarBytes) throws IOException {
        ZipInputStream jar = new ZipInputStream(jarBytes);
        for (ZipEntry entry; (entry = jar.getNextEntry()) != null; ) {
            if (entry.getName().equals(LIBRARY)) {
                byte[] header = jar.readNBytes(20);
                assertThat(Arrays.copyOf(header, 4)).isEqualTo(new byte[] {0x7f, 'E', 'L', 'F'});
                return (header[18] & 0xff) | (header[19] & 0xff) << 8;
            }
        }
        throw new AssertionError("no " + LIBRARY + " in the jar");
    }
}
