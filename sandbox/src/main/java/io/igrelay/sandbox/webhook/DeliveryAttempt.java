package io.igrelay.sandbox.webhook;

import java.util.List;

/**
 * One POST of a webhook delivery to the callback URL, for the inspection API: which delivery and attempt, when,
 * the HTTP status or network error, the signature header and the exact body sent.
 */
public record DeliveryAttempt(long seq, long deliveryId, int attempt, long at, String url, int status, boolean ok,
        String error, int items, List<String> accountIds, String signature, String body, String outcome) {
}
