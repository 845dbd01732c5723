package io.igrelay.sandbox.send;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sees each Send API call twice: when it arrives (token checked, body parsed) and just before it is answered. A
 * benchmark checks on it what the inspection log cannot show, since the log is written at the answer: the order in
 * which a conversation's calls arrive, and that no conversation ever has two calls open at once.
 */
public interface SendObserver {

    SendObserver NONE = new SendObserver() {
        @Override
        public void arrived(String accountId, JsonNode body) {
        }

        @Override
        public void answered(String accountId, JsonNode body) {
        }
    };

    void arrived(String accountId, JsonNode body);

    /** Called for every answer, also for calls refused before they counted as arrived ({@code body} may be null). */
    void answered(String accountId, JsonNode body);
}
