package io.igrelay.dispatcher.graph;

import java.net.URI;
import java.util.Optional;

/*
 * One HTTP call to the Graph API (the Send API, or a comment's node: a POST by default, a DELETE to delete a
 * comment), fully resolved: where, with which credentials, and the exact JSON body (empty when the parameters ride
 * in the query). It holds
 * a decrypted token (in the bearer header or the Facebook Login query), so toString() shows neither, and it lives
 * only for the duration of one send. {@code account} is the Instagram account the call speaks for: Meta's usage
 * headers on the answer are applied to it (UsageGovernor).
 */
public record GraphRequest(URI uri, Optional<String> bearerToken, String body, String account, String method) {

    public static final String POST = "POST";
    public static final String DELETE = "DELETE";

    public GraphRequest(URI uri, Optional<String> bearerToken, String body) {
        this(uri, bearerToken, body, "");
    }

    public GraphRequest(URI uri, Optional<String> bearerToken, String body, String account) {
        this(uri, bearerToken, body, account, POST);
    }

    /** The call's host and path without the query (where a Facebook Login token rides), for logs and errors. */
    public String describe() {
        return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
    }

    @Override
    public String toString() {
        return "GraphRequest[" + method + " " + describe() + "]";
    }
}
