package io.igrelay.bench.dispatcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.sandbox.send.SendObserver;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the dispatcher's two promises at the sandbox, as each Send API call arrives: per conversation, the
 * messages "label 0", "label 1", … arrive in strictly increasing order (a repeat or a step back counts), and a
 * conversation never has two calls open at once (a call is open from its arrival to its answer). Calls with other
 * texts are ignored; nothing is left out of the count to stop at the first problem. The sandbox calls it from its
 * event loops, so it is synchronized.
 */
final class OrderCheck implements SendObserver {

    record Outcome(long arrivals, long notIncreasing, long overlapping, long missing) {

        boolean ok() {
            return notIncreasing == 0 && overlapping == 0 && missing == 0;
        }

        String describe() {
            return String.format(Locale.ROOT, "%,d arrivals checked: %d not in strictly increasing order, %d while "
                    + "another call of the conversation was open, %d missing", arrivals, notIncreasing, overlapping,
                    missing);
        }
    }

    private final String prefix;
    private final Map<String, Integer> last = new HashMap<>();
    private final Map<String, BitSet> seen = new HashMap<>();
    private final Set<String> open = new HashSet<>();
    private long arrivals;
    private long notIncreasing;
    private long overlapping;

    OrderCheck(String label) {
        this.prefix = label + " ";
    }

    @Override
    public synchronized void arrived(String accountId, JsonNode body) {
        int n = number(body);
        if (n < 0) {
            return;
        }
        String conversation = accountId + "|" + body.path("recipient").path("id").asText("");
        arrivals++;
        if (!open.add(conversation)) {
            overlapping++;
        }
        int previous = last.getOrDefault(conversation, -1);
        if (n <= previous) {
            notIncreasing++;
        } else {
            last.put(conversation, n);
        }
        seen.computeIfAbsent(conversation, c -> new BitSet()).set(n);
    }

    @Override
    public synchronized void answered(String accountId, JsonNode body) {
        if (number(body) >= 0) {
            open.remove(accountId + "|" + body.path("recipient").path("id").asText(""));
        }
    }

    /** The result, given how many conversations each expected {@code perConversation} messages. */
    synchronized Outcome outcome(int conversations, int perConversation) {
        long received = seen.values().stream().mapToLong(BitSet::cardinality).sum();
        long missing = (long) conversations * perConversation - received;
        return new Outcome(arrivals, notIncreasing, overlapping, Math.max(0, missing));
    }

    /** n of a "label n" text message, or -1 for any other call. */
    private int number(JsonNode body) {
        if (body == null) {
            return -1;
        }
        String text = body.path("message").path("text").asText(null);
        if (text == null || !text.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(text.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
