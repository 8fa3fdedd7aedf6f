package io.lpmos.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.lpmos.console.fx.FxEventPump;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Architecture rules of the console (ARCHITECTURE.md principles 5, 6 and 8): only {@code console.fx}
 * crosses onto the FX thread, ViewModels never touch controls, and only the composition root builds
 * the engine.
 */
class ArchitectureTest {
    private static JavaClasses console;

    @BeforeAll
    static void importConsoleClasses() {
        console = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lpmos.console");
    }

    @Test
    void productionClassesWereImported() {
        assertThat(console.contain(FxEventPump.class)).isTrue();
        assertThat(console.contain(LpmosConsoleApp.class)).isTrue();
        assertThat(console.stream().map(JavaClass::getPackageName).distinct())
                .contains("io.lpmos.console.fx", "io.lpmos.console.livelog", "io.lpmos.console.services");
        assertThat(console.stream().filter(c -> c.getSimpleName().endsWith("Test"))).isEmpty();
    }

    @Test
    void onlyTheFxAdapterCallsRunLater() {
        noClasses().that().resideInAPackage("io.lpmos.console..")
                .and().resideOutsideOfPackage("io.lpmos.console.fx..")
                .should().callMethod(Platform.class, "runLater", Runnable.class)
                .because("engine events and background results cross onto the FX thread in console.fx only,"
                        + " batched at a bounded rate")
                .check(console);
    }

    @Test
    void viewModelsDoNotTouchControls() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                        "org.controlsfx..", "atlantafx..", "org.kordamp.ikonli..")
                .because("ViewModels hold state and are tested without a stage; Views bind to them")
                .check(console);
    }

    @Test
    void onlyTheCompositionRootBuildsTheEngine() {
        noClasses().that().resideInAPackage("io.lpmos.console..")
                .and().doNotHaveFullyQualifiedName(LpmosConsoleApp.class.getName())
                .should().callConstructor(io.lpmos.engine.Engine.class,
                        io.lpmos.engine.config.EngineConfig.class, io.lpmos.engine.events.EventBus.class)
                .because("the one engine is created in LpmosConsoleApp and injected by constructor")
                .check(console);
    }
}
