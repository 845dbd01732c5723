package io.igrelay.local;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The local stack's packages ({@code io.igrelay.local} and its subpackages, each a slice) depend on each other one way
 * only: a cycle between two of them fails here, naming the classes on it.
 */
class PackageCyclesTest {

    @Test
    void packagesAreFreeOfCycles() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.igrelay.local");
        slices().matching("io.igrelay.(**)").should().beFreeOfCycles().check(main);
    }
}
