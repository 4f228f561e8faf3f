package dev.burrow.memory.test;

import dev.burrow.kitsamples.ExtensionSamples;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs {@link ExtensionSamples} through JUnit and checks which pass, which fail and what the failures say. */
class BurrowMemoryExtensionTest {
    private static final Path SAMPLES = Path.of("src", "test", "java", "dev", "burrow", "kitsamples", "ExtensionSamples.java");

    private static Events run(Class<?> c, List<String> log) {
        try (QuietEngineLog quiet = new QuietEngineLog()) {
            Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(c)).execute().testEvents();
            log.addAll(quiet.lines());
            return events;
        }
    }

    private static String failure(Events events) {
        List<Event> failed = events.failed().list();
        assertEquals(1, failed.size(), "one failed test");
        return failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
            .getThrowable().orElseThrow().getMessage();
    }

    private static int lineOf(String marker) throws IOException {
        List<String> lines = Files.readAllLines(SAMPLES);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker);
    }

    @Test
    void cleanTestsPassAndShareOneEngineWithBeforeEach() {
        Events e = run(ExtensionSamples.Clean.class, new java.util.ArrayList<>());
        e.assertStatistics(s -> s.started(4).succeeded(4).failed(0));
    }

    @Test
    void aForgottenSlotFailsWithItsPoolAndSite() throws IOException {
        List<String> log = new java.util.ArrayList<>();
        String m = failure(run(ExtensionSamples.LeakySlot.class, log));
        assertTrue(m.startsWith("engine-memory leak at teardown (debug PARANOID):"), m);
        assertTrue(m.contains("pool \"bullets\": 1 live slot(s) of 32 B"), m);
        assertTrue(m.contains("[EM603]"), m);
        assertTrue(m.contains("LeakySlot.forgetsABullet:" + lineOf("LEAK-SITE-SLOT")), "the leak report names the line: " + m);
        assertTrue(log.isEmpty(), "the engine's diagnostics are captured by the kit, not logged: " + log);
    }

    @Test
    void anOpenGroupFailsWithItsBytesAndSite() throws IOException {
        String m = failure(run(ExtensionSamples.LeakyGroup.class, new java.util.ArrayList<>()));
        assertTrue(m.contains("level group \"level-1\": 4000 B in 1 allocation(s)"), m);
        assertTrue(m.contains("[EM603] level group \"level-1\" still open at engine close with 4000 bytes"), m);
        assertTrue(m.contains("LeakyGroup.forgetsTheLevel:" + lineOf("LEAK-SITE-GROUP")), m);
    }

    @Test
    void aTestThatClosesTheEngineWithALeakStillFails() {
        String m = failure(run(ExtensionSamples.ClosesItself.class, new java.util.ArrayList<>()));
        assertTrue(m.contains("[EM603]") && m.contains("\"orphans\""), m);
    }

    @Test
    void aFrameLeftOpenFails() {
        String m = failure(run(ExtensionSamples.OpenFrame.class, new java.util.ArrayList<>()));
        assertTrue(m.contains("still inside a frame: begin() without end()"), m);
    }

    @Test
    void methodSettingsOverrideClassSettingsAndAfterEachRunsFirst() {
        run(ExtensionSamples.Settings.class, new java.util.ArrayList<>()).assertStatistics(s -> s.started(2).succeeded(2));
    }

    @Test
    void strictByDefault() {
        run(ExtensionSamples.Strict.class, new java.util.ArrayList<>()).assertStatistics(s -> s.started(1).succeeded(1));
    }
}
