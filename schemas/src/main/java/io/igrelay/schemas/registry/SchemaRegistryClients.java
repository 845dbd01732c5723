package io.igrelay.schemas.registry;

import java.util.Optional;

/*
 * Turns SCHEMA_REGISTRY_URL (and SCHEMA_REGISTRY_BASIC_AUTH) into a client, so every service and every serde
 * configured through Kafka properties picks the same kind: "mem://<scope>" is a shared in-memory registry for
 * tests, anything else is the Confluent REST API base, e.g. http://localhost:8085/apis/ccompat/v7.
 */
public final class SchemaRegistryClients {

    public static final String MEMORY_SCHEME = "mem://";

    private SchemaRegistryClients() {
    }

    /** A client for {@code url}; {@code basicAuth} is an optional {@code user:password}. */
    public static SchemaRegistryClient fromUrl(String url, Optional<String> basicAuth) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("schema registry URL is empty");
        }
        String trimmed = url.trim();
        if (trimmed.startsWith(MEMORY_SCHEME)) {
            String scope = trimmed.substring(MEMORY_SCHEME.length());
            return InMemorySchemaRegistry.scope(scope.isEmpty() ? "default" : scope);
        }
        if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
            throw new IllegalArgumentException("schema registry URL must start with http://, https:// or mem://, got "
                    + trimmed);
        }
        return new RestSchemaRegistryClient(trimmed, basicAuth);
    }
}
