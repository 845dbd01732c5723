package io.igrelay.local.drill;

/**
 * One request the drill made to the hub (a signed Meta webhook or an API send): what it carried, when it left and
 * how the hub answered. Answer fields are written once, by the HTTP client's thread.
 */
final class Outgoing {

    /** Not answered (yet, or ever: no connection, a timeout). */
    static final int NO_ANSWER = -1;

    final int seq;
    final String user;
    final String label;
    final long sentAt;
    private volatile int status = NO_ANSWER;
    private volatile long answeredAt;
    private volatile String answer = "";

    Outgoing(int seq, String user, String label, long sentAt) {
        this.seq = seq;
        this.user = user;
        this.label = label;
        this.sentAt = sentAt;
    }

    void answered(int code, String body, long at) {
        this.answer = body;
        this.answeredAt = at;
        this.status = code;
    }

    int status() {
        return status;
    }

    long answeredAt() {
        return answeredAt;
    }

    String answer() {
        return answer;
    }
}
