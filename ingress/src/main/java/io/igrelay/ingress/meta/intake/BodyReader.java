package io.igrelay.ingress.meta.intake;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one request's body up to a limit straight from the connection, for the webhook intake's hot path (no
 * router, no body handler). A declared {@code Content-Length} over the limit is refused before any byte is read,
 * a chunked body as soon as it grows past it; what arrives after that is read and dropped. Memory follows what a
 * client sent, never what it declared: the chunks are kept as they arrive and joined once at the end (the first
 * chunk as is when it is the whole body, the usual case for Meta's deliveries), and past the first 64 KiB every
 * byte is taken from the shared {@link BodyBudget}; a body the budget cannot hold is refused and its bytes freed.
 */
final class BodyReader {

    /** What became of the body; exactly one of these is called, on the request's event loop. */
    interface Outcome {
        void body(byte[] body);

        void tooLarge();

        void overBudget();

        void broken(Throwable error);
    }

    private final HttpServerRequest request;
    private final int limit;
    private final BodyBudget budget;
    private final Outcome outcome;
    private final List<Buffer> chunks = new ArrayList<>(2);
    private long received;
    private long taken;
    private boolean done;

    private BodyReader(HttpServerRequest request, int limit, BodyBudget budget, Outcome outcome) {
        this.request = request;
        this.limit = limit;
        this.budget = budget;
        this.outcome = outcome;
    }

    static void read(HttpServerRequest request, int limit, BodyBudget budget, Outcome outcome) {
        long declared = declaredLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (declared > limit) {
            request.handler(ignored -> { });
            outcome.tooLarge();
            return;
        }
        BodyReader reader = new BodyReader(request, limit, budget, outcome);
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
        received += chunk.length();
        if (received > limit) {
            finish();
            outcome.tooLarge();
            return;
        }
        long beyondFree = Math.max(0, received - BodyBudget.FREE_BYTES) - taken;
        if (beyondFree > 0) {
            if (!budget.take(beyondFree)) {
                finish();
                outcome.overBudget();
                return;
            }
            taken += beyondFree;
        }
        chunks.add(chunk);
    }

    private void end(Void ignored) {
        if (done) {
            return;
        }
        byte[] body = joined();
        finish();
        outcome.body(body);
    }

    private byte[] joined() {
        if (chunks.size() == 1) {
            return chunks.get(0).getBytes();
        }
        byte[] body = new byte[(int) received];
        int at = 0;
        for (Buffer chunk : chunks) {
            chunk.getBytes(body, at);
            at += chunk.length();
        }
        return body;
    }

    /** Done with this body: its chunks and its share of the budget are released. */
    private void finish() {
        done = true;
        chunks.clear();
        budget.give(taken);
        taken = 0;
    }

    private void broken(Throwable error) {
        if (!done) {
            finish();
            outcome.broken(error);
        }
    }
}
