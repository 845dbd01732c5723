package io.igrelay.local.drill;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The drill's verdict, one row per fault: how long the hub took to carry traffic again after the heal, what was
 * sent meanwhile and whether all of it arrived (DMs answered 200 at the Application's Message webhook; replies
 * answered 202 at Meta's Send API or in a final status with a reason), duplicates, order breaks within a
 * conversation, and what readiness said. A row fails on any loss, a duplicate with a new eventId, an order break,
 * no recovery, or readiness that stayed UP while a part of the hub was broken.
 */
final class DrillReport {

    /** One row; {@code problems} empty means it passed. */
    record Row(String fault, double recoverySeconds, int dms, int dmsLost, int dupSameId, int dupNewId,
               int replies, int repliesSent, int repliesFailedWithReason, int repliesLost, int sentTwice,
               int orderBreaks, String health, List<String> notes, List<String> problems) {
    }

    private final List<Row> rows;

    private DrillReport(List<Row> rows) {
        this.rows = rows;
    }

    static DrillReport build(List<Phase> phases, long trafficEnd, List<Outgoing> dms, List<Outgoing> replies,
                             ApplicationReceiver receiver, List<SendLog.Send> sends, HealthWatch health,
                             Function<String, Http.Answer> statusOf) {
        int n = phases.size();
        Tally[] tally = new Tally[n];
        for (int i = 0; i < n; i++) {
            tally[i] = new Tally();
        }
        Function<Long, Integer> phaseOf = at -> {
            int index = 0;
            for (int i = 0; i < n; i++) {
                if (phases.get(i).start <= at) {
                    index = i;
                }
            }
            return index;
        };
        Judge.dms(dms, receiver, phaseOf, tally);
        Judge.replies(replies, sends, statusOf, phaseOf, tally);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Phase p = phases.get(i);
            long end = p.recovered() > 0 ? p.recovered() : i + 1 < n ? phases.get(i + 1).start : trafficEnd;
            List<String> notUp = health.notUpBetween(p.start, end);
            List<String> problems = new ArrayList<>(p.problems());
            Tally t = tally[i];
            if (t.dmsLost > 0) {
                problems.add(t.dmsLost + " DMs answered 200 never reached the Application, e.g. " + t.examples);
            }
            if (t.dupNewId > 0) {
                problems.add(t.dupNewId + " DMs reached the Application twice with different eventIds");
            }
            if (t.repliesLost > 0) {
                problems.add(t.repliesLost + " replies answered 202 neither reached Meta nor failed with a reason, e.g. "
                        + t.replyExamples);
            }
            if (t.orderBreaks > 0) {
                problems.add(t.orderBreaks + " order breaks within a conversation");
            }
            if (p.recovered() < 0) {
                problems.add("no recovery (ready everywhere, a DM delivered, a reply sent) within the bound");
            }
            if (p.breaksReadiness && notUp.isEmpty()) {
                problems.add("readiness stayed UP everywhere while the fault lasted");
            }
            double recovery = p.recovered() < 0 ? -1 : (p.recovered() - p.healed()) / 1e3;
            rows.add(new Row(p.name, recovery, t.dms, t.dmsLost, t.dupSameId, t.dupNewId, t.replies, t.repliesSent,
                    t.failedWithReason, t.repliesLost, t.sentTwice, t.orderBreaks,
                    notUp.isEmpty() ? "all UP" : String.join(", ", notUp), p.notes(), problems));
        }
        return new DrillReport(rows);
    }

    List<Row> rows() {
        return rows;
    }

    boolean passed() {
        return rows.stream().allMatch(r -> r.problems().isEmpty());
    }

    /** The rows as a Markdown table, then each row's notes and problems. */
    void print(PrintStream out) {
        out.println("| fault | recovered after | DMs 200 | lost | dup same eventId | dup new eventId | replies 202 "
                + "| at Meta | failed with reason | lost | sent twice | order breaks | readiness seen (not UP) "
                + "| result |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            out.println(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d "
                            + "| %s | %s |", r.fault(),
                    r.recoverySeconds() < 0 ? "not recovered" : String.format(Locale.ROOT, "%.1f s",
                            r.recoverySeconds()),
                    r.dms(), r.dmsLost(), r.dupSameId(), r.dupNewId(), r.replies(), r.repliesSent(),
                    r.repliesFailedWithReason(), r.repliesLost(), r.sentTwice(), r.orderBreaks(), r.health(),
                    r.problems().isEmpty() ? "pass" : "FAIL"));
        }
        out.println();
        for (Row r : rows) {
            if (!r.notes().isEmpty() || !r.problems().isEmpty()) {
                out.println("- " + r.fault() + ": " + String.join("; ", r.notes())
                        + (r.problems().isEmpty() ? "" : (r.notes().isEmpty() ? "" : "; ") + "FAIL: "
                        + String.join("; ", r.problems())));
            }
        }
    }

    /** Counts of one row. */
    static final class Tally {
        int dms;
        int dmsLost;
        int dupSameId;
        int dupNewId;
        int replies;
        int repliesSent;
        int failedWithReason;
        int repliesLost;
        int sentTwice;
        int orderBreaks;
        final List<String> examples = new ArrayList<>();
        final List<String> replyExamples = new ArrayList<>();
    }
}
