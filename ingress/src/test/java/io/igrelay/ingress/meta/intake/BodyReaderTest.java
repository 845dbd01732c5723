package io.igrelay.ingress.meta.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The declared length decides a 413 before any byte is read; anything unreadable means "not declared". */
class BodyReaderTest {

    @Test
    void shouldReadADeclaredContentLength() {
        assertThat(BodyReader.declaredLength("1024")).isEqualTo(1024);
        assertThat(BodyReader.declaredLength(" 4194305 ")).isEqualTo(4_194_305);
        assertThat(BodyReader.declaredLength("0")).isZero();
    }

    @Test
    void shouldTreatAMissingOrUnreadableContentLengthAsUndeclared() {
        assertThat(BodyReader.declaredLength(null)).isEqualTo(-1);
        assertThat(BodyReader.declaredLength("")).isEqualTo(-1);
        assertThat(BodyReader.declaredLength("12kb")).isEqualTo(-1);
        assertThat(BodyReader.declaredLength("99999999999999999999")).isEqualTo(-1);
    }
}
