package io.igrelay.ingress;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The ingress's packages depend on each other one way only: a cycle between two of them fails here, naming the
 * classes on it. Each first-level package (with its subpackages) is one slice, and the root package
 * {@code io.igrelay.ingress} (the composition root) is a slice of its own, so no module may reach back into it.
 * (A plain test, not an {@code @ArchTest} field, so that Surefire's {@code -Dtest} selects it.)
 */
class PackageCyclesTest {

    private static final String ROOT = "io.igrelay.ingress";

    /** The root package is the slice "(root)"; {@code io.igrelay.ingress.x.y} belongs to the slice "x". */
    static final SliceAssignment FIRST_LEVEL_AND_ROOT = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (pkg.equals(ROOT)) {
                return SliceIdentifier.of("(root)");
            }
            if (!pkg.startsWith(ROOT + ".")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(pkg.substring(ROOT.length() + 1).split("\\.")[0]);
        }

        @Override
        public String getDescription() {
            return "the root package and each first-level package of " + ROOT;
        }
    };

    @Test
    void packagesAreFreeOfCycles() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        slices().assignedFrom(FIRST_LEVEL_AND_ROOT).should().beFreeOfCycles().check(main);
    }

    @Test
    void rootPackageHoldsOnlyTheCompositionRoot() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        classes().that().resideInAPackage(ROOT).should()
                .haveNameMatching("io\\.igrelay\\.ingress\\.(IngressMain|IngressService)(\\$.*)?")
                .because("the root package is the composition root; configuration lives in "
                        + "io.igrelay.ingress.config, where every module may read it")
                .check(main);
    }
}
