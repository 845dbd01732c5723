package io.igrelay.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.dispatcher.DispatcherConfig;
import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.processor.ProcessorConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml is the production-like deployment nobody runs in CI (no Docker here), so its drift from the
 * services' config records is caught here: every variable it gives a service is one that service reads, every
 * required one is given, and the cluster is the 3-node, RF 3, min ISR 2 one the README promises.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("../docker-compose.yml");

    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of("ingress", IngressConfig.knownVariables(), IngressConfig.requiredVariables()),
                Arguments.of("processor", ProcessorConfig.knownVariables(), ProcessorConfig.requiredVariables()),
                Arguments.of("dispatcher", DispatcherConfig.knownVariables(), DispatcherConfig.requiredVariables()));
    }

    @ParameterizedTest(name = "{0} gets only variables its config knows")
    @MethodSource("services")
    void shouldGiveEachServiceOnlyVariablesItsConfigKnows(String service, Set<String> known, Set<String> required) {
        assertThat(environment(service).keySet())
                .allSatisfy(name -> assertThat(known.contains(name) || name.startsWith("KAFKA_"))
                        .as("%s is given %s, which its config does not read", service, name).isTrue());
    }

    @ParameterizedTest(name = "{0} gets every required variable")
    @MethodSource("services")
    void shouldGiveEachServiceEveryRequiredVariable(String service, Set<String> known, Set<String> required) {
        assertThat(environment(service).keySet()).containsAll(required);
    }

    @ParameterizedTest(name = "{0} runs its Jib image with replication factor 3")
    @MethodSource("services")
    void shouldRunTheJibImageAgainstTheWholeCluster(String service, Set<String> known, Set<String> required) {
        assertThat(service(service).get("image")).isEqualTo("igrelay/" + service + ":0.1.0-SNAPSHOT");
        assertThat(environment(service))
                .containsEntry("TOPIC_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:19092,kafka-2:19092,kafka-3:19092")
                .containsEntry("SCHEMA_REGISTRY_URL", "http://registry:8080/apis/ccompat/v7");
    }

    @Test
    void shouldGiveTheServicesThatCallMetaACompleteAppCredentialPair() {
        for (String service : List.of("ingress", "dispatcher")) {
            Set<String> names = environment(service).keySet();
            assertThat(names.containsAll(Set.of("META_APP_ID", "META_APP_SECRET"))
                    || names.containsAll(Set.of("INSTAGRAM_APP_ID", "INSTAGRAM_APP_SECRET")))
                    .as("%s needs META_APP_ID/SECRET or INSTAGRAM_APP_ID/SECRET", service).isTrue();
        }
    }

    @Test
    void shouldRunThreeKraftNodesWithReplicationFactorThreeAndMinIsrTwo() {
        List<Map<String, String>> nodes = Stream.of("kafka-1", "kafka-2", "kafka-3").map(this::environment).toList();

        assertThat(nodes).extracting(env -> env.get("KAFKA_NODE_ID")).containsExactly("1", "2", "3");
        assertThat(nodes).allSatisfy(env -> assertThat(env)
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
                .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2"));
        assertThat(nodes).extracting(env -> env.get("CLUSTER_ID")).containsOnly(nodes.get(0).get("CLUSTER_ID"));
        assertThat(service("kafka-1").get("image").toString()).startsWith("apache/kafka:");
    }

    @Test
    void shouldServeTheConfluentApiOfTheRegistry() {
        assertThat(service("registry").get("image").toString()).startsWith("apicurio/apicurio-registry");
        assertThat(service("registry").get("ports").toString()).contains("8085:8080");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> service(String name) {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            Map<String, Object> compose = new Yaml().load(reader);
            var services = (Map<String, Object>) compose.get("services");
            assertThat(services).as("services in %s", COMPOSE).containsKey(name);
            return (Map<String, Object>) services.get(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's environment as strings, whether the file writes it as a map or as a list of NAME=value. */
    private Map<String, String> environment(String name) {
        Object env = service(name).get("environment");
        var result = new LinkedHashMap<String, String>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(k.toString(), v == null ? "" : v.toString()));
        } else if (env instanceof List<?> list) {
            list.forEach(item -> {
                String[] parts = item.toString().split("=", 2);
                result.put(parts[0], parts.length > 1 ? parts[1] : "");
            });
        }
        return result;
    }
}
