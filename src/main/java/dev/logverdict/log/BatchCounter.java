package dev.logverdict.log;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.log.activity.ClientIndex;
import dev.logverdict.log.activity.ClientStore;
import dev.logverdict.log.activity.RequestBatch;
import dev.logverdict.log.bytes.Joins;

import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Counts parsed requests against their clients on a thread of its own while the parsing thread goes on
 * with the next lines. Batches are counted one at a time in the order they were parsed, and only this
 * thread touches the client table and records, so every result that depends on order (client numbers,
 * which clients keep detail, the shared texts, the hourly log) is the one a single thread gets.
 * <p>
 * A batch points into the line buffer: the parsing thread calls {@link #awaitCounted} before that buffer
 * is overwritten.
 */
final class BatchCounter implements AutoCloseable {

    /** Batches in flight: enough that parsing seldom waits for an empty one. */
    private static final int BATCHES = 8;

    private static final RequestBatch STOP = new RequestBatch();

    private final ClientStore store;
    private final ClientIndex clients;
    private final BlockingQueue<RequestBatch> toCount = new ArrayBlockingQueue<>(BATCHES + 1);
    private final BlockingQueue<RequestBatch> counted = new ArrayBlockingQueue<>(BATCHES);
    /** The parsing thread's own: batches it may fill. */
    private final ArrayDeque<RequestBatch> empty = new ArrayDeque<>();

    /** Null when counting on the parsing thread itself (one processor: a second thread would only add hand-overs). */
    private final Thread counter;

    private volatile Throwable failure;
    private RequestBatch filling;
    private int outstanding;
    private boolean closed;

    /** @param ownThread whether to count on a thread of its own, or on the caller's as each batch fills */
    BatchCounter(ClientStore store, ClientIndex clients, boolean ownThread) {
        this.store = store;
        this.clients = clients;
        this.filling = new RequestBatch();
        if (ownThread) {
            this.counter = new Thread(this::countInOrder, "log-counter");
            this.counter.setDaemon(true);
            this.counter.start();
        } else {
            this.counter = null;
        }
    }

    /** The batch the parsing thread adds requests to. */
    RequestBatch filling() {
        return filling;
    }

    /** Hands the batch being filled over to be counted and starts another. */
    void submit() {
        if (filling.size == 0) {
            return;
        }
        if (counter == null) {
            count(filling);
            filling.clear();
            return;
        }
        put(filling);
        outstanding++;
        if (!empty.isEmpty()) {
            filling = empty.poll();
        } else if (outstanding < BATCHES) {
            filling = new RequestBatch();
        } else {
            filling = takeCounted();
        }
    }

    /** Hands over what is being filled and waits until every batch is counted; throws what counting threw. */
    void awaitCounted() {
        submit();
        while (outstanding > 0) {
            empty.add(takeCounted());
        }
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

    private void countInOrder() {
        while (true) {
            RequestBatch batch;
            try {
                batch = toCount.take();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == STOP) {
                return;
            }
            if (failure == null) {
                try {
                    count(batch);
                } catch (RuntimeException | Error e) {
                    // Thrown on the parsing thread; the batches after it are handed back uncounted.
                    failure = e;
                }
            }
            batch.clear();
            counted.add(batch);
        }
    }

    /**
     * Counts the batch in log order, so a new client is numbered where it first appears. In stages over the
     * whole batch, each a short loop whose cache misses overlap: numbering, bringing the records in, then
     * counting.
     */
    private void count(RequestBatch batch) {
        store.keep(clients.prefetch(batch));
        for (int i = 0; i < batch.size; i++) {
            batch.client[i] = clients.findOrAdd(
                    batch.clientHigh[i], batch.clientLow[i], batch.clientVersion[i], batch.clientHash[i]);
            IpAddress proxy = batch.viaProxy[i];
            batch.proxyClient[i] = proxy == null ? -1 : clients.findOrAdd(proxy.high(), proxy.low(), proxy.version());
        }
        store.prefetch(batch);
        for (int i = 0; i < batch.size; i++) {
            int client = batch.client[i];
            store.record(client, batch, i);
            if (batch.proxyClient[i] >= 0) {
                store.recordForwarded(client, batch.viaProxy[i]);
                store.recordRelayed(batch.proxyClient[i]);
            }
        }
    }

    private void put(RequestBatch batch) {
        try {
            toCount.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing requests over to be counted", e);
        }
    }

    private RequestBatch takeCounted() {
        try {
            RequestBatch batch = counted.take();
            outstanding--;
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for requests to be counted", e);
        }
    }

    /** Stops the counting thread and waits for it: the client table and records are then the caller's. */
    @Override
    public void close() {
        if (closed || counter == null) {
            return;
        }
        closed = true;
        put(STOP);
        Joins.untilEnded(counter);
    }
}
