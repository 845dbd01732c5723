package io.igrelay.dispatcher.send;

import io.igrelay.dispatcher.graph.CallOutcome;
import io.igrelay.dispatcher.graph.GraphRequest;

/*
 * The Send API as the pipeline sees it: one call in, one classified outcome out. GraphClient is the HTTP
 * implementation; tests pass a scripted one, so the pipeline's rules are tested without a server.
 */
@FunctionalInterface
public interface SendApi {

    CallOutcome send(GraphRequest call);
}
