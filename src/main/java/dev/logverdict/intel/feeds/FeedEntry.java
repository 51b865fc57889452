package dev.logverdict.intel.feeds;

import dev.logverdict.ip.Cidr;

/** One blocklist line that applies: a block of public addresses and the feed that lists it (or, for a
 * labelled range, its label). */
public record FeedEntry(Cidr block, String feed) {}
