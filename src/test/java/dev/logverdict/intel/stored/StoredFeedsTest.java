package dev.logverdict.intel.stored;

import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.support.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoredFeedsTest {

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void loadsEveryListUnderThePrefixInKeyOrderNamedByFile() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        store.objects.put("soc-logs/feeds/b_list.txt", text("198.51.100.0/24\n"));
        store.objects.put("soc-logs/feeds/a_list.netset", text("# comment\n203.0.113.7\n"));
        store.objects.put("soc-logs/feeds/", new byte[0]);
        store.objects.put("soc-logs/logs/x.log", text("203.0.113.9\n"));

        List<Blocklist> lists = new StoredFeeds(store).load("soc-logs", "feeds/");

        assertThat(lists).extracting(Blocklist::name).containsExactly("a_list", "b_list");
        assertThat(store.reads).containsExactly("feeds/a_list.netset", "feeds/b_list.txt");
    }

    @Test
    void aWarmContainerReadsAgainOnlyTheListsThatChangedAndForgetsDeletedOnes() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        store.objects.put("soc-logs/feeds/a_list.netset", text("203.0.113.7\n"));
        store.objects.put("soc-logs/feeds/b_list.txt", text("198.51.100.0/24\n"));
        StoredFeeds feeds = new StoredFeeds(store);
        List<Blocklist> first = feeds.load("soc-logs", "feeds/");

        store.reads.clear();
        assertThat(feeds.load("soc-logs", "feeds/")).isEqualTo(first);
        assertThat(store.reads).as("nothing changed: the listing alone").isEmpty();

        store.objects.put("soc-logs/feeds/b_list.txt", text("198.51.100.0/24\n45.9.148.0/24\n"));
        store.objects.remove("soc-logs/feeds/a_list.netset");
        List<Blocklist> changed = feeds.load("soc-logs", "feeds/");

        assertThat(store.reads).containsExactly("feeds/b_list.txt");
        assertThat(changed).extracting(Blocklist::name).containsExactly("b_list");
        assertThat(changed.get(0).entries()).hasSize(1 + first.get(1).entries().size());

        store.objects.put("soc-logs/feeds/a_list.netset", text("203.0.113.7\n"));
        store.reads.clear();
        assertThat(feeds.load("soc-logs", "feeds/")).extracting(Blocklist::name).containsExactly("a_list", "b_list");
        assertThat(store.reads).as("a list put back is read again").containsExactly("feeds/a_list.netset");
    }
}
