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
        } catch (CommandLineOptionException e) {
            err.println("error: stress --bench " + OneLine.of(String.join(" ", jmh)) + ": " + firstLine(e.getMessage())
                + " (stress --bench -h lists JMH's options)");
            return ExitCode.USAGE;
        }
        try {
            Runner runner = new Runner(options);
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
            err.println("error: benchmark run failed: " + firstLine(e.getMessage()));
            return ExitCode.FAILED;
        } catch (IOException e) {
            err.println("error: stress --bench: " + firstLine(e.getMessage()));
            return ExitCode.IO;
        }
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        return OneLine.of(message.strip().lines().findFirst().orElse("").strip());
    }
}
