package dev.logverdict.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserLocatorTest {

    @TempDir
    Path directory;

    @Test
    void anExplicitBinaryIsTheOnlyOneTriedAndAMissingOneMeansNoBrowser() throws IOException {
        Path onPath = executable("chromium");
        assertThat(BrowserLocator.find(Map.of("CHROMIUM", "/nonexistent", "PATH", directory.toString())))
                .isEmpty();
        Path explicit = executable("my-chrome");
        assertThat(BrowserLocator.find(Map.of("CHROMIUM", explicit.toString(), "PATH", directory.toString())))
                .contains(explicit);
        assertThat(onPath).exists();
    }

    @Test
    void theUsualNamesAreLookedUpOnThePathAndMustBeExecutable() throws IOException {
        Path empty = Files.createDirectory(directory.resolve("empty"));
        Path bin = Files.createDirectory(directory.resolve("bin"));
        Files.createFile(bin.resolve("chromium"));
        String path = empty + File.pathSeparator + bin;
        assertThat(BrowserLocator.find(Map.of("PATH", path)))
                .as("not executable")
                .isEmpty();
        Path chrome = Files.createFile(bin.resolve("google-chrome"));
        Files.setPosixFilePermissions(chrome, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(BrowserLocator.find(Map.of("PATH", path))).contains(chrome);
        assertThat(BrowserLocator.find(Map.of())).isEmpty();
    }

    private Path executable(String name) throws IOException {
        Path file = Files.createFile(directory.resolve(name));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
