package io.igrelay.processor;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters the topology bumps and the service exposes on /metrics: skipped malformed deliveries and items, events
 * of unknown accounts (metadata only), duplicates dropped, gate decisions, Meta timestamps out of range. Plain
 * atomics keep the topology free of the metrics library; one instance per topology.
 */
public final class ProcessorCounters {

    public final AtomicLong malformedDeliveries = new AtomicLong();
    public final AtomicLong malformedItems = new AtomicLong();
    public final AtomicLong truncatedItems = new AtomicLong();
    public final AtomicLong unknownAccountEvents = new AtomicLong();
    public final AtomicLong duplicatesDropped = new AtomicLong();
    public final AtomicLong outboundAccepted = new AtomicLong();
    public final AtomicLong outboundRejected = new AtomicLong();
    public final AtomicLong heldEchoesReleased = new AtomicLong();
    public final AtomicLong timestampsOutOfRange = new AtomicLong();
}
