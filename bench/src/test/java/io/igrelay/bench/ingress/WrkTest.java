package io.igrelay.bench.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the ingress rows read from wrk's report, and what makes a run fail. */
class WrkTest {

    private static final String REPORT = """
            Running 10s test @ http://127.0.0.1:40000/webhooks/instagram
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     2.71ms    1.90ms  40.12ms   91.00%
                Req/Sec    10.02k     1.10k   12.40k    70.00%
              Latency Distribution
                 50%%    2.30ms
                 75%%    2.90ms
                 90%%    3.80ms
                 99%%   14.50ms
              199876 requests in 10.00s, 21.35MB read
            Requests/sec:  19987.60
            Transfer/sec:      2.13MB
            """.replace("%%", "%");

    @Test
    void shouldReadTheRateAndTheLatencyPercentiles() {
        Wrk.Outcome outcome = Wrk.parse(REPORT);

        assertThat(outcome.requestsPerSecond()).isEqualTo(19987.6);
        assertThat(outcome.requests()).isEqualTo(199876);
        assertThat(outcome.latency().p50Ms()).isEqualTo(2.3);
        assertThat(outcome.latency().p99Ms()).isEqualTo(14.5);
    }

    @Test
    void shouldReadMicrosecondsAndSeconds() {
        Wrk.Outcome outcome = Wrk.parse(REPORT.replace("2.30ms", "812.00us").replace("14.50ms", "1.20s"));

        assertThat(outcome.latency().p50Ms()).isEqualTo(0.812);
        assertThat(outcome.latency().p99Ms()).isEqualTo(1200.0);
    }

    @Test
    void shouldFailOnAnswersOtherThan2xx() {
        String report = REPORT.replace("Requests/sec", "  Non-2xx or 3xx responses: 12\nRequests/sec");

        assertThatThrownBy(() -> Wrk.parse(report)).hasMessageContaining("Non-2xx or 3xx responses: 12");
    }

    @Test
    void shouldFailOnSocketErrors() {
        String report = REPORT.replace("Requests/sec", "  Socket errors: connect 0, read 3, write 0, timeout 0\n"
                + "Requests/sec");

        assertThatThrownBy(() -> Wrk.parse(report)).hasMessageContaining("socket errors");
    }
}
