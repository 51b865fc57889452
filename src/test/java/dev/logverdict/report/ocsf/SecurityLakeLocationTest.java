package dev.logverdict.report.ocsf;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecurityLakeLocationTest {

    @Test
    void anObjectSitsInTheCustomSourcesRegionAccountAndDayPartition() {
        SecurityLakeLocation lake = SecurityLakeLocation.parse(
                "s3://aws-security-data-lake-eu-west-1-o2abc/ext/logverdict/", "eu-west-1", "123456789012");

        assertThat(lake.bucket()).isEqualTo("aws-security-data-lake-eu-west-1-o2abc");
        assertThat(lake.keyFor(LocalDate.of(2026, 3, 7), "x.gz.parquet"))
                .isEqualTo("ext/logverdict/region=eu-west-1/accountId=123456789012/eventDay=20260307/x.gz.parquet");
    }

    @Test
    void aLocationWithoutItsTrailingSlashMeansTheSameFolder() {
        assertThat(SecurityLakeLocation.parse("s3://lake/ext/logverdict", "us-east-1", "123456789012")
                        .prefix())
                .isEqualTo("ext/logverdict/");
    }

    @Test
    void refusesWhatCannotBeACustomSourcesPartition() {
        assertThatThrownBy(() -> SecurityLakeLocation.parse("https://lake/ext/x/", "us-east-1", "123456789012"))
                .hasMessageContaining("s3://");
        assertThatThrownBy(() -> SecurityLakeLocation.parse("s3://lake", "us-east-1", "123456789012"))
                .hasMessageContaining("s3://BUCKET/ext/SOURCE/");
        assertThatThrownBy(() -> SecurityLakeLocation.parse("s3://lake/ext/x/", "us-east-1", "1234"))
                .hasMessageContaining("12-digit");
        assertThatThrownBy(() -> SecurityLakeLocation.parse("s3://lake/ext/x/", "../../", "123456789012"))
                .hasMessageContaining("not an AWS region");
    }
}
