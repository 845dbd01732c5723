package io.igrelay.sandbox.send;

import io.igrelay.sandbox.state.IgAccount;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meta's per-account Send API limits (documented: 100 calls/s for text, links, reactions and stickers; 10/s for
 * audio and video), as fixed one-second windows on the sandbox clock. A limit of 0 means unlimited (benchmarks).
 */
public final class SendRateLimiter {
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** True if the call is allowed; counts it either way. */
    public boolean tryAcquire(IgAccount account, boolean media, long nowMillis) {
        int limit = media ? account.mediaPerSecond() : account.textPerSecond();
        if (limit <= 0) {
            return true;
        }
        Window w = windows.computeIfAbsent(account.userId() + (media ? "|m" : "|t"), k -> new Window());
        return w.acquire(nowMillis / 1000, limit);
    }

    public void reset() {
        windows.clear();
    }

    private static final class Window {
        private long second = -1;
        private int count;

        synchronized boolean acquire(long nowSecond, int limit) {
            if (nowSecond != second) {
                second = nowSecond;
                count = 0;
            }
            count++;
            return count <= limit;
        }
    }
}
