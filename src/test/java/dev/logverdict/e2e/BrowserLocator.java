package dev.logverdict.e2e;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Chromium a browser test drives: the {@code CHROMIUM} variable when it is set (and only that
 * binary, so {@code CHROMIUM=/nonexistent} means "no browser"), else the usual binary names on {@code PATH}.
 * A missing browser skips the test with the reason printed, unless {@code -Dbrowser.required=true}.
 */
final class BrowserLocator {

    static final String REQUIRED_PROPERTY = "browser.required";
    static final String INSTALL_HINT = "install Chromium (Debian/Ubuntu: apt-get install chromium; macOS: brew install"
            + " --cask chromium) or set CHROMIUM to a Chromium or Chrome binary";
    private static final List<String> NAMES_ON_PATH =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");

    private BrowserLocator() {}

    static Path chromiumOrSkip() {
        Optional<Path> found = find(System.getenv());
        if (found.isPresent()) {
            return found.get();
        }
        String reason = "no Chromium found (" + describeSearch(System.getenv()) + "); " + INSTALL_HINT;
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            throw new AssertionError("-D" + REQUIRED_PROPERTY + "=true but " + reason);
        }
        System.out.println("SKIPPED browser test: " + reason);
        Assumptions.abort(reason);
        throw new IllegalStateException("unreachable: Assumptions.abort throws");
    }

    static Optional<Path> find(Map<String, String> environment) {
        String explicit = environment.get("CHROMIUM");
        if (explicit != null && !explicit.isBlank()) {
            Path binary = Path.of(explicit);
            return Files.isRegularFile(binary) && Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
        }
        String path = environment.getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            for (String name : NAMES_ON_PATH) {
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String describeSearch(Map<String, String> environment) {
        String explicit = environment.get("CHROMIUM");
        return explicit != null && !explicit.isBlank()
                ? "CHROMIUM=" + explicit + " is not an executable file"
                : "none of " + String.join(", ", NAMES_ON_PATH) + " on PATH";
    }
}
