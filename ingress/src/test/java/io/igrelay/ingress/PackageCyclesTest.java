package io.igrelay.ingress;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The ingress's packages depend on each other one way only (issue 22): a cycle between two of them fails here, naming
 * the classes on it. (A plain test, not an {@code @ArchTest} field, so that Surefire's {@code -Dtest} selects it.)
 */
class PackageCyclesTest {

    @Test
    void packagesAreFreeOfCycles() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.igrelay.ingress");
        slices().matching("io.igrelay.ingress.(*)..").should().beFreeOfCycles().check(main);
    }
}
