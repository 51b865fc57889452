package dev.logverdict.blocklist;

import dev.logverdict.blocklist.IpSetSync.Current;
import dev.logverdict.blocklist.IpSetSync.IpSetRef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpSetSyncTest {

    private static final IpSetRef SET = IpSetRef.parse("soc-block-v4|a1b2c3|REGIONAL");

    /** WAF as a test double: the set's addresses and token, refusing a stale token a number of times. */
    private static final class FakeWaf implements IpSetSync.IpSets {
        List<String> addresses;
        int token = 1;
        int conflictsLeft;
        final List<List<String>> updates = new ArrayList<>();

        FakeWaf(List<String> addresses, int conflicts) {
            this.addresses = new ArrayList<>(addresses);
            this.conflictsLeft = conflicts;
        }

        @Override
        public Current get(IpSetRef set) {
            return new Current(List.copyOf(addresses), "token-" + token);
        }

        @Override
        public void update(IpSetRef set, List<String> list, String lockToken) {
            if (conflictsLeft > 0) {
                conflictsLeft--;
                token++; // someone else changed the set meanwhile
                throw new IpSetSync.LockConflict("stale " + lockToken);
            }
            assertThat(lockToken).isEqualTo("token-" + token);
            updates.add(list);
            addresses = new ArrayList<>(list);
            token++;
        }
    }

    @Test
    void sendsTheListOnlyWhenItDiffersAndCountsWhatChanged() {
        FakeWaf waf = new FakeWaf(List.of("185.220.101.1/32", "45.155.205.10/32"), 0);

        IpSetSync.Result changed = IpSetSync.sync(waf, SET, List.of("185.220.101.1/32", "91.92.99.2/32"));
        IpSetSync.Result same = IpSetSync.sync(waf, SET, List.of("91.92.99.2/32", "185.220.101.1/32"));

        assertThat(changed).isEqualTo(new IpSetSync.Result("soc-block-v4", "updated", 1, 1, 1));
        assertThat(same.status()).isEqualTo("unchanged");
        assertThat(waf.updates).containsExactly(List.of("185.220.101.1/32", "91.92.99.2/32"));
    }

    @Test
    void aLockConflictIsReadAgainAndRetriedWithTheNewToken() {
        FakeWaf waf = new FakeWaf(List.of(), 2);

        IpSetSync.Result result = IpSetSync.sync(waf, SET, List.of("185.220.101.1/32"));

        assertThat(result.status()).isEqualTo("updated");
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(waf.addresses).containsExactly("185.220.101.1/32");
    }

    @Test
    void givesUpAfterThreeConflictsWithoutChangingTheSet() {
        FakeWaf waf = new FakeWaf(List.of("185.220.101.1/32"), 3);

        assertThatThrownBy(() -> IpSetSync.sync(waf, SET, List.of())).isInstanceOf(IpSetSync.LockConflict.class);
        assertThat(waf.addresses).containsExactly("185.220.101.1/32");
    }

    @Test
    void refusesASettingThatDoesNotNameASet() {
        assertThatThrownBy(() -> IpSetRef.parse("soc-block-v4|a1b2c3")).hasMessageContaining("name|id|REGIONAL");
        assertThatThrownBy(() -> IpSetRef.parse("soc|id|GLOBAL")).isInstanceOf(IllegalArgumentException.class);
        assertThat(IpSetRef.parse("edge|x9|CLOUDFRONT").scope()).isEqualTo("CLOUDFRONT");
        assertThat(
                        IpSetRef.parse(
                                "arn:aws:wafv2:eu-west-1:123456789012:regional/ipset/soc-block-v4/a1b2c3d4-5678-90ab-cdef-000000000001"))
                .isEqualTo(new IpSetRef("soc-block-v4", "a1b2c3d4-5678-90ab-cdef-000000000001", "REGIONAL"));
        assertThat(IpSetRef.parse("arn:aws:wafv2:us-east-1:123456789012:global/ipset/edge/x9"))
                .isEqualTo(new IpSetRef("edge", "x9", "CLOUDFRONT"));
    }
}
