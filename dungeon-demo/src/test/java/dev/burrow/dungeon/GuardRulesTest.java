package dev.burrow.dungeon;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.burrow.memory.test.MemoryGuardRules;
import org.junit.jupiter.api.Test;

/**
 * The kit's guard rules over the game's own classes. Every exception is listed with its reason; an entry that no
 * longer breaks the rule fails the test, so the list stays current.
 */
class GuardRulesTest {
    private static final JavaClasses GAME = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.burrow.dungeon");

    @Test
    void noRawNativeAllocationOutsideEngineMemory() {
        MemoryGuardRules.noRawNativeAllocation()
            .allow("dev.burrow.dungeon.render.Screenshot",
                "one width*height*4 buffer per screenshot, off the frame loop, freed in finally: it would overflow any frame arena")
            .allow("dev.burrow.dungeon.render.Atlas",
                "the PNG bytes for stb_image, once at start-up before any engine exists, freed in finally")
            .allow("dev.burrow.dungeon.render.GlWindow",
                "8 bytes for glfwGetFramebufferSize, held for the window's life, which is not tied to an engine")
            .allow("dev.burrow.dungeon.overlay.QuietGl3",
                "4 bytes for one GL query at backend start-up, freed at once; imgui's backend owns no engine")
            .allow("dev.burrow.dungeon.overlay.ImGuiLayer",
                "replaces imgui-java's static draw-data ByteBuffer with a big enough allocateDirect once (the library reads that field)")
            .check(GAME);
    }

    @Test
    void noFrameAddressStoredInAField() {
        MemoryGuardRules.noFrameAddressInField()
            // (the generator's scratch is frame collections now: no raw frame address in GenContext or BspSplit)
            .allow("dev.burrow.dungeon.ui.TextBatch",
                "begin() takes the frame's text cells at the start of every frame's draw; the renderer uploads them before frame.end()")
            .allow("dev.burrow.dungeon.render.CellText",
                "begin() takes the frame's cells at the start of every frame's draw; flushed to the GPU before frame.end()")
            .allow("dev.burrow.dungeon.render.CellText",
                "begin(frame) takes this frame's block for the text cells; they are drawn and the field dropped before frame.end()")
            .allow("dev.burrow.dungeon.ui.TextBatch",
                "the same for the play screen's cells: begin(frame) each frame, drawn before frame.end()")
            .allow("dev.burrow.dungeon.arena.ArenaSprites",
                "build() fills data for the frame being drawn; the renderer uploads it before frame.end()")
            .check(GAME);
    }
}
