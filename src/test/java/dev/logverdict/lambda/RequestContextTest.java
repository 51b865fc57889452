package dev.logverdict.lambda;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

class RequestContextTest {

    /** Formats each record as the console does, with the MDC fields, while it is published. */
    private static final class Capture extends Handler {
        final List<String> lines = new ArrayList<>();
        private final PatternFormatter format = new PatternFormatter("%X{AWSRequestId} cold=%X{coldStart} %s");

        @Override
        public void publish(LogRecord record) {
            lines.add(format.format(ExtLogRecord.wrap(record)));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @Test
    void everyLineOfAnInvocationCarriesItsRequestIdAndOnlyTheFirstIsAColdStart() {
        Logger logger = Logger.getLogger("dev.logverdict.test.mdc");
        Capture capture = new Capture();
        logger.addHandler(capture);
        try {
            try (RequestContext ignored = RequestContext.enter("8f5e-first")) {
                logger.info("scanning");
                assertThat(RequestContext.requestId()).isEqualTo("8f5e-first");
            }
            try (RequestContext ignored = RequestContext.enter("8f5e-second")) {
                logger.info("scanning again");
            }
            logger.info("between invocations");
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(capture.lines.get(0)).startsWith("8f5e-first cold=").endsWith(" scanning");
        assertThat(capture.lines.get(1)).isEqualTo("8f5e-second cold=false scanning again");
        assertThat(capture.lines.get(2)).isEqualTo(" cold= between invocations");
        assertThat(RequestContext.requestId()).isNull();
    }
}
