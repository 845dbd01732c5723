package io.igrelay.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.state.StateSnapshot;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the sandbox's state in {@code SANDBOX_DATA_DIR/sandbox-state.json} so the local stack survives a restart
 * without every channel needing re-authorisation: loaded at start, written every few seconds off the event loop
 * (atomically, via a temp file) and once more on close.
 */
final class SnapshotFile {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFile.class);
    private final Vertx vertx;
    private final SandboxState state;
    private final Path file;
    private final long timerId;

    private SnapshotFile(Vertx vertx, SandboxState state, Path dir) {
        this.vertx = vertx;
        this.state = state;
        this.file = dir.resolve("sandbox-state.json");
        this.timerId = vertx.setPeriodic(3000, id -> save());
    }

    /** Restores the state from the file if there is one, then keeps it up to date. */
    static SnapshotFile open(Vertx vertx, SandboxState state, Path dir) {
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve("sandbox-state.json");
            if (Files.exists(f)) {
                JsonNode root = MetaJson.MAPPER.readTree(f.toFile());
                StateSnapshot.restore(state, root);
                LOG.info("sandbox state restored from {}", f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sandbox state in " + dir, e);
        }
        return new SnapshotFile(vertx, state, dir);
    }

    Future<Void> save() {
        return vertx.executeBlocking(() -> {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            MetaJson.MAPPER.writeValue(tmp.toFile(), StateSnapshot.capture(state));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return null;
        }, false).<Void>mapEmpty().onFailure(e -> LOG.warn("cannot write sandbox state: {}", e.getMessage()));
    }

    Future<Void> close() {
        vertx.cancelTimer(timerId);
        return save().recover(e -> Future.succeededFuture());
    }
}
