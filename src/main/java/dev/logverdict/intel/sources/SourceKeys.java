package dev.logverdict.intel.sources;

/** Where the public sources live in the report bucket: an index of their states and one object each. */
record SourceKeys(String cachePrefix) {

    String index() {
        return cachePrefix + "_sources/index.json";
    }

    String data(PublicSource source) {
        return cachePrefix + "_sources/" + source.id() + (source.kind() == SourceKind.ENRICHMENT ? ".bin.gz" : ".tsv");
    }
}
