package dev.burrow.stress;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.burrow.memory.test.MemoryGuardRules;
import org.junit.jupiter.api.Test;

/** The kit's guard rules over stress's own classes: only the benchmarks' baselines allocate natively by hand. */
class GuardRulesTest {
    private static final JavaClasses STRESS = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.burrow.stress");
    private static final String BASELINE = "a JMH baseline: measures plain jemalloc/malloc/allocateDirect against engine-memory on purpose";

    @Test
    void noRawNativeAllocationOutsideTheBenchmarkBaselines() {
        MemoryGuardRules.noRawNativeAllocation()
            .allow("dev.burrow.stress.bench.FrameBench", BASELINE)
            .allow("dev.burrow.stress.bench.GroupBench", BASELINE)
            .allow("dev.burrow.stress.bench.PoolBench", BASELINE)
            .allow("dev.burrow.stress.bench.ThreadsBench", BASELINE)
            .allow("dev.burrow.stress.bench.DebugCostBench", BASELINE)
            .allow("dev.burrow.stress.bench.CrossThreadBench", BASELINE)
            .allow("dev.burrow.stress.bench.HeapBench", BASELINE)
            .allow("dev.burrow.stress.bench.LwjglAllocatorBench", BASELINE)
            .check(STRESS);
    }

    @Test
    void noFrameAddressStoredInAField() {
        MemoryGuardRules.noFrameAddressInField().check(STRESS);
    }
}
