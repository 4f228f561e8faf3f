package dev.burrow.stress;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * docs/jfr.md's command, run as a user runs it: {@code java -XX:StartFlightRecording=filename=F -jar stress.jar --regen}
 * (here with the test classpath). The run forks its measuring JVM; the recording must come from that child and hold
 * Burrow's events.
 */
class JfrRecordingTest {

    @Test
    void aRecordingStartedOnTheCommandLineHoldsTheForkedRunsEvents(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("regen.jfr");
        Path log = dir.resolve("out.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:StartFlightRecording=filename=" + jfr + ",settings=default", "-cp", System.getProperty("java.class.path"),
            Main.class.getName(), "--regen", "--count", "20", "--report", dir.resolve("report").toString())
            .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the run ends");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("JFR: the measuring JVM records the run"), output);
        assertTrue(Files.size(jfr) > 0, "the child wrote the recording");
        Map<String, Integer> counts = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            String name = e.getEventType().getName();
            if (name.startsWith("dev.burrow.")) {
                counts.merge(name, 1, Integer::sum);
            }
        }
        // Every regen cycle closes two level groups (generate, then generate again for the determinism check).
        assertTrue(counts.getOrDefault("dev.burrow.GroupClose", 0) >= 40, counts.toString());
        List<RecordedEvent> closes = RecordingFile.readAllEvents(jfr).stream()
            .filter(e -> e.getEventType().getName().equals("dev.burrow.GroupClose")).toList();
        assertTrue(closes.stream().allMatch(e -> e.getLong("bytes") > 0 && e.getInt("chunks") > 0), "fields filled");
        assertTrue(RecordingFile.readAllEvents(jfr).stream().anyMatch(e -> e.getEventType().getName().equals("jdk.JVMInformation")
            && e.getString("jvmArguments").contains(Fork.CHILD)), "recorded in the forked child, not the parent");
    }
}
