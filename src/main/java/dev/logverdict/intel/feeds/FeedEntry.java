package dev.logverdict.intel.feeds;

import dev.logverdict.ip.Cidr;

/** One blocklist line that applies: a block of public addresses and the feed that lists it. */
record FeedEntry(Cidr block, String feed) {
}
