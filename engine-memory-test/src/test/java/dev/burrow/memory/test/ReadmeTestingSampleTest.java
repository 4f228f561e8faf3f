package dev.burrow.memory.test;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.Events;

import java.nio.file.Path;
import java.util.ArrayList;

import static org.junit.jupiter.api.Assertions.*;

/** README's "Testing your game's memory": its sample class compiles from the README's text and every test in it passes. */
class ReadmeTestingSampleTest {

    @Test
    void theReadmeSampleCompilesAndPasses(@TempDir Path dir) throws Exception {
        String source = DocsSampleTest.javaBlock(Path.of("..", "README.md"), "## Testing your game's memory", "class EnemiesTest");
        Events events = DocsSampleTest.compileAndRun(source, "com.example.game.EnemiesTest", dir, new ArrayList<>());
        events.assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    }
}
