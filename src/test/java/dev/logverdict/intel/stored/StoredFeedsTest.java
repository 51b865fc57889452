package dev.logverdict.intel.stored;

import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.support.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoredFeedsTest {

    @Test
    void loadsEveryListUnderThePrefixInKeyOrderNamedByFile() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        store.objects.put("soc-logs/feeds/b_list.txt", "198.51.100.0/24\n".getBytes(StandardCharsets.UTF_8));
        store.objects.put("soc-logs/feeds/a_list.netset", "# comment\n203.0.113.7\n".getBytes(StandardCharsets.UTF_8));
        store.objects.put("soc-logs/feeds/", new byte[0]);
        store.objects.put("soc-logs/logs/x.log", "203.0.113.9\n".getBytes(StandardCharsets.UTF_8));

        List<Blocklist> lists = StoredFeeds.load(store, "soc-logs", "feeds/");

        assertThat(lists).extracting(Blocklist::name).containsExactly("a_list", "b_list");
        assertThat(store.reads).containsExactly("feeds/a_list.netset", "feeds/b_list.txt");
    }
}
