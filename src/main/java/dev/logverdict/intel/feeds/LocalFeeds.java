package dev.logverdict.intel.feeds;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Blocklists from a local directory (bundled with the local run), each file one list named after it. */
public final class LocalFeeds {

    private LocalFeeds() {}

    public static List<Blocklist> load(Path directory) throws IOException {
        List<Blocklist> lists = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return lists;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                int dot = name.lastIndexOf('.');
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    lists.add(Blocklist.parse(dot > 0 ? name.substring(0, dot) : name, reader));
                }
            }
        }
        return lists;
    }
}
