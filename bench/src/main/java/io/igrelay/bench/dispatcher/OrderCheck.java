package io.igrelay.bench.dispatcher;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks per-conversation order from the Send API calls as the sandbox logged them, in its order: each
 * conversation must receive "label 0", "label 1", … "label k-1" exactly once and in that order. Calls with other
 * texts (the warm-up) are ignored. Counts what went wrong instead of stopping at the first problem.
 */
final class OrderCheck {

    record Outcome(long checked, long outOfOrder, long duplicates, long missing) {

        boolean ok() {
            return outOfOrder == 0 && duplicates == 0 && missing == 0;
        }

        String describe() {
            return String.format("%,d sends checked: %d out of order, %d duplicated, %d missing", checked,
                    outOfOrder, duplicates, missing);
        }
    }

    private final String prefix;
    private final Map<String, Integer> highest = new HashMap<>();
    private final Map<String, BitSet> seen = new HashMap<>();
    private long checked;
    private long outOfOrder;
    private long duplicates;

    OrderCheck(String label) {
        this.prefix = label + " ";
    }

    /**
     * One logged call: the conversation (recipient IGSID) and the message text it carried. A send is out of order
     * when a later message of its conversation was sent before it; a repeat of a number is a duplicate.
     */
    void observe(String recipient, String text) {
        if (text == null || !text.startsWith(prefix)) {
            return;
        }
        int n;
        try {
            n = Integer.parseInt(text.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return;
        }
        checked++;
        BitSet numbers = seen.computeIfAbsent(recipient, r -> new BitSet());
        if (numbers.get(n)) {
            duplicates++;
            return;
        }
        numbers.set(n);
        int last = highest.getOrDefault(recipient, -1);
        if (n < last) {
            outOfOrder++;
        } else {
            highest.put(recipient, n);
        }
    }

    /** The result, given how many conversations each expected {@code perConversation} messages. */
    Outcome outcome(int conversations, int perConversation) {
        long received = seen.values().stream().mapToLong(BitSet::cardinality).sum();
        long missing = (long) conversations * perConversation - received;
        return new Outcome(checked, outOfOrder, duplicates, Math.max(0, missing));
    }
}
