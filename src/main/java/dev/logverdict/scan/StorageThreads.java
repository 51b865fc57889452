package dev.logverdict.scan;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for storage calls that need not wait for the invocation's own thread: the report's files, and
 * reads a scan needs later but can start early. Most of such a call is waiting for the store, so several
 * run at once whatever the vCPUs. One pool for every instance (priming and tests make their own); its
 * threads are made as needed and let go when idle, so a warm container keeps none busy.
 */
final class StorageThreads {

    private static final int THREADS = 8;
    private static final ExecutorService POOL = create();

    private StorageThreads() {}

    static ExecutorService pool() {
        return POOL;
    }

    private static ExecutorService create() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "storage-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
