package io.igrelay.local;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The local stack's packages ({@code io.igrelay.local} and its subpackages, each a slice) depend on each other one way
 * only (issue 22): a cycle between two of them fails here.
 */
@AnalyzeClasses(packages = "io.igrelay.local", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {

    @ArchTest
    static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES = slices().matching("io.igrelay.(**)").should()
            .beFreeOfCycles();
}
