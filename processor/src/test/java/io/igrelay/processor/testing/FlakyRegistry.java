package io.igrelay.processor.testing;

import io.igrelay.schemas.registry.CompatibilityLevel;
import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import io.igrelay.schemas.registry.RegisteredSchema;
import io.igrelay.schemas.registry.SchemaRegistryClient;
import io.igrelay.schemas.registry.SchemaRegistryException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.Schema;

/**
 * A schema registry a topology test can take away: every call fails as a refused connection does (status 0) while
 * {@link #down} is set, as the REST client reports it. Serdes built on it start with cold caches, like a processor
 * after a restart; the test's own serdes use {@link #registry} directly, so ids agree.
 */
public final class FlakyRegistry implements SchemaRegistryClient {

    public final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    public final AtomicBoolean down = new AtomicBoolean();

    private void answer() {
        if (down.get()) {
            throw new SchemaRegistryException("Schema registry at flaky://test did not answer: connection refused",
                    0, 0);
        }
    }

    @Override
    public int register(String subject, Schema schema) {
        answer();
        return registry.register(subject, schema);
    }

    @Override
    public int lookup(String subject, Schema schema) {
        answer();
        return registry.lookup(subject, schema);
    }

    @Override
    public Schema getById(int id) {
        answer();
        return registry.getById(id);
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        answer();
        return registry.testCompatibility(subject, schema);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        answer();
        registry.setCompatibility(subject, level);
    }

    @Override
    public Optional<RegisteredSchema> getLatest(String subject) {
        answer();
        return registry.getLatest(subject);
    }

    @Override
    public List<String> subjects() {
        answer();
        return registry.subjects();
    }

    @Override
    public String describe() {
        return "flaky://test";
    }
}
