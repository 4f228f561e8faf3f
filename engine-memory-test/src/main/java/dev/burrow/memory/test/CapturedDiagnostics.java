package dev.burrow.memory.test;

import dev.burrow.memory.DiagnosticCode;
import dev.burrow.memory.DiagnosticListener;
import dev.burrow.memory.EngineMemory;

import java.util.ArrayList;
import java.util.List;

/**
 * Every diagnostic an engine raised during a test, in order, kept here instead of being logged, so a passing build
 * reads clean and a test can assert on exactly what it provoked. {@link BurrowMemoryExtension} installs one on the
 * engines it gives out (declare a {@code CapturedDiagnostics} parameter to read it); tests with their own engine call
 * {@link #on(EngineMemory)}. Unlike {@link EngineMemory#recentDiagnostics()}, nothing is dropped.
 */
public final class CapturedDiagnostics implements DiagnosticListener {
    private final List<DiagnosticCode> codes = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();

    private CapturedDiagnostics() {
    }

    /**
     * Sends {@code mem}'s diagnostics here instead of to the log.
     *
     * @param mem the engine
     * @return the capture
     */
    public static CapturedDiagnostics on(EngineMemory mem) {
        CapturedDiagnostics c = new CapturedDiagnostics();
        mem.diagnosticListener(c);
        return c;
    }

    /**
     * Called by the engine; not for tests.
     *
     * @param code the code
     * @param message the full message
     */
    @Override
    public synchronized void onDiagnostic(DiagnosticCode code, String message) {
        codes.add(code);
        messages.add(message);
    }

    /** @return every message so far, oldest first */
    public synchronized List<String> all() {
        return new ArrayList<>(messages);
    }

    /**
     * @param code a code
     * @return the messages with that code, oldest first
     */
    public synchronized List<String> of(DiagnosticCode code) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i) == code) {
                out.add(messages.get(i));
            }
        }
        return out;
    }

    /**
     * @param code a code
     * @return how many times it was raised
     */
    public synchronized int count(DiagnosticCode code) {
        int n = 0;
        for (DiagnosticCode c : codes) {
            n += c == code ? 1 : 0;
        }
        return n;
    }

    /** @return how many diagnostics were raised */
    public synchronized int size() {
        return messages.size();
    }
}
