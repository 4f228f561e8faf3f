package dev.burrow.memory.test;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.Events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import static org.junit.jupiter.api.Assertions.*;

/** README's "Testing your game's memory": its sample class compiles from the README's text and every test in it passes. */
class ReadmeTestingSampleTest {

    @Test
    void theReadmeSampleCompilesAndPasses(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Testing your game's memory");
        assertTrue(section > 0, "README has the section");
        int at = readme.indexOf("class EnemiesTest", section);
        assertTrue(at > 0, "the section has the EnemiesTest sample");
        int from = readme.lastIndexOf("```java\n", at) + "```java\n".length();
        String source = readme.substring(from, readme.indexOf("\n```", at) + 1);
        Events events = DocsSampleTest.compileAndRun(source, "com.example.game.EnemiesTest", dir, new ArrayList<>());
        events.assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    }
}
