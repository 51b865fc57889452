package dev.logverdict.scan;

import dev.logverdict.intel.TimeBudget;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the schedule's event asks for: answer the lookups scans left waiting (refreshing their reports),
 * then bring the rolling blocklist up to date with the findings those reports wrote.
 */
@ApplicationScoped
public class ScheduledUpkeep {

    /** What each part did; {@code blocklist} is null when another scheduled run was doing the upkeep. */
    public record Outcome(DrainService.DrainOutcome drained, BlocklistUpdate.Outcome blocklist) {}

    private final DrainService drains;
    private final BlocklistUpdate blocklists;

    public ScheduledUpkeep(DrainService drains, BlocklistUpdate blocklists) {
        this.drains = drains;
        this.blocklists = blocklists;
    }

    public Outcome run(String bucket, TimeBudget budget) {
        DrainService.DrainOutcome drained = drains.drain(bucket, budget);
        // "busy": another scheduled run holds the drain's lease and does this upkeep.
        BlocklistUpdate.Outcome blocklist = drained.status().equals("busy") ? null : blocklists.update(bucket);
        return new Outcome(drained, blocklist);
    }
}
