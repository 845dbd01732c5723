package io.igrelay.sandbox.state;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All threads by (account, IGSID), and the one table of which user action opens how long a window:
 * 24 h standard for every message, postback, reaction and ig.me referral; 7 days for the first message after a
 * Click-to-Direct ad; 7 days for HUMAN_AGENT from the last user message only (not from a reaction, postback or
 * referral). Seen receipts, echoes, unsends, un-reacts, edits, opt-ins and handover events open nothing.
 */
public final class SandboxConversations {
    public static final Duration STANDARD = Duration.ofHours(24);
    public static final Duration AD_REFERRAL = Duration.ofDays(7);
    public static final Duration HUMAN_AGENT = Duration.ofDays(7);

    private final Map<String, Conversation> threads = new ConcurrentHashMap<>();

    private static String key(String accountId, String igsid) {
        return accountId + '|' + igsid;
    }

    public Optional<Conversation> find(String accountId, String igsid) {
        return Optional.ofNullable(threads.get(key(accountId, igsid)));
    }

    public Conversation get(String accountId, String igsid) {
        return threads.computeIfAbsent(key(accountId, igsid), k -> new Conversation());
    }

    /** A user message at {@code at} (epoch ms); {@code fromAd} marks the first message after a CTD ad. */
    public void userMessage(String accountId, String igsid, long at, boolean fromAd, String mid) {
        long standard = (fromAd ? AD_REFERRAL : STANDARD).toMillis();
        get(accountId, igsid).userAction(at, standard, HUMAN_AGENT.toMillis(), mid);
    }

    /** A reaction, postback or ig.me referral at {@code at}: the standard window only. */
    public void userAction(String accountId, String igsid, long at) {
        get(accountId, igsid).userAction(at, STANDARD.toMillis(), 0, null);
    }

    /** Every thread as (account, IGSID, state), for snapshots. */
    public void forEach(java.util.function.BiConsumer<String[], Conversation> action) {
        threads.forEach((k, c) -> action.accept(k.split("\\|", 2), c));
    }

    public int size() {
        return threads.size();
    }

    public void clear() {
        threads.clear();
    }
}
