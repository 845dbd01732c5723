package io.igrelay.schemas.serde;

import io.igrelay.schemas.registry.SchemaRegistryClient;
import io.igrelay.schemas.registry.SchemaRegistryClients;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/*
 * The Kafka client properties our serde understands when Kafka builds it by class name (an outside producer sets
 * value.serializer=io.igrelay.schemas.serde.AvroSerializer). The names are Confluent's, so a producer configured for
 * KafkaAvroSerializer only changes the class name.
 */
public final class AvroSerdeConfig {

    /** Confluent REST API base, or mem://scope for tests. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** {@code user:password} for basic auth (Confluent's name). */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Same, with the registry prefix some clients use. */
    public static final String REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    /** false: never register, only look up the id of an already registered schema (Confluent's name). */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Deserialize into the generated class named by the writer schema instead of GenericRecord. */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    /** Fully-qualified generated class to read values into (reader schema = that class's schema). */
    public static final String VALUE_TYPE = "igrelay.avro.value.type";
    /** Same, for keys. */
    public static final String KEY_TYPE = "igrelay.avro.key.type";

    private AvroSerdeConfig() {
    }

    static SchemaRegistryClient registry(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException("Missing " + SCHEMA_REGISTRY_URL + ": the Avro serde needs the schema registry"
                    + " URL, e.g. http://localhost:8085/apis/ccompat/v7");
        }
        Object auth = configs.get(BASIC_AUTH_USER_INFO);
        if (auth == null) {
            auth = configs.get(REGISTRY_BASIC_AUTH_USER_INFO);
        }
        return SchemaRegistryClients.fromUrl(url.toString(), Optional.ofNullable(auth).map(Object::toString));
    }

    static boolean autoRegister(Map<String, ?> configs) {
        Object value = configs.get(AUTO_REGISTER_SCHEMAS);
        return value == null || Boolean.parseBoolean(value.toString());
    }

    static boolean specificReader(Map<String, ?> configs) {
        Object value = configs.get(SPECIFIC_AVRO_READER);
        return value != null && Boolean.parseBoolean(value.toString());
    }

    @SuppressWarnings("unchecked")
    static <T> Class<T> readType(Map<String, ?> configs, boolean isKey) {
        Object value = configs.get(isKey ? KEY_TYPE : VALUE_TYPE);
        if (value == null) {
            return null;
        }
        if (value instanceof Class<?> type) {
            return (Class<T>) type;
        }
        try {
            return (Class<T>) Class.forName(value.toString(), true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException((isKey ? KEY_TYPE : VALUE_TYPE) + " names class " + value
                    + " which is not on the classpath");
        }
    }
}
