package io.igrelay.schemas.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/*
 * The few Confluent Schema Registry calls the hub needs (Confluent's own client is not served to this build).
 * Implementations: RestSchemaRegistryClient for any Confluent-compatible registry (Confluent, Apicurio ccompat,
 * Karapace, Redpanda) and InMemorySchemaRegistry for unit tests. Ids follow the Confluent semantics: one id per
 * distinct schema, the same id again when the same schema is registered again.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers {@code schema} under {@code subject} (or finds it) and returns its id; cached per subject+schema. */
    int register(String subject, Schema schema);

    /**
     * The id of {@code schema} if it is already registered under {@code subject}, without registering it (for
     * producers whose registry forbids registration); a SchemaRegistryException with {@code isNotFound()} if not.
     */
    int lookup(String subject, Schema schema);

    /** The schema with this id; cached. A 404 is a SchemaRegistryException with {@code isNotFound()}. */
    Schema getById(int id);

    /** Whether {@code schema} may be registered under {@code subject}; true when the subject does not exist yet. */
    boolean testCompatibility(String subject, Schema schema);

    /** Sets the compatibility of {@code subject}, or the global default when {@code subject} is null. */
    void setCompatibility(String subject, CompatibilityLevel level);

    /** The latest version of {@code subject}, or empty when the subject does not exist. */
    Optional<RegisteredSchema> getLatest(String subject);

    /** Every subject with at least one version. */
    List<String> subjects();

    /** A short description without credentials, for log lines and error messages. */
    String describe();

    @Override
    default void close() {
    }
}
