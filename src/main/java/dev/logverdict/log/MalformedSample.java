package dev.logverdict.log;

/** A malformed line as the report shows it: where, why, and a short inert excerpt. */
public record MalformedSample(long lineNumber, String reason, String excerpt) {}
