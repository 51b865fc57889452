package dev.logverdict.scan;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.log.LogScanner;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The order in which a scan spends its lookups: attack signals first, then the busiest, then by address. */
class PublicIpsByPriorityTest {

    @Test
    void signalsComeFirstThenRequestsThenTheAddressAndPrivateClientsNever() throws IOException {
        String log = String.join(
                        "\n",
                        line("45.33.32.156", "/"),
                        line("45.33.32.156", "/"),
                        line("45.33.32.156", "/"),
                        line("91.92.99.2", "/.env"),
                        line("8.8.8.8", "/"),
                        line("8.8.8.8", "/"),
                        line("8.8.4.4", "/"),
                        line("8.8.4.4", "/"),
                        line("10.0.0.5", "/.env"),
                        line("10.0.0.5", "/.env"),
                        line("185.220.101.34", "/wp-login.php?x=' OR 1=1--"),
                        line("185.220.101.34", "/.git/config"))
                + "\n";
        TrafficScan traffic = new LogScanner(TestSettings.scanOptions())
                .scan(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));

        List<String> order = ScanService.publicIpsByPriority(traffic).stream()
                .map(IpAddress::toString)
                .toList();

        assertThat(order)
                .containsExactly(
                        "185.220.101.34", // two requests with signals
                        "91.92.99.2", // one with a signal
                        "45.33.32.156", // the busiest without
                        "8.8.4.4", // a tie on requests: by address
                        "8.8.8.8");
    }

    private static String line(String ip, String path) {
        return ip + " - - [27/Nov/2026:10:00:05 +0000] \"GET " + path + " HTTP/1.1\" 404 153 \"-\" \"curl/8.5.0\"";
    }
}
