package dev.logverdict.blocklist;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes an existing AWS WAF IP set hold one family's rolling list. WAF replaces a set's whole address list
 * on update and refuses a stale lock token, so: read the set and its token, compare, send the list only
 * when it differs, and on a lock conflict (someone else changed it meanwhile) read again and retry.
 */
public final class IpSetSync {

    /** An IP set as WAF names it. */
    public record IpSetRef(String name, String id, String scope) {

        private static final Pattern ARN =
                Pattern.compile("arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\\d{12}:(regional|global)/ipset/([^/]+)/([^/]+)");

        /**
         * The IP set's ARN ({@code arn:aws:wafv2:<region>:<account>:regional/ipset/<name>/<id>}; {@code global}
         * for CloudFront), or {@code name|id|scope} with scope REGIONAL or CLOUDFRONT.
         */
        public static IpSetRef parse(String setting) {
            Matcher arn = ARN.matcher(setting);
            if (arn.matches()) {
                return new IpSetRef(
                        arn.group(2), arn.group(3), arn.group(1).equals("global") ? "CLOUDFRONT" : "REGIONAL");
            }
            String[] parts = setting.split("\\|");
            if (parts.length != 3
                    || parts[0].isBlank()
                    || parts[1].isBlank()
                    || !(parts[2].equals("REGIONAL") || parts[2].equals("CLOUDFRONT"))) {
                throw new IllegalArgumentException(
                        "a WAF IP set is given as its ARN, or as name|id|REGIONAL or name|id|CLOUDFRONT, not '"
                                + setting + "'");
            }
            return new IpSetRef(parts[0], parts[1], parts[2]);
        }
    }

    /** What WAF holds now, with the token an update must carry. */
    public record Current(List<String> addresses, String lockToken) {}

    /** WAF's two calls for an IP set. */
    public interface IpSets {
        Current get(IpSetRef set);

        /** @throws LockConflict when the token is stale */
        void update(IpSetRef set, List<String> addresses, String lockToken);
    }

    /** WAF refused the lock token: the set changed since it was read. */
    public static final class LockConflict extends RuntimeException {
        public LockConflict(String message) {
            super(message);
        }
    }

    /** What a sync did: {@code unchanged} or {@code updated}, with the addresses added and removed. */
    public record Result(String set, String status, int added, int removed, int attempts) {}

    static final int ATTEMPTS = 3;

    private IpSetSync() {}

    public static Result sync(IpSets sets, IpSetRef set, List<String> cidrs) {
        Set<String> desired = new LinkedHashSet<>(cidrs);
        for (int attempt = 1; ; attempt++) {
            Current current = sets.get(set);
            Set<String> now = new LinkedHashSet<>(current.addresses());
            List<String> added = new ArrayList<>(desired);
            added.removeAll(now);
            List<String> removed = new ArrayList<>(now);
            removed.removeAll(desired);
            if (added.isEmpty() && removed.isEmpty()) {
                return new Result(set.name(), "unchanged", 0, 0, attempt);
            }
            try {
                sets.update(set, List.copyOf(desired), current.lockToken());
                return new Result(set.name(), "updated", added.size(), removed.size(), attempt);
            } catch (LockConflict e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
