package io.igrelay.ingress.webhook;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Collects one request's body up to a limit straight from the connection, for the webhook intake's hot path (no
 * router, no body handler). A declared {@code Content-Length} over the limit is refused before any byte is read,
 * a chunked body as soon as it grows past it; what arrives after that is read and dropped. The first chunk is kept
 * as is when it is the whole body, the usual case for Meta's deliveries.
 */
final class BodyReader {

    /** What became of the body; exactly one of these is called, on the request's event loop. */
    interface Outcome {
        void body(byte[] body);

        void tooLarge();

        void broken(Throwable error);
    }

    private final HttpServerRequest request;
    private final int limit;
    private final long declared;
    private final Outcome outcome;
    private Buffer body;
    private boolean copied;
    private boolean done;

    private BodyReader(HttpServerRequest request, int limit, long declared, Outcome outcome) {
        this.request = request;
        this.limit = limit;
        this.declared = declared;
        this.outcome = outcome;
    }

    static void read(HttpServerRequest request, int limit, Outcome outcome) {
        long declared = declaredLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (declared > limit) {
            request.handler(ignored -> { });
            outcome.tooLarge();
            return;
        }
        BodyReader reader = new BodyReader(request, limit, declared, outcome);
        request.handler(reader::chunk).endHandler(reader::end).exceptionHandler(reader::broken);
    }

    static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    private void chunk(Buffer chunk) {
        if (done) {
            return;
        }
        if (body == null) {
            body = chunk;
        } else {
            if (!copied) {
                Buffer first = body;
                body = Buffer.buffer((int) Math.min(limit + 1L, Math.max(declared, first.length()
                        + (long) chunk.length())));
                body.appendBuffer(first);
                copied = true;
            }
            body.appendBuffer(chunk);
        }
        if (body.length() > limit) {
            done = true;
            body = null;
            outcome.tooLarge();
        }
    }

    private void end(Void ignored) {
        if (!done) {
            done = true;
            outcome.body(body == null ? new byte[0] : body.getBytes());
        }
    }

    private void broken(Throwable error) {
        if (!done) {
            done = true;
            outcome.broken(error);
        }
    }
}
