package io.igrelay.ingress.onboarding;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A scripted browser for unit tests: a cookie jar, manual redirects (so a test can rewrite the hop to Meta's dialog,
 * e.g. add the sandbox's {@code sandbox_auto=allow}), and form posts that carry the CSRF token of the last page.
 */
public final class HubClient {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String csrf = "";
    private HttpResponse<String> last;

    public HubClient(String base) {
        this.base = base;
    }

    public HttpResponse<String> get(String pathOrUrl) {
        return remember(send(HttpRequest.newBuilder(uri(pathOrUrl)).GET()));
    }

    public HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.putIfAbsent("csrf", csrf);
        String form = all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return remember(send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))));
    }

    /** Follows redirects from {@code response} until a page answers. */
    public HttpResponse<String> follow(HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int i = 0; i < 10 && current.statusCode() / 100 == 3; i++) {
            current = get(location(current));
        }
        return current;
    }

    public static String location(HttpResponse<String> response) {
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow()).toString();
    }

    public void signIn(String apiKey) {
        get("/dashboard/login");
        follow(post("/dashboard/login", Map.of("apiKey", apiKey)));
    }

    public HttpResponse<String> last() {
        return last;
    }

    public void forgetCsrf() {
        csrf = "";
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        last = response;
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return response;
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
