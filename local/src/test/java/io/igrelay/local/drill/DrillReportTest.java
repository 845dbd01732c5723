package io.igrelay.local.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DrillReportTest {

    private static final String USER = "5310000000000010";

    private final ApplicationReceiver receiver = new ApplicationReceiver();
    private final HealthWatch health = new HealthWatch(Map.of());
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        receiver.close();
        health.close();
    }

    @Test
    void shouldPassWhenEveryAcceptedDmArrivedInOrderAndRetriesKeptTheirEventId() throws Exception {
        long t0 = System.currentTimeMillis() - 1_000;
        Outgoing first = answered(1, t0 + 10, t0 + 20, 200);
        Outgoing second = answered(2, t0 + 30, t0 + 40, 200);
        Outgoing refused = answered(3, t0 + 50, t0 + 60, 503); // Meta sends it again; not the hub's yet
        deliver(1, "e1");
        deliver(2, "e2");
        deliver(2, "e2");

        DrillReport.Row row = report(t0, List.of(first, second, refused)).rows().get(0);

        assertThat(row.dms()).isEqualTo(2);
        assertThat(row.dmsLost()).isZero();
        assertThat(row.dupSameId()).isEqualTo(1);
        assertThat(row.dupNewId()).isZero();
        assertThat(row.orderBreaks()).isZero();
        assertThat(row.problems()).isEmpty();
    }

    @Test
    void shouldFailOnALostDmADuplicateWithANewEventIdAndAnOrderBreak() throws Exception {
        long t0 = System.currentTimeMillis() - 1_000;
        Outgoing first = answered(1, t0 + 10, t0 + 20, 200);
        Outgoing second = answered(2, t0 + 30, t0 + 40, 200);
        Outgoing lost = answered(3, t0 + 50, t0 + 60, 200);
        deliver(2, "e2");   // answered after the first was: arriving before it breaks the conversation's order
        deliver(1, "e1");
        deliver(1, "e1-again");

        DrillReport report = report(t0, List.of(first, second, lost));
        DrillReport.Row row = report.rows().get(0);

        assertThat(row.dmsLost()).isEqualTo(1);
        assertThat(row.dupNewId()).isEqualTo(1);
        assertThat(row.orderBreaks()).isEqualTo(1);
        assertThat(row.problems()).hasSize(3);
        assertThat(report.passed()).isFalse();
    }

    private DrillReport report(long t0, List<Outgoing> dms) {
        Phase phase = new Phase("baseline", false, t0);
        phase.recovered(t0 + 1);
        return DrillReport.build(List.of(phase), System.currentTimeMillis(), dms, List.of(), receiver, List.of(),
                health, id -> new Http.Answer(404, ""));
    }

    private static Outgoing answered(int seq, long sentAt, long answeredAt, int status) {
        Outgoing out = new Outgoing(seq, USER, "dm", sentAt);
        out.answered(status, "", answeredAt);
        return out;
    }

    private void deliver(int seq, String eventId) throws Exception {
        String event = "{\"eventType\":\"Message\",\"eventId\":\"" + eventId + "\",\"direction\":\"inbound\","
                + "\"from\":\"" + USER + "\",\"content\":{\"type\":\"text\",\"text\":\"wh#" + seq + "# drill DM\"}}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(receiver.url("/message")))
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread.sleep(5); // arrivals are ordered by their millisecond
    }
}
