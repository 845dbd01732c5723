package io.igrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/*
 * Outside failsafe the registry is not unpacked; the test stack must then say how to run integration tests
 * instead of failing with a missing-file error deep inside a test.
 */
class ApicurioRegistryTest {

    @Test
    void shouldExplainHowToGetTheRegistryWhenItIsNotUnpacked() {
        String previous = System.getProperty(ApicurioRegistry.DIR_PROPERTY);
        try {
            System.setProperty(ApicurioRegistry.DIR_PROPERTY, "/nonexistent/apicurio");
            assertThat(ApicurioRegistry.runnerJar()).isEmpty();
            assertThat(ApicurioRegistry.missingMessage())
                    .contains("'/nonexistent/apicurio'")
                    .contains("mvn verify")
                    .contains("<apicurio.skip>false</apicurio.skip>");
        } finally {
            if (previous == null) {
                System.clearProperty(ApicurioRegistry.DIR_PROPERTY);
            } else {
                System.setProperty(ApicurioRegistry.DIR_PROPERTY, previous);
            }
        }
    }
}
