package dev.logverdict.intel;

/** How one provider's raw answer becomes a verdict. */
public interface ProviderPolicy {

    Verdict verdictFor(Reputation reputation);
}
