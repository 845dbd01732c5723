package io.igrelay.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.TextContent;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/*
 * The in-memory registry behaves like a real one where our tests can tell: one id per distinct schema, versions
 * per subject, BACKWARD enforced by default, unknown ids answered as 404, named scopes shared.
 */
class InMemorySchemaRegistryTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    private static Schema v1() {
        return SchemaBuilder.record("Thing").namespace("t").fields().requiredString("id").endRecord();
    }

    private static Schema v2WithDefault() {
        return SchemaBuilder.record("Thing").namespace("t").fields().requiredString("id")
                .name("note").type().stringType().stringDefault("").endRecord();
    }

    private static Schema v2WithoutDefault() {
        return SchemaBuilder.record("Thing").namespace("t").fields().requiredString("id")
                .requiredString("note").endRecord();
    }

    @Test
    void shouldGiveTheSameIdForTheSameSchemaAcrossSubjects() {
        int first = registry.register("a-value", OutboundMessage.getClassSchema());
        assertThat(registry.register("a-value", OutboundMessage.getClassSchema())).isEqualTo(first);
        assertThat(registry.register("b-value", OutboundMessage.getClassSchema())).isEqualTo(first);
        assertThat(registry.register("c-value", TextContent.getClassSchema())).isNotEqualTo(first);
        assertThat(registry.getById(first)).isEqualTo(OutboundMessage.getClassSchema());
    }

    @Test
    void shouldAddVersionsForCompatibleChanges() {
        registry.register("t-value", v1());
        int id2 = registry.register("t-value", v2WithDefault());
        assertThat(registry.getLatest("t-value")).get()
                .satisfies(latest -> {
                    assertThat(latest.version()).isEqualTo(2);
                    assertThat(latest.id()).isEqualTo(id2);
                });
    }

    @Test
    void shouldRefuseBackwardIncompatibleSchemaWith409() {
        registry.register("t-value", v1());
        assertThat(registry.testCompatibility("t-value", v2WithoutDefault())).isFalse();
        assertThatThrownBy(() -> registry.register("t-value", v2WithoutDefault()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isIncompatible()).isTrue())
                .hasMessageContaining("incompatible")
                .hasMessageContaining("t-value");
    }

    @Test
    void shouldAllowAnyChangeUnderNone() {
        registry.register("t-value", v1());
        registry.setCompatibility("t-value", CompatibilityLevel.NONE);
        registry.register("t-value", v2WithoutDefault());
        assertThat(registry.getLatest("t-value").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void shouldAnswerUnknownIdAndSubjectAsNotFound() {
        assertThatThrownBy(() -> registry.getById(42))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                });
        assertThat(registry.getLatest("nothing-value")).isEmpty();
        assertThat(registry.testCompatibility("nothing-value", v1())).isTrue();
    }

    @Test
    void shouldShareNamedScopesThroughMemUrls() {
        try {
            SchemaRegistryClient viaUrl = SchemaRegistryClients.fromUrl("mem://shared-test", java.util.Optional.empty());
            int id = viaUrl.register("x-value", v1());
            assertThat(InMemorySchemaRegistry.scope("shared-test").getById(id)).isEqualTo(v1());
        } finally {
            InMemorySchemaRegistry.dropScope("shared-test");
        }
        assertThat(InMemorySchemaRegistry.scope("shared-test").subjects()).isEmpty();
    }
}
