package io.lpmos.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Architecture rules of the engine (ARCHITECTURE.md principle 1 and the package layout): the engine
 * knows nothing of the GUI, its feature packages do not depend on each other in a circle, and only
 * the command line reaches for the composition root (services get what they need by constructor).
 */
class ArchitectureTest {
    private static JavaClasses engine;

    @BeforeAll
    static void importEngineClasses() {
        engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lpmos.engine");
    }

    @Test
    void productionClassesWereImported() {
        assertThat(engine.contain(Engine.class)).isTrue();
        assertThat(engine.stream().map(JavaClass::getPackageName).distinct())
                .contains("io.lpmos.engine.cli", "io.lpmos.engine.http", "io.lpmos.engine.lifecycle");
        assertThat(engine.stream().filter(c -> c.getSimpleName().endsWith("Test"))).isEmpty();
    }

    @Test
    void engineDoesNotDependOnJavaFx() {
        noClasses().that().resideInAPackage("io.lpmos.engine..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("server-engine runs headless; only the console (app) may use JavaFX")
                .check(engine);
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.lpmos.engine.(*)..")
                .should().beFreeOfCycles()
                .check(engine);
    }

    /** The root package is not a slice, so a cycle through {@link Engine} would escape the rule above. */
    @Test
    void onlyTheCommandLineUsesTheCompositionRoot() {
        noClasses().that().resideInAPackage("io.lpmos.engine.(*)..")
                .and().resideOutsideOfPackage("io.lpmos.engine.cli..")
                .should().dependOnClassesThat().belongToAnyOf(Engine.class)
                .because("services receive their collaborators from Engine's constructor, never the Engine itself")
                .check(engine);
    }
}
