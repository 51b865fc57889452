package dev.logverdict.crypto;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/** Installs native AES-GCM before anything at start-up opens a connection (priming, API keys). */
@ApplicationScoped
public class NativeAesGcmSetup {

    private static final Logger LOG = Logger.getLogger(NativeAesGcmSetup.class);

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        NativeAesGcm.Outcome outcome = NativeAesGcm.install();
        if (outcome.installed()) {
            LOG.infof("TLS uses native AES-GCM: %s", outcome.detail());
        } else if (NativeAesGcm.inNativeImage()) {
            LOG.debugf("TLS uses the JDK's AES-GCM: %s", outcome.detail());
        } else if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null) {
            // Running locally (dev mode on a laptop of another platform): nothing an operator must act on.
            LOG.infof("TLS uses the JDK's AES-GCM: %s", outcome.detail());
        } else {
            LOG.warnf(
                    "TLS uses the JDK's AES-GCM, which under C1 costs more CPU per MB read from S3: %s",
                    outcome.detail());
        }
    }
}
