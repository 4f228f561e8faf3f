package dev.burrow.memory;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/** BURROW_* variables and the -Dburrow.* properties that mirror them: parsing, precedence, one-line errors. */
class ConfigOverridesTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void propertiesMirrorTheVariables() {
        MemoryConfig c = MemoryConfig.defaults().withSystemProperties(props("burrow.systemAllocator", "true",
            "burrow.debug", "PARANOID", "burrow.strict", "yes", "burrow.failAfter", "7"));
        assertTrue(c.systemAllocator());
        assertEquals(DebugLevel.PARANOID, c.debug());
        assertTrue(c.strict());
        assertEquals(7, c.failAfter());
        MemoryConfig e = MemoryConfig.defaults().withEnvironment(Map.of("BURROW_SYSTEM_ALLOCATOR", "1",
            "BURROW_DEBUG", "paranoid", "BURROW_STRICT", "1", "BURROW_FAIL_AFTER", "7"));
        assertEquals(c.toString(), e.toString());
    }

    @Test
    void absentOrUnrelatedSettingsChangeNothing() {
        MemoryConfig base = MemoryConfig.defaults().debug(DebugLevel.OFF).strict(true);
        assertEquals(base.toString(), base.withSystemProperties(props("burrow.other", "x", "java.home", "/")).toString());
        assertEquals(base.toString(), base.withEnvironment(Map.of("PATH", "/bin")).toString());
    }

    @Test
    void thePropertyWinsOverTheVariableWhichWinsOverTheCode() {
        MemoryConfig code = MemoryConfig.defaults().debug(DebugLevel.OFF);
        MemoryConfig env = code.withEnvironment(Map.of("BURROW_DEBUG", "simple", "BURROW_STRICT", "1"));
        assertEquals(DebugLevel.SIMPLE, env.debug());
        MemoryConfig both = env.withSystemProperties(props("burrow.debug", "paranoid", "burrow.strict", "0"));
        assertEquals(DebugLevel.PARANOID, both.debug());
        assertFalse(both.strict(), "-Dburrow.strict=0 turns off what BURROW_STRICT=1 turned on");
    }

    @Test
    void createAppliesThePropertiesAndCreateExactlyDoesNot() {
        String before = System.getProperty("burrow.debug");
        System.setProperty("burrow.debug", "off");
        try {
            try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().debug(DebugLevel.PARANOID))) {
                assertEquals(DebugLevel.OFF, mem.debugLevel());
            }
            try (EngineMemory mem = EngineMemory.createExactly(MemoryConfig.defaults().debug(DebugLevel.PARANOID))) {
                assertEquals(DebugLevel.PARANOID, mem.debugLevel());
            }
        } finally {
            if (before == null) {
                System.clearProperty("burrow.debug");
            } else {
                System.setProperty("burrow.debug", before);
            }
        }
    }

    @Test
    void badValuesNameThePropertyOrVariableInOneLine() {
        String[][] cases = {
            {"burrow.debug", "banana", "-Dburrow.debug: unknown debug level 'banana'"},
            {"burrow.strict", "maybe", "-Dburrow.strict: expected 1 or 0 (or warning), got 'maybe'"},
            {"burrow.systemAllocator", "2", "-Dburrow.systemAllocator: expected 1 or 0, got '2'"},
            {"burrow.failAfter", "ten", "-Dburrow.failAfter: not a number: 'ten'"},
            {"burrow.failAfter", "-3", "-Dburrow.failAfter: must be >= 0: -3"},
            {"burrow.failAfter", "\uff17", "-Dburrow.failAfter: not a number: '\uff17'"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemoryConfig.defaults().withSystemProperties(props(c[0], c[1])));
            assertTrue(e.getMessage().startsWith(c[2]), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MemoryConfig.defaults().withEnvironment(Map.of("BURROW_STRICT", "maybe")));
        assertEquals("BURROW_STRICT: expected 1 or 0 (or warning), got 'maybe'", e.getMessage());
    }

    @Test
    void strictWarningMakesWarningsThrow() {
        MemoryConfig c = MemoryConfig.defaults().withEnvironment(Map.of("BURROW_STRICT", "warning"));
        assertTrue(c.strict());
        assertTrue(c.strictWarnings());
        assertFalse(MemoryConfig.defaults().withEnvironment(Map.of("BURROW_STRICT", "1")).strictWarnings());
        try (EngineMemory mem = Engines.exactly(c)) {
            mem.budget("soft", 10, 1 << 20);
            MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, () -> mem.group("soft").alloc(100, 8));
            assertEquals(DiagnosticCode.EM501, e.code(), "a soft budget, a warning, fails the run");
        }
    }
}
