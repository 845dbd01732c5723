package io.igrelay.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HubErrorCodeTest {

    private static final Path DOCS = Path.of("..", "docs");

    /** The codes of {@code components.schemas.ErrorResponse.properties.errorCode.enum} in docs/openapi.yaml. */
    private static Set<String> openApiErrorCodes() throws IOException {
        String yaml = Files.readString(DOCS.resolve("openapi.yaml"));
        int schema = yaml.indexOf("\n    ErrorResponse:");
        assertThat(schema).as("ErrorResponse schema in openapi.yaml").isPositive();
        Matcher enumList = Pattern.compile("errorCode:\\s*\\n\\s*type: string\\s*\\n\\s*enum: \\[([^\\]]*)]")
                .matcher(yaml);
        assertThat(enumList.find(schema)).as("errorCode enum of ErrorResponse").isTrue();
        return Arrays.stream(enumList.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> codes(HubErrorCode.Scope scope) {
        return Arrays.stream(HubErrorCode.values()).filter(c -> c.scope() == scope).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void shouldHoldExactlyTheApiErrorCodesOfTheOpenApiContract() throws IOException {
        assertThat(codes(HubErrorCode.Scope.API)).isEqualTo(openApiErrorCodes());
    }

    @Test
    void shouldNotOfferAnOpenApiErrorCodeUnderAnotherScope() throws IOException {
        Set<String> all = Arrays.stream(HubErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
        assertThat(all).containsAll(openApiErrorCodes());
        assertThat(openApiErrorCodes()).doesNotContainAnyElementsOf(codes(HubErrorCode.Scope.STATUS))
                .doesNotContainAnyElementsOf(codes(HubErrorCode.Scope.OPERATOR));
    }

    @Test
    void shouldNameEveryApiAndStatusCodeInTheContractsHttpSection() throws IOException {
        String contract = Files.readString(DOCS.resolve("contract.md"));
        String section = contract.substring(contract.indexOf("## 5. HTTP surface"), contract.indexOf("### 5.1"));
        for (HubErrorCode code : HubErrorCode.values()) {
            if (code.scope() != HubErrorCode.Scope.OPERATOR) {
                assertThat(section).as(code.name()).contains("`" + code.name() + "`");
            }
        }
    }

    @Test
    void shouldParseOnlyTheHubsOwnSpelling() {
        assertThat(HubErrorCode.parse("WINDOW_CLOSED")).contains(HubErrorCode.WINDOW_CLOSED);
        assertThat(HubErrorCode.parse("window_closed")).isEmpty();
        assertThat(HubErrorCode.parse("INTERNAL_SERVER_ERROR")).isEmpty();
    }
}
