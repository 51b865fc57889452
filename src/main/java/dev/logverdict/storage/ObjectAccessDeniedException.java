package dev.logverdict.storage;

import java.io.IOException;

/** The store refused to hand out the object (a permission or key-policy problem, not the object's fault). */
public class ObjectAccessDeniedException extends IOException {

    public ObjectAccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
