package dev.burrow.stress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of the parent JVM's options the measuring child gets: all the ones a user adds to watch or steer a run
 * ({@code -XX:StartFlightRecording}, {@code -Dburrow.*}, {@code -Xlog}, agents ...), except the ones the child's
 * measurement fixes itself (heap size and collector: a second collector flag would even stop the child from
 * starting), a debugger agent (its port can be bound once), and what the child reads again from
 * {@code JAVA_TOOL_OPTIONS} / {@code JDK_JAVA_OPTIONS} by itself (given twice, a recording would start twice).
 */
final class ForwardedOptions {
    private ForwardedOptions() {
    }

    /**
     * @param inputArguments the parent's JVM options (RuntimeMXBean.getInputArguments())
     * @param fromEnvironment the values of JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS (null when unset)
     * @return the options to pass to the child, in order
     */
    static List<String> select(List<String> inputArguments, String... fromEnvironment) {
        Set<String> inherited = new HashSet<>();
        for (String env : fromEnvironment) {
            if (env != null && !env.isBlank()) {
                inherited.addAll(Arrays.asList(env.trim().split("\\s+")));
            }
        }
        List<String> out = new ArrayList<>();
        for (String a : inputArguments) {
            if (!inherited.contains(a) && keep(a)) {
                out.add(a);
            }
        }
        return out;
    }

    private static boolean keep(String a) {
        if (a.startsWith("-Xms") || a.startsWith("-Xmx") || a.startsWith("-Xmn") || a.startsWith("-Xss")
            || a.startsWith("-XX:InitialHeapSize") || a.startsWith("-XX:MaxHeapSize") || a.startsWith("-XX:MinHeapSize")
            || a.equals("-XX:+AlwaysPreTouch") || a.equals("-XX:-AlwaysPreTouch")) {
            return false; // the child's heap is fixed and pre-touched for the measurement
        }
        if (a.matches("-XX:[+-]Use\\w*GC")) {
            return false; // the child runs the serial collector; a second collector flag is a startup error
        }
        if (a.startsWith("-agentlib:jdwp") || a.startsWith("-Xrunjdwp") || a.equals("-Xdebug")) {
            return false;
        }
        return !a.startsWith("-D" + Fork.CHILD);
    }

    /** @return whether the options start a JFR recording (the child then records, and writes the file) */
    static boolean recordsJfr(List<String> options) {
        for (String a : options) {
            if (a.startsWith("-XX:StartFlightRecording") || a.startsWith("-XX:+FlightRecorder")) {
                return true;
            }
        }
        return false;
    }
}
