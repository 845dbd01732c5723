package io.igrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestBrokerTest {

    @Test
    void shouldRunAContainerWhenADockerEngineAnswersAndInProcessOtherwise() {
        assertThat(TestBroker.choose(null, () -> true)).isEqualTo(TestBroker.Kind.CONTAINER);
        assertThat(TestBroker.choose("auto", () -> false)).isEqualTo(TestBroker.Kind.EMBEDDED);
    }

    @Test
    void shouldFollowAnExplicitChoiceWhateverDockerSays() {
        assertThat(TestBroker.choose("embedded", () -> true)).isEqualTo(TestBroker.Kind.EMBEDDED);
        assertThat(TestBroker.choose(" Container ", () -> false)).isEqualTo(TestBroker.Kind.CONTAINER);
    }

    @Test
    void shouldRefuseAnUnknownChoiceNamingIt() {
        assertThatThrownBy(() -> TestBroker.choose("docker", () -> true))
                .hasMessageContaining("IGRELAY_TEST_BROKER").hasMessageContaining("docker");
    }

    @Test
    void shouldSayNoDockerRatherThanFailWhereThereIsNone() {
        // on this project's CI machine there is no engine: the check must answer, not throw
        assertThatCode(ContainerKafka::dockerAnswers).doesNotThrowAnyException();
    }
}
