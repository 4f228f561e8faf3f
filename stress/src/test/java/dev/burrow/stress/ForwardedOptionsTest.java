package dev.burrow.stress;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ForwardedOptionsTest {

    @Test
    void recordingPropertiesAndLoggingGoToTheChildHeapAndCollectorDoNot() {
        List<String> parent = List.of("-XX:StartFlightRecording=filename=regen.jfr,settings=profile", "-Dburrow.debug=paranoid",
            "-Xlog:gc", "-Xmx4g", "-Xms1g", "-XX:MaxHeapSize=1g", "-XX:+UseG1GC", "-XX:+AlwaysPreTouch",
            "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-Dburrow.stress.child=1", "-Xss4m");
        assertEquals(List.of("-XX:StartFlightRecording=filename=regen.jfr,settings=profile", "-Dburrow.debug=paranoid", "-Xlog:gc"),
            ForwardedOptions.select(parent, null, null));
    }

    @Test
    void whatTheChildReadsFromTheEnvironmentItselfIsNotRepeated() {
        List<String> parent = List.of("-XX:StartFlightRecording=filename=a.jfr", "-Dx=1", "-Dy=2");
        assertEquals(List.of("-Dy=2"), ForwardedOptions.select(parent, " -XX:StartFlightRecording=filename=a.jfr  -Dx=1", ""));
    }

    @Test
    void aRecordingIsRecognised() {
        assertTrue(ForwardedOptions.recordsJfr(List.of("-Da=b", "-XX:StartFlightRecording")));
        assertFalse(ForwardedOptions.recordsJfr(List.of("-Da=b", "-XX:FlightRecorderOptions=stackdepth=96")));
    }
}
