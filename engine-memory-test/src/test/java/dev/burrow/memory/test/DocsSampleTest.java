package dev.burrow.memory.test;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Keeps "Testing your game's memory" honest: its sample test class is compiled from the document's text and run
 * through JUnit, and every test in it must pass; with the sample's close() forgotten, its leak test must fail naming
 * the line that allocated the leaked slot. To check the same section in README.md, change {@link #DOC} to {@code Path.of("..", "README.md")}.
 */
class DocsSampleTest {
    static final Path DOC = Path.of("..", "docs", "testing.md");
    private static final String CLASS = "com.example.game.BulletsTest";

    static String sample() throws IOException {
        return javaBlock(DOC, "", "class BulletsTest");
    }

    /**
     * @return the text of the ```java block in {@code doc} that holds {@code marker}, the first one after the
     *         heading or text {@code after}
     */
    static String javaBlock(Path doc, String after, String marker) throws IOException {
        String text = Files.readString(doc);
        int section = text.indexOf(after);
        assertTrue(section >= 0, doc + " has '" + after + "'");
        int at = text.indexOf(marker, section);
        assertTrue(at > 0, doc + " has the sample with '" + marker + "'");
        int from = text.lastIndexOf("```java\n", at) + "```java\n".length();
        int to = text.indexOf("\n```", at);
        return text.substring(from, to + 1);
    }

    private static Events compileAndRun(String source, Path dir, List<String> log) throws Exception {
        return compileAndRun(source, CLASS, dir, log);
    }

    /** Compiles one sample class from its text and runs it through JUnit, with the engine's log captured. */
    static Events compileAndRun(String source, String className, Path dir, List<String> log) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter out = new StringWriter();
        SimpleJavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/') + ".java"),
            javax.tools.JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        // Surefire's class path may be one manifest-only jar: javac follows its Class-Path like the JVM does.
        boolean ok = javac.getTask(out, null, null, List.of("-d", dir.toString(), "-classpath", System.getProperty("java.class.path")),
            null, List.of(file)).call();
        assertTrue(ok, "the sample compiles:\n" + out);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, DocsSampleTest.class.getClassLoader());
             QuietEngineLog quiet = new QuietEngineLog()) {
            // ArchUnit finds class files through the context class loader, as it would in the user's own build.
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            try {
                Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(loader.loadClass(className))).execute().testEvents();
                log.addAll(quiet.lines());
                return events;
            } finally {
                Thread.currentThread().setContextClassLoader(context);
            }
        }
    }

    @Test
    void theSampleCompilesAndEveryTestInItPasses(@TempDir Path dir) throws Exception {
        Events events = compileAndRun(sample(), dir, new java.util.ArrayList<>());
        assertEquals(List.of(), failures(events));
        events.assertStatistics(s -> s.started(4).succeeded(4).failed(0));
    }

    private static List<String> failures(Events events) {
        return events.failed().stream().map(e -> e.getTestDescriptor().getDisplayName() + ": "
            + e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow()).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void withCloseForgottenTheSampleFailsNamingTheLine(@TempDir Path dir) throws Exception {
        String sample = sample();
        String tidy = "        try (Bullets bullets = new Bullets(mem)) {\n            bullets.fire(1, 2);\n        }\n";
        assertTrue(sample.contains(tidy), "the leak test's body is as expected");
        String careless = sample.replace(tidy, "        new Bullets(mem).fire(1, 2);\n");
        int line = (int) careless.substring(0, careless.indexOf("long b = pool.alloc();")).chars().filter(c -> c == '\n').count() + 1;
        Events events = compileAndRun(careless, dir, new java.util.ArrayList<>());
        events.assertStatistics(s -> s.started(4).succeeded(3).failed(1));
        String message = events.failed().list().get(0).getPayload(TestExecutionResult.class).orElseThrow()
            .getThrowable().orElseThrow().getMessage();
        assertTrue(message.contains("pool \"bullets\": 1 live slot(s) of 16 B"), message);
        assertTrue(message.contains("1 allocation(s), 16 bytes at BulletsTest$Bullets.fire:" + line), "names the allocating line " + line + ": " + message);
        assertEquals(1, events.failed().count());
    }
}
