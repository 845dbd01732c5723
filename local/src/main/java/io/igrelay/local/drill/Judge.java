package io.igrelay.local.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The end-to-end checks, each item counted in the row of the phase it was sent in. Order within a conversation is
 * judged only where the drill itself fixed it: when B was answered before A was even sent, A must not arrive first.
 */
final class Judge {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINAL_FAILURES = Set.of("failed", "rejected");

    private Judge() {
    }

    static void dms(List<Outgoing> dms, ApplicationReceiver receiver, Function<Long, Integer> phaseOf,
                    DrillReport.Tally[] tally) {
        Map<String, List<Outgoing>> delivered = new HashMap<>();
        for (Outgoing dm : dms) {
            if (dm.status() != 200) {
                continue; // Meta would send it again; not the hub's to keep yet
            }
            DrillReport.Tally t = tally[phaseOf.apply(dm.sentAt)];
            t.dms++;
            List<ApplicationReceiver.Arrival> arrivals = receiver.arrivals(dm.seq);
            if (arrivals.isEmpty()) {
                t.dmsLost++;
                if (t.examples.size() < 3) {
                    t.examples.add("wh#" + dm.seq + " (" + dm.label + ")");
                }
                continue;
            }
            long ids = arrivals.stream().map(ApplicationReceiver.Arrival::eventId).distinct().count();
            if (ids > 1) {
                t.dupNewId++;
            } else if (arrivals.size() > 1) {
                t.dupSameId++;
            }
            if (!dm.user.equals(Drill.POISON_USER)) {
                delivered.computeIfAbsent(dm.user, u -> new ArrayList<>()).add(dm);
            }
        }
        for (List<Outgoing> conversation : delivered.values()) {
            conversation.sort(Comparator.comparingLong(o -> receiver.arrivals(o.seq).get(0).at()));
            countBreaks(conversation, phaseOf, tally);
        }
    }

    static void replies(List<Outgoing> replies, List<SendLog.Send> sends, Function<String, Http.Answer> statusOf,
                        Function<Long, Integer> phaseOf, DrillReport.Tally[] tally) {
        Map<Integer, List<SendLog.Send>> bySeq = sends.stream().filter(SendLog.Send::sent)
                .collect(Collectors.groupingBy(SendLog.Send::seq));
        Map<Integer, Outgoing> accepted = new LinkedHashMap<>();
        for (Outgoing reply : replies) {
            String id = ApiTraffic.messageId(reply);
            if (id == null) {
                continue;
            }
            accepted.put(reply.seq, reply);
            DrillReport.Tally t = tally[phaseOf.apply(reply.sentAt)];
            t.replies++;
            List<SendLog.Send> atMeta = bySeq.getOrDefault(reply.seq, List.of());
            if (!atMeta.isEmpty()) {
                t.repliesSent++;
                t.sentTwice += atMeta.size() > 1 ? 1 : 0;
            } else if (finalWithReason(statusOf.apply(id))) {
                t.failedWithReason++;
            } else {
                t.repliesLost++;
                if (t.replyExamples.size() < 3) {
                    t.replyExamples.add("api#" + reply.seq + " " + id + " " + statusOf.apply(id).body());
                }
            }
        }
        Map<String, List<Outgoing>> byRecipient = new HashMap<>();
        sends.stream().filter(SendLog.Send::sent).sorted(Comparator.comparingLong(SendLog.Send::order))
                .map(s -> accepted.get(s.seq())).filter(r -> r != null).distinct()
                .forEach(r -> byRecipient.computeIfAbsent(r.user, u -> new ArrayList<>()).add(r));
        byRecipient.values().forEach(conversation -> countBreaks(conversation, phaseOf, tally));
    }

    /** {@code arrived} in arrival order: a break is an earlier arrival sent after a later one was answered. */
    private static void countBreaks(List<Outgoing> arrived, Function<Long, Integer> phaseOf,
                                    DrillReport.Tally[] tally) {
        for (int i = 0; i < arrived.size(); i++) {
            for (int j = i + 1; j < arrived.size(); j++) {
                if (arrived.get(j).answeredAt() < arrived.get(i).sentAt) {
                    tally[phaseOf.apply(arrived.get(i).sentAt)].orderBreaks++;
                    break;
                }
            }
        }
    }

    private static boolean finalWithReason(Http.Answer status) {
        if (!status.ok()) {
            return false;
        }
        try {
            JsonNode body = JSON.readTree(status.body());
            String reason = body.path("errorCode").asText("") + body.path("errorMessage").asText("");
            return FINAL_FAILURES.contains(body.path("status").asText()) && !reason.isBlank();
        } catch (IOException e) {
            return false;
        }
    }
}
