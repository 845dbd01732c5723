package io.igrelay.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/*
 * A schema registry in memory, for unit tests and TopologyTestDriver runs (like Confluent's mock:// scopes).
 * Same id semantics as a real registry: one id per distinct schema across subjects, the same id when registered
 * again, versions per subject, and compatibility enforced on register (default BACKWARD, as in Confluent).
 * Thread-safe; named scopes let a serde configured with "mem://<scope>" share one instance with the test.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final String name;
    private final Map<String, Integer> idsBySchemaJson = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
    private final Map<String, CompatibilityLevel> levelsBySubject = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    public InMemorySchemaRegistry() {
        this("anonymous");
    }

    private InMemorySchemaRegistry(String name) {
        this.name = name;
    }

    /** The shared registry of a named scope, created on first use; "mem://name" URLs resolve to it. */
    public static InMemorySchemaRegistry scope(String name) {
        return SCOPES.computeIfAbsent(name, InMemorySchemaRegistry::new);
    }

    /** Forgets a named scope, so the next {@link #scope(String)} starts empty. */
    public static void dropScope(String name) {
        SCOPES.remove(name);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        String json = schema.toString();
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        Integer existing = idsBySchemaJson.get(json);
        if (existing != null && versions.contains(existing)) {
            return existing;
        }
        List<String> problems = AvroCompatibility.problems(levelOf(subject), schema, schemasOf(versions));
        if (!problems.isEmpty()) {
            throw new SchemaRegistryException("Schema being registered is incompatible with an earlier schema for "
                    + "subject " + subject + " (" + levelOf(subject) + ", " + describe() + "): " + problems, 409, 409);
        }
        int id = existing != null ? existing : nextId++;
        idsBySchemaJson.put(json, id);
        schemasById.put(id, schema);
        versions.add(id);
        return id;
    }

    @Override
    public synchronized int lookup(String subject, Schema schema) {
        Integer id = idsBySchemaJson.get(schema.toString());
        if (id == null || !versionsBySubject.getOrDefault(subject, List.of()).contains(id)) {
            throw new SchemaRegistryException("Schema not found under subject " + subject + " in " + describe(), 404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("Schema " + id + " not found in " + describe(), 404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    @Override
    public synchronized boolean testCompatibility(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        return AvroCompatibility.isCompatible(levelOf(subject), schema, schemasOf(versions));
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        if (subject == null) {
            globalLevel = level;
        } else {
            levelsBySubject.put(subject, level);
        }
    }

    @Override
    public synchronized Optional<RegisteredSchema> getLatest(String subject) {
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        int id = versions.get(versions.size() - 1);
        return Optional.of(new RegisteredSchema(subject, versions.size(), id, schemasById.get(id)));
    }

    @Override
    public synchronized List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        versionsBySubject.forEach((subject, versions) -> {
            if (!versions.isEmpty()) {
                subjects.add(subject);
            }
        });
        subjects.sort(String::compareTo);
        return subjects;
    }

    @Override
    public String describe() {
        return "in-memory schema registry '" + name + "'";
    }

    @Override
    public String toString() {
        return "InMemorySchemaRegistry[" + name + "]";
    }

    private CompatibilityLevel levelOf(String subject) {
        return levelsBySubject.getOrDefault(subject, globalLevel);
    }

    private List<Schema> schemasOf(List<Integer> ids) {
        List<Schema> schemas = new ArrayList<>(ids.size());
        ids.forEach(id -> schemas.add(schemasById.get(id)));
        return schemas;
    }
}
