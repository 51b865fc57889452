package dev.logverdict.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fails the build when a test class under {@code src/test/java} left no report in
 * {@code target/surefire-reports} or {@code target/failsafe-reports}: a class whose name matches no
 * include pattern, or that an execution leaves out, would otherwise never run and never be missed.
 * {@code ./mvnw verify} runs it last; {@code -Dtest=…} (one class on purpose) skips it.
 */
public final class EveryTestRan {

    private static final Pattern TEST_ANNOTATION =
            Pattern.compile("^\\s*@(Test|ParameterizedTest|RepeatedTest|TestFactory|FuzzTest)\\b", Pattern.MULTILINE);

    private EveryTestRan() {}

    public static void main(String[] args) throws IOException {
        Path project = Path.of(args.length > 0 ? args[0] : ".");
        String selected = args.length > 1 ? args[1] : "";
        if (!selected.isBlank() && !selected.startsWith("${")) {
            System.out.println("EveryTestRan: skipped, the tests were selected with -Dtest=" + selected);
            return;
        }
        Path sources = project.resolve("src/test/java");
        List<String> notRun;
        try (Stream<Path> files = Files.walk(sources)) {
            notRun = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(EveryTestRan::declaresTests)
                    .map(file -> sources.relativize(file)
                            .toString()
                            .replace('/', '.')
                            .replaceAll("\\.java$", ""))
                    .filter(name -> !Files.exists(project.resolve("target/surefire-reports/TEST-" + name + ".xml"))
                            && !Files.exists(project.resolve("target/failsafe-reports/TEST-" + name + ".xml")))
                    .sorted()
                    .toList();
        }
        if (!notRun.isEmpty()) {
            System.err.println("EveryTestRan: these test classes did not run: " + String.join(", ", notRun));
            System.exit(1);
        }
        System.out.println("EveryTestRan: every test class under src/test/java ran");
    }

    private static boolean declaresTests(Path file) {
        try {
            return TEST_ANNOTATION.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
