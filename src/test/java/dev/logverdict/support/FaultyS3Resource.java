package dev.logverdict.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * S3Proxy behind a byte-for-byte TCP relay that can break chosen GETs: cut the answer after some bytes
 * (a connection dropped mid-read), delay it, or answer 403. Relaying bytes untouched keeps the SigV4
 * signatures valid (an HTTP proxy that normalises headers breaks them). One request per connection, as
 * the tests run without keep-alive.
 */
public class FaultyS3Resource extends S3ProxyResource {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectFaultyS3 {}

    /** What to do to GETs of one object; {@code times} < 0 means every time. */
    public record Fault(int cutAfterResponseBytes, long delayMillis, boolean answerForbidden, int times) {

        public static Fault cutAfter(int bytes, int times) {
            return new Fault(bytes, 0, false, times);
        }

        public static Fault delay(long millis) {
            return new Fault(-1, millis, false, -1);
        }

        public static Fault accessDenied() {
            return new Fault(-1, 0, true, -1);
        }
    }

    /** A GET as it reached the relay: its path and its request head (for Range and If-Match). */
    public record SeenGet(String path, String head) {}

    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, Integer> applied = new ConcurrentHashMap<>();
    private final List<SeenGet> gets = new CopyOnWriteArrayList<>();
    private ServerSocket relay;
    private ExecutorService workers;
    private URI backend;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        backend = URI.create(config.get("quarkus.s3.endpoint-override"));
        try {
            relay = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the relay port", e);
        }
        workers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "faulty-s3-relay");
            thread.setDaemon(true);
            return thread;
        });
        workers.submit(this::acceptLoop);
        config.put("quarkus.s3.endpoint-override", "http://127.0.0.1:" + relay.getLocalPort());
        return config;
    }

    /** Breaks GETs of {@code /<bucket>/<key>} as described; replaces an earlier fault for it. */
    public void fail(String key, Fault fault) {
        faults.put("/" + BUCKET + "/" + key, fault);
        applied.remove("/" + BUCKET + "/" + key);
    }

    public void clear() {
        faults.clear();
        applied.clear();
        gets.clear();
    }

    public List<SeenGet> getsOf(String key) {
        return gets.stream()
                .filter(get -> get.path().equals("/" + BUCKET + "/" + key))
                .toList();
    }

    private void acceptLoop() {
        while (!relay.isClosed()) {
            try {
                Socket client = relay.accept();
                workers.submit(() -> relay(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client;
                Socket server = new Socket(backend.getHost(), backend.getPort())) {
            InputStream fromClient = client.getInputStream();
            byte[] head = readHead(fromClient);
            String headText = new String(head, StandardCharsets.ISO_8859_1);
            String[] requestLine =
                    headText.substring(0, headText.indexOf("\r\n")).split(" ");
            String path = URI.create(requestLine[1]).getRawPath();
            Fault fault = null;
            if (requestLine[0].equals("GET")) {
                gets.add(new SeenGet(URI.create(requestLine[1]).getPath(), headText));
                fault = activeFault(URI.create(requestLine[1]).getPath());
            }
            if (fault != null && fault.answerForbidden()) {
                byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
                                + "<Message>Access Denied</Message><RequestId>FAULT</RequestId></Error>")
                        .getBytes(StandardCharsets.UTF_8);
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
                                + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                return;
            }
            if (fault != null && fault.delayMillis() > 0) {
                Thread.sleep(fault.delayMillis());
            }
            server.getOutputStream().write(head);
            workers.submit(() -> pipe(fromClient, server));
            long limit = fault != null && fault.cutAfterResponseBytes() >= 0
                    ? fault.cutAfterResponseBytes()
                    : Long.MAX_VALUE;
            copy(server.getInputStream(), client.getOutputStream(), limit);
            if (limit != Long.MAX_VALUE) {
                client.setSoLinger(true, 0); // a reset, as a dropped connection looks to the client
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // One broken relay ends one request; the client sees the failure.
        }
    }

    private Fault activeFault(String path) {
        Fault fault = faults.get(path);
        if (fault == null) {
            return null;
        }
        int count = applied.merge(path, 1, Integer::sum);
        return fault.times() < 0 || count <= fault.times() ? fault : null;
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("client closed before the request head ended");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    private static void pipe(InputStream from, Socket to) {
        try {
            copy(from, to.getOutputStream(), Long.MAX_VALUE);
        } catch (IOException ignored) {
            // The other direction decides how the exchange ends.
        }
    }

    private static void copy(InputStream from, OutputStream to, long limit) throws IOException {
        byte[] buffer = new byte[8192];
        long copied = 0;
        int n;
        while (copied < limit && (n = from.read(buffer, 0, (int) Math.min(buffer.length, limit - copied))) != -1) {
            to.write(buffer, 0, n);
            to.flush();
            copied += n;
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                this, new TestInjector.AnnotatedAndMatchesType(InjectFaultyS3.class, FaultyS3Resource.class));
    }

    @Override
    public void stop() {
        try {
            if (relay != null) {
                relay.close();
            }
        } catch (IOException ignored) {
            // stopping anyway
        }
        if (workers != null) {
            workers.shutdownNow();
        }
        super.stop();
    }
}
