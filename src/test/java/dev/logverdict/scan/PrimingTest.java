package dev.logverdict.scan;

import dev.logverdict.support.S3ProxyResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/** Priming runs every stage of the scan on its sample without the network and without a warning. */
@QuarkusTest
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
class PrimingTest {

    @Inject
    Priming priming;

    @Test
    void primesTheWholeScanPathWithoutFailing() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(Priming.class.getName());
        ExtHandler capture = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getFormattedMessage());
                }
            }
        };
        logger.addHandler(capture);
        try {
            priming.prime();
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(warnings).isEmpty();
    }
}
