package io.igrelay.dispatcher.graph;

import java.net.URI;
import java.util.Optional;

/*
 * One HTTP call to the Send API, fully resolved: where, with which credentials, and the exact JSON body. It holds
 * a decrypted token (in the bearer header or the Facebook Login query), so toString() shows neither, and it lives
 * only for the duration of one send.
 */
public record GraphCall(URI uri, Optional<String> bearerToken, String body) {

    /** The call's host and path without the query (where a Facebook Login token rides), for logs and errors. */
    public String describe() {
        return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
    }

    @Override
    public String toString() {
        return "GraphCall[" + describe() + "]";
    }
}
