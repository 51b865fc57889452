package dev.logverdict.intel;

/** The reputation service refused our credentials. The message never contains them. */
public class IntelAuthenticationException extends RuntimeException {

    public IntelAuthenticationException(String message) {
        super(message);
    }
}
