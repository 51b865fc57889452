package dev.logverdict.log.bytes;

/** Waiting for a scan's helper thread to end. */
public final class Joins {

    private Joins() {}

    /**
     * Waits until the thread has ended, even when interrupted meanwhile (the interrupt is kept for the
     * caller): whoever waits is about to hand what the thread used to someone else.
     */
    public static void untilEnded(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
