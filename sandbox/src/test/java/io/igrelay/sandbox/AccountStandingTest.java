package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * What Meta says about an account beyond one message: a restriction (368, or 10/1893063) refuses every send until
 * cleared, and the usage headers the admin API sets ride on every Send API answer of the account.
 */
class AccountStandingTest extends SandboxTestBase {

    @Test
    void shouldRefuseEverySendOfARestrictedAccountWith368() {
        userWrites();
        admin("PUT", "/accounts/fixture.shop/restriction", "{\"code\":368}");

        HttpResponse<String> r = sendIg(igToken(), text("hi").getBytes());

        assertThat(json(r).at("/error/code").asInt()).as(r.body()).isEqualTo(368);
    }

    @Test
    void shouldAnswerTheTemporaryRestrictionAsCode10WithItsSubcode() {
        userWrites();
        admin("PUT", "/accounts/fixture.shop/restriction", "{\"code\":10}");

        HttpResponse<String> r = sendIg(igToken(), text("hi").getBytes());

        assertThat(json(r).at("/error/code").asInt()).isEqualTo(10);
        assertThat(json(r).at("/error/error_subcode").asInt()).isEqualTo(1893063);
    }

    @Test
    void shouldSendAgainOnceTheRestrictionIsCleared() {
        userWrites();
        admin("PUT", "/accounts/fixture.shop/restriction", "{\"code\":368}");
        admin("DELETE", "/accounts/fixture.shop/restriction", null);

        assertThat(sendIg(igToken(), text("hi").getBytes()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldPutTheAccountsBusinessUseCaseUsageOnItsAnswers() {
        userWrites();
        admin("PUT", "/accounts/fixture.shop/usage", "{\"callCount\":95,\"totalTime\":10,\"regainMinutes\":0}");

        HttpResponse<String> r = sendIg(igToken(), text("hi").getBytes());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Business-Use-Case-Usage")).hasValueSatisfying(h -> assertThat(h)
                .contains("\"" + A + "\"").contains("\"call_count\":95").contains("estimated_time_to_regain_access"));
        assertThat(r.headers().firstValue("X-App-Usage")).isEmpty();
    }

    @Test
    void shouldPutTheAppUsageOnEveryAnswer() {
        userWrites();
        admin("PUT", "/app-usage", "{\"callCount\":40,\"totalTime\":81,\"totalCputime\":5}");

        HttpResponse<String> r = sendIg(igToken(), text("hi").getBytes());

        assertThat(r.headers().firstValue("X-App-Usage")).contains(
                "{\"call_count\":40,\"total_cputime\":5,\"total_time\":81}");
    }
}
