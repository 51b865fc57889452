package dev.logverdict.support;

import org.gaul.s3proxy.PutOptions2;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.http.HttpResponse;
import org.jclouds.http.HttpResponseException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Makes S3Proxy's conditional create ({@code If-None-Match: *}) atomic, as it is on S3. S3Proxy checks
 * for the object and then writes it in two steps, so concurrent writers can all "win" (the probe and its
 * result: docs/lookups.md). The product relies on S3's guarantee (one winner, the others 412) for its
 * alert markers and request claims, so the tests' S3 must keep it.
 */
public final class AtomicConditionalPuts extends ForwardingBlobStore {

    public AtomicConditionalPuts(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        if (options instanceof PutOptions2 conditional && "*".equals(conditional.getIfNoneMatch())) {
            synchronized (this) {
                if (delegate().blobExists(container, blob.getMetadata().getName())) {
                    drain(blob); // read the body first, as S3 does, so the client sees the 412 and not a closed socket
                    throw new HttpResponseException(
                            "the object exists (If-None-Match: *)",
                            null,
                            HttpResponse.builder()
                                    .statusCode(412)
                                    .message("Precondition Failed")
                                    .build());
                }
                return delegate().putBlob(container, blob, options);
            }
        }
        return super.putBlob(container, blob, options);
    }

    private static void drain(Blob blob) {
        try (InputStream body = blob.getPayload().openStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
