package io.igrelay.local.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Meta's Send API (the sandbox) received: its inspection log, read once at the end of the drill. */
final class SendLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REPLY_SEQ = Pattern.compile(Pattern.quote(ApiTraffic.MARKER) + "(\\d+)#");

    /** One Send API call carrying drill reply {@code seq}, in the sandbox's order. */
    record Send(long order, int seq, String recipient, String outcome) {
        boolean sent() {
            return "sent".equals(outcome);
        }
    }

    private SendLog() {
    }

    static List<Send> read(String sandbox) {
        Http.Answer answer = Http.get(sandbox + "/sandbox/sends?limit=10000000", null);
        if (!answer.ok()) {
            throw new DrillException("cannot read the sandbox's Send API log: " + answer.status() + " "
                    + answer.body());
        }
        List<Send> sends = new ArrayList<>();
        try {
            for (JsonNode call : JSON.readTree(answer.body()).path("data")) {
                Matcher m = REPLY_SEQ.matcher(call.path("body").toString());
                if (m.find()) {
                    sends.add(new Send(call.path("seq").asLong(), Integer.parseInt(m.group(1)),
                            call.path("recipientId").asText(), call.path("outcome").asText()));
                }
            }
        } catch (IOException e) {
            throw new DrillException("the sandbox's Send API log is not JSON: " + e.getMessage());
        }
        return sends;
    }
}
