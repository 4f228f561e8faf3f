package dev.burrow.stress;

import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.cli.OneLine;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.ProfilersFailedException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code stress --bench [JMH options]}: JMH's own command line (what {@code org.openjdk.jmh.Main} does), with each
 * mistake one {@code error:} line and an exit code from the usage's table. JMH's Main prints two lines for a bad
 * option, a stack trace for a profiler that cannot start, and exits 1 ("a budget broke") for all of them.
 */
final class Bench {
    private Bench() {
    }

    /**
     * @param jmh the arguments after {@code --bench}
     * @param err where errors go
     * @return the exit code
     */
    static int run(String[] jmh, PrintStream err) {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(jmh);
        } catch (CommandLineOptionException | IllegalStateException e) {
            // JMH throws IllegalStateException for a value it cannot parse late, e.g. "-bm nosuchmode".
            err.println("error: stress --bench " + OneLine.of(String.join(" ", jmh)) + ": " + firstLine(e.getMessage())
                + " (stress --bench -h lists JMH's options)");
            return ExitCode.USAGE;
        }
        String badPattern = badPattern(options);
        if (badPattern != null) {
            err.println("error: stress --bench: " + badPattern);
            return ExitCode.USAGE;
        }
        String resultFile = options.getResult().orElse(null);
        if (resultFile != null) {
            // JMH finds out only after the run that it cannot write -rff's file: find out before
            Path dir = Paths.get(resultFile).toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
                err.println("error: stress --bench: cannot write the result file " + OneLine.of(resultFile) + ": "
                    + (dir != null && Files.isDirectory(dir) ? "its folder is not writable" : "no such folder"));
                return ExitCode.IO;
            }
        }
        Runner runner;
        try {
            runner = new Runner(options);
        } catch (IllegalStateException e) {
            // Runner opens -o's file at once: a folder that does not exist, or one it cannot write
            Throwable why = e.getCause() != null ? e.getCause() : e;
            err.println("error: stress --bench: cannot write the output file: " + firstLine(why.getMessage()));
            return ExitCode.IO;
        }
        try {
            if (options.shouldHelp()) {
                options.showHelp();
            } else if (options.shouldList()) {
                runner.list();
            } else if (options.shouldListWithParams()) {
                runner.listWithParams(options);
            } else if (options.shouldListProfilers()) {
                options.listProfilers();
            } else if (options.shouldListResultFormats()) {
                options.listResultFormats();
            } else {
                runner.run();
            }
            return ExitCode.OK;
        } catch (NoBenchmarksException e) {
            err.println("error: stress --bench: no benchmark matches " + OneLine.of(String.join(" ", options.getIncludes()))
                + " (stress --bench -l lists them)");
            return ExitCode.USAGE;
        } catch (ProfilersFailedException e) {
            // The reason is the cause's message (e.g. "java.lang.ClassNotFoundException: nosuch"), not the exception's.
            Throwable why = e.getCause() != null ? e.getCause() : e;
            err.println("error: stress --bench: a profiler could not start: " + firstLine(why.getMessage())
                + " (stress --bench -lprof lists them)");
            return ExitCode.USAGE;
        } catch (RunnerException e) {
            String why = firstLine(e.getMessage());
            err.println("error: benchmark run failed: " + why);
            // "Can not touch the result file": -rff names a file JMH cannot write (exit 6, as for any report)
            return why.contains("result file") ? ExitCode.IO : ExitCode.FAILED;
        } catch (IOException e) {
            err.println("error: stress --bench: " + firstLine(e.getMessage()));
            return ExitCode.IO;
        }
    }

    /** @return what is wrong with the first include or exclude pattern that is not a Java regex, or null */
    private static String badPattern(CommandLineOptions options) {
        List<String> patterns = new ArrayList<>(options.getIncludes());
        patterns.addAll(options.getExcludes());
        for (String p : patterns) {
            try {
                Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                return "'" + OneLine.of(p) + "' is not a valid benchmark pattern (a Java regex): " + firstLine(e.getDescription());
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        return OneLine.of(message.strip().lines().findFirst().orElse("").strip());
    }
}
