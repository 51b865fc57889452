package dev.logverdict.intel.network;

/** The autonomous system announcing an address, and the country it is registered in (ISO 3166 alpha-2). */
public record Network(long asn, String name, String country) {}
