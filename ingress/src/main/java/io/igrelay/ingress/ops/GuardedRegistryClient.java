package io.igrelay.ingress.ops;

import io.igrelay.schemas.registry.CompatibilityLevel;
import io.igrelay.schemas.registry.RegisteredSchema;
import io.igrelay.schemas.registry.SchemaRegistryClient;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The ingress's schema-registry client behind the {@link EventLoopGuard}: a lookup is an HTTP call that waits for
 * the registry, so it must never run on an event loop (serializers cache ids; only a miss reaches this client).
 */
public final class GuardedRegistryClient implements SchemaRegistryClient {

    private final SchemaRegistryClient delegate;
    private final EventLoopGuard guard;

    public GuardedRegistryClient(SchemaRegistryClient delegate, EventLoopGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public int register(String subject, Schema schema) {
        guard.check("schema registry: register " + subject);
        return delegate.register(subject, schema);
    }

    @Override
    public int lookup(String subject, Schema schema) {
        guard.check("schema registry: lookup " + subject);
        return delegate.lookup(subject, schema);
    }

    @Override
    public Schema getById(int id) {
        guard.check("schema registry: schema " + id);
        return delegate.getById(id);
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        guard.check("schema registry: compatibility of " + subject);
        return delegate.testCompatibility(subject, schema);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        guard.check("schema registry: set compatibility");
        delegate.setCompatibility(subject, level);
    }

    @Override
    public Optional<RegisteredSchema> getLatest(String subject) {
        guard.check("schema registry: latest " + subject);
        return delegate.getLatest(subject);
    }

    @Override
    public List<String> subjects() {
        guard.check("schema registry: subjects");
        return delegate.subjects();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
