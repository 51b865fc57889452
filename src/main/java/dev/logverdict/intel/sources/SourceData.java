package dev.logverdict.intel.sources;

import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.intel.feeds.FeedIndex;
import dev.logverdict.intel.network.AsnTable;

import java.util.List;

/** A source's content once parsed and checked: labelled address ranges, or the ASN table. */
public sealed interface SourceData permits SourceData.Ranges, SourceData.Networks {

    /** Usable entries; the health guard compares this with the last good copy. */
    int entries();

    /**
     * @param index the ranges ready to answer, built once per copy: a warm container's scans reuse it
     */
    record Ranges(Blocklist ranges, FeedIndex index) implements SourceData {

        public Ranges(Blocklist ranges) {
            this(ranges, new FeedIndex(List.of(ranges)));
        }

        @Override
        public int entries() {
            return ranges.entries().size();
        }
    }

    record Networks(AsnTable table) implements SourceData {
        @Override
        public int entries() {
            return table.rows();
        }
    }
}
