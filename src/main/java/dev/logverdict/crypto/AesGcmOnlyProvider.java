package dev.logverdict.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;

/**
 * Offers one service of another provider, AES/GCM/NoPadding, under a provider of its own. Placed first, it
 * gives TLS's record cipher to that provider while everything else (key exchange, signatures, randomness)
 * stays with the JDK's providers.
 */
final class AesGcmOnlyProvider extends Provider {

    static final String NAME = "LogverdictNativeAesGcm";
    static final String TRANSFORMATION = "AES/GCM/NoPadding";

    AesGcmOnlyProvider(Provider.Service aesGcm, String origin) {
        super(NAME, "1.0", "AES/GCM/NoPadding from " + origin + " only");
        putService(new Provider.Service(this, "Cipher", TRANSFORMATION, aesGcm.getClassName(), null, null) {
            @Override
            public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                return aesGcm.newInstance(constructorParameter);
            }

            @Override
            public boolean supportsParameter(Object parameter) {
                return aesGcm.supportsParameter(parameter);
            }
        });
    }
}
