package io.igrelay.ingress.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.SigningApp;
import io.igrelay.ingress.meta.AppSecret;
import io.igrelay.schemas.config.Secret;
import org.junit.jupiter.api.Test;

/** Meta's deletion list is read however it comes (lines, CSV, JSON), and an id's code is the same on every import. */
class DeletionIdListTest {

    private static final AppSecret APP = new AppSecret(SigningApp.META_APP, "1001", new Secret("app-secret"));

    @Test
    void shouldReadOneIdPerLine() {
        assertThat(DeletionIdList.parse("10223344556677001\n\n10223344556677002\r\n").ids())
                .containsExactly("10223344556677001", "10223344556677002");
    }

    @Test
    void shouldReadTheFirstNumericFieldOfACsvAndSkipItsHeader() {
        DeletionIdList list = DeletionIdList.parse("\"user_id\",\"date\"\n\"10223344556677001\",\"2026-12-01\"\n");

        assertThat(list.ids()).containsExactly("10223344556677001");
        assertThat(list.skipped()).containsExactly("\"user_id\",\"date\"");
    }

    @Test
    void shouldReadAJsonArrayOfIdsOrObjects() {
        assertThat(DeletionIdList.parse("[\"1\", 2, {\"user_id\": \"3\"}, {\"id\": 4}]").ids())
                .containsExactly("1", "2", "3", "4");
        assertThat(DeletionIdList.parse("{\"data\": [{\"id\": \"5\"}]}").ids()).containsExactly("5");
    }

    @Test
    void shouldKeepEachIdOnce() {
        assertThat(DeletionIdList.parse("7\n7\n8").ids()).containsExactly("7", "8");
    }

    @Test
    void shouldReportBrokenJsonInsteadOfThrowing() {
        DeletionIdList list = DeletionIdList.parse("[1, 2");

        assertThat(list.ids()).isEmpty();
        assertThat(list.skipped()).singleElement().asString().contains("not valid JSON");
    }

    @Test
    void shouldDeriveTheSameUnguessableCodeOnEveryImport() {
        String code = DeletionListImport.confirmationCode(APP, "10223344556677001");

        assertThat(code).matches("[0-9a-f]{32}").isEqualTo(DeletionListImport.confirmationCode(APP,
                "10223344556677001"));
        assertThat(DeletionListImport.confirmationCode(APP, "10223344556677002")).isNotEqualTo(code);
        assertThat(DeletionListImport.confirmationCode(new AppSecret(SigningApp.META_APP, "1001",
                new Secret("other-secret")), "10223344556677001")).isNotEqualTo(code);
    }
}
