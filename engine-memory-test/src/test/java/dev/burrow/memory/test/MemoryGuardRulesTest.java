package dev.burrow.memory.test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.burrow.kitsamples.GuardSamples;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryGuardRulesTest {
    private static final JavaClasses SAMPLES = new ClassFileImporter().importClasses(GuardSamples.RawAllocations.class,
        GuardSamples.Harmless.class, GuardSamples.FrameFields.class);

    @Test
    void rawAllocationsAreFoundWhereTheyAre() {
        List<String> f = MemoryGuardRules.noRawNativeAllocation().findings(SAMPLES);
        String all = String.join("\n", f);
        assertEquals(8, f.size(), all);
        assertTrue(all.contains("GuardSamples$RawAllocations.direct() (GuardSamples.java:20) calls ByteBuffer.allocateDirect"), all);
        assertTrue(all.contains("calls MemoryUtil.memAlloc") && all.contains("calls MemoryUtil.memFree"), all);
        assertTrue(all.contains("calls MemoryUtil.nmemCalloc") && all.contains("calls MemoryUtil.nmemFree"), all);
        assertTrue(all.contains("calls JEmalloc.nje_malloc"), all);
        assertTrue(all.contains("encodes() (GuardSamples.java:35) calls MemoryUtil.memUTF8"), all);
        assertTrue(all.contains("freer() (GuardSamples.java:39) references MemoryUtil.nmemFree"), all);
        assertTrue(f.stream().noneMatch(l -> l.contains("Harmless")), "stack pushes and encoding into a buffer are fine: " + all);
    }

    @Test
    void allowListNeedsReasonsAndStaysCurrent() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> MemoryGuardRules.noRawNativeAllocation().check(SAMPLES));
        assertTrue(e.getMessage().startsWith("Rule 'no raw native allocation outside engine-memory's allocators' was violated (8 times):"),
            e.getMessage());
        MemoryGuardRules.noRawNativeAllocation().allow(GuardSamples.RawAllocations.class, "the rule's own test sample").check(SAMPLES);
        assertThrows(IllegalArgumentException.class, () -> MemoryGuardRules.noRawNativeAllocation().allow(GuardSamples.class, " "));
        AssertionFailedError stale = assertThrows(AssertionFailedError.class, () -> MemoryGuardRules.noRawNativeAllocation()
            .allow(GuardSamples.RawAllocations.class, "sample").allow("com.example.Gone", "was raw once").check(SAMPLES));
        assertTrue(stale.getMessage().contains("allow-list entry com.example.Gone no longer breaks the rule"), stale.getMessage());
    }

    @Test
    void nothingImportedIsAFailureNotAPass() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
            () -> MemoryGuardRules.noFrameAddressInField().check(new ClassFileImporter().importPackages("com.example.typo")));
        assertTrue(e.getMessage().endsWith("was given no classes: check what was imported"), e.getMessage());
    }

    @Test
    void theArchUnitFormSkipsAllowedClasses() {
        assertThrows(AssertionError.class, () -> MemoryGuardRules.noRawNativeAllocation().rule().check(SAMPLES));
        MemoryGuardRules.noRawNativeAllocation().allow(GuardSamples.RawAllocations.class, "sample").rule().check(SAMPLES);
    }

    @Test
    void frameAddressesStoredInFieldsOnTheAllocatingLine() {
        List<String> f = MemoryGuardRules.noFrameAddressInField().findings(SAMPLES);
        assertEquals(List.of(
            "dev.burrow.kitsamples.GuardSamples$FrameFields.storesAStackBuffer(dev.burrow.memory.FrameArena) (GuardSamples.java:65)"
                + " stores frame memory in field FrameFields.kept, which outlives the frame",
            "dev.burrow.kitsamples.GuardSamples$FrameFields.storesDirectly(dev.burrow.memory.FrameArena) (GuardSamples.java:61)"
                + " stores frame memory in field FrameFields.scratch, which outlives the frame"), f,
            "the counter on another line and the store through a local are not flagged (no data flow)");
    }

    @Test
    void engineMemoryItselfAllocatesOnlyInNativeHeap() {
        JavaClasses engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.burrow.memory");
        JavaClasses main = engine.that(com.tngtech.archunit.base.DescribedPredicate.describe("engine-memory's own classes",
            c -> !c.getPackageName().startsWith("dev.burrow.memory.test")));
        MemoryGuardRules.noRawNativeAllocation()
            .allow("dev.burrow.memory.NativeHeap", "the one class that calls malloc and free, by design (ARCHITECTURE.md)")
            .allow("dev.burrow.memory.BurrowLwjglAllocator", "LWJGL's allocator: blocks allocated while no engine is attached,"
                + " and native code's own blocks freed through memFree, are jemalloc's and go back to it")
            .allow("dev.burrow.memory.NativeCallbacks", "the function pointers LWJGL hands native code: they call the allocator")
            .check(main);
    }
}
