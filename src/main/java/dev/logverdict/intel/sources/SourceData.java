package dev.logverdict.intel.sources;

import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.intel.network.AsnTable;

/** A source's content once parsed and checked: labelled address ranges, or the ASN table. */
public sealed interface SourceData permits SourceData.Ranges, SourceData.Networks {

    /** Usable entries; the health guard compares this with the last good copy. */
    int entries();

    record Ranges(Blocklist ranges) implements SourceData {
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
