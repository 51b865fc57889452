package dev.logverdict.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The part of the Lambda Runtime API a function process uses (next invocation, response, error), so the
 * packaged function can be started exactly as Lambda's java21 runtime starts it and timed.
 */
final class LocalRuntimeApi implements AutoCloseable {

    record Invocation(String requestId, String event, CompletableFuture<String> result) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPollNanos = new CompletableFuture<>();

    LocalRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        // Daemon threads: a function's long poll for the next event must not keep the bench alive.
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-runtime-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/2018-06-01/runtime/", this::handle);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** System.nanoTime() of the function's first request for work. */
    CompletableFuture<Long> firstPoll() {
        return firstPollNanos;
    }

    CompletableFuture<String> invoke(String event) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event, new CompletableFuture<>());
        queue.add(invocation);
        return invocation.result();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            if (path.endsWith("/invocation/next")) {
                firstPollNanos.complete(System.nanoTime());
                Invocation next = queue.poll(10, TimeUnit.MINUTES);
                if (next == null) {
                    send(exchange, 500, "{}");
                    return;
                }
                inFlight.put(next.requestId(), next);
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.requestId());
                exchange.getResponseHeaders()
                        .add("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + 900_000));
                exchange.getResponseHeaders()
                        .add(
                                "Lambda-Runtime-Invoked-Function-Arn",
                                "arn:aws:lambda:us-east-1:123456789012:function:logverdict");
                exchange.getResponseHeaders()
                        .add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
                exchange.getResponseHeaders().add("Lambda-Runtime-Client-Context", "{}");
                exchange.getResponseHeaders().add("Lambda-Runtime-Cognito-Identity", "{}");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                send(exchange, 200, next.event());
            } else if (path.endsWith("/response") || path.endsWith("/error")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String[] parts = path.split("/");
                Invocation done = inFlight.remove(parts[parts.length - 2]);
                send(exchange, 202, "{}");
                if (done != null) {
                    if (path.endsWith("/error")) {
                        done.result().completeExceptionally(new IllegalStateException(body));
                    } else {
                        done.result().complete(body);
                    }
                }
            } else if (path.endsWith("/init/error")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                firstPollNanos.completeExceptionally(new IllegalStateException("init error: " + body));
                send(exchange, 202, "{}");
            } else {
                send(exchange, 404, "{}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
