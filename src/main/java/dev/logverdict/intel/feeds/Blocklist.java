package dev.logverdict.intel.feeds;

import dev.logverdict.ip.Cidr;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.ip.IpScope;
import dev.logverdict.ip.ScopeClassifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * One plain-text blocklist as published (FireHOL {@code .netset}, Spamhaus DROP, a home-made list): one IP
 * or CIDR per line, {@code #} or {@code ;} comments (also after an entry). Entries that touch a
 * special-purpose range are dropped and counted: FireHOL level1 lists 10.0.0.0/8 and friends, and feeds
 * only ever judge public addresses.
 */
public record Blocklist(String name, List<FeedEntry> entries, long ignoredSpecialPurpose, long ignoredInvalid) {

    public Blocklist {
        entries = List.copyOf(entries);
    }

    /** Collects entries one at a time, dropping and counting those that are invalid or not wholly public. */
    public static final class Builder {
        private final String name;
        private final List<FeedEntry> entries = new ArrayList<>();
        private long special;
        private long invalid;

        public Builder(String name) {
            this.name = name;
        }

        /** Adds an IP or CIDR, named {@code label} when it matches. */
        public Builder add(String entry, String label) {
            Cidr block = toBlock(entry);
            if (block == null) {
                invalid++;
            } else if (touchesSpecialPurpose(block)) {
                special++;
            } else {
                entries.add(new FeedEntry(block, label));
            }
            return this;
        }

        public Blocklist build() {
            return new Blocklist(name, entries, special, invalid);
        }
    }

    /** Reads the stored form written by {@link #writeLabelled}: one {@code <cidr> TAB <label>} a line. */
    public static Blocklist readLabelled(String name, Reader text) throws IOException {
        Builder builder = new Builder(name);
        BufferedReader reader = new BufferedReader(text);
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                builder.add(line.substring(0, tab), line.substring(tab + 1));
            } else if (!line.isEmpty()) {
                builder.add(line, name);
            }
        }
        return builder.build();
    }

    public void writeLabelled(Writer out) throws IOException {
        for (FeedEntry entry : entries) {
            out.write(entry.block().toString());
            out.write('\t');
            out.write(entry.feed());
            out.write('\n');
        }
        out.flush();
    }

    public static Blocklist parse(String name, Reader text) throws IOException {
        Builder builder = new Builder(name);
        BufferedReader reader = new BufferedReader(text);
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String entry = stripComment(line).trim();
            if (entry.isEmpty()) {
                continue;
            }
            int space = entry.indexOf(' ');
            builder.add(space > 0 ? entry.substring(0, space) : entry, name);
        }
        return builder.build();
    }

    private static String stripComment(String line) {
        int cut = line.length();
        int hash = line.indexOf('#');
        int semicolon = line.indexOf(';');
        if (hash >= 0) {
            cut = hash;
        }
        if (semicolon >= 0 && semicolon < cut) {
            cut = semicolon;
        }
        return line.substring(0, cut);
    }

    private static Cidr toBlock(String entry) {
        if (entry.indexOf('/') >= 0) {
            try {
                return Cidr.parse(entry);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        IpAddress address = IpAddressParser.parse(entry);
        return address == null ? null : new Cidr(address, address.version() == 4 ? 32 : 128);
    }

    /**
     * True when the block is not wholly public: its first or last address is not public, or it contains a
     * special-purpose block (0.0.0.0/0 contains them all).
     */
    static boolean touchesSpecialPurpose(Cidr block) {
        return ScopeClassifier.classify(block.network()) != IpScope.PUBLIC
                || ScopeClassifier.classify(block.lastAddress()) != IpScope.PUBLIC
                || ScopeClassifier.containsSpecialBlock(block);
    }
}
