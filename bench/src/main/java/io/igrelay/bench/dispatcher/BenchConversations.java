package io.igrelay.bench.dispatcher;

import io.igrelay.bench.BenchChannels;
import java.util.ArrayList;
import java.util.List;

/**
 * The dispatcher rows' audience: 2,000 conversations (IGSIDs) spread evenly over 200 business accounts, each account
 * with one connected channel; enough accounts that the default per-account rate limits (100 text sends/s) are not
 * what bounds a row aiming at 5,000 sends/s. Deterministic, so the sandbox, the channels and the commands agree on
 * every id.
 */
public final class BenchConversations {

    public static final int ACCOUNTS = 200;
    public static final int CONVERSATIONS = 2_000;

    public record Conversation(int index, String account, String igsid, String channelId) {

        public String key() {
            return account + "|" + igsid;
        }
    }

    private BenchConversations() {
    }

    public static String account(int a) {
        return Long.toString(17_841_500_000_000_000L + a);
    }

    public static String channelId(String account) {
        return BenchChannels.channelId(account);
    }

    public static List<String> accounts() {
        List<String> accounts = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            accounts.add(account(a));
        }
        return accounts;
    }

    public static List<Conversation> all() {
        List<Conversation> all = new ArrayList<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            String account = account(c % ACCOUNTS);
            all.add(new Conversation(c, account, Long.toString(8_100_000_000_000_000L + c), channelId(account)));
        }
        return all;
    }
}
