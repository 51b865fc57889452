package dev.logverdict.storage;

/** The object named by an event is gone (deleted or overwritten between the event and the read). */
public class ObjectNotFoundException extends RuntimeException {

    public ObjectNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
