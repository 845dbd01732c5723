package io.igrelay.sandbox.callback;

/**
 * One deletion or deauthorize callback the sandbox made: to whom, for which app-scoped user, the exact
 * signed_request, and what the hub answered (for deletion: its url and confirmation_code).
 */
public record CallbackRecord(long seq, long at, String kind, String url, String app, String userId,
        String signedRequest, int status, String responseBody, String confirmationCode, String statusUrl,
        String error) {
}
