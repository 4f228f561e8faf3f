package dev.burrow.memory;

/**
 * One intent violation the behaviour report found: not a safety problem, a hint that memory lives in the wrong
 * allocator. Immutable.
 *
 * @param code the finding's code ({@code EM801}..)
 * @param subject the pool, tag, thread or "groups" it is about
 * @param seen the numbers seen, in words
 * @param threshold the threshold they crossed
 * @param suggestion what to do
 * @param frame the frame (of the watching thread's arena) when it was last seen
 */
public record BehaviourFinding(DiagnosticCode code, String subject, String seen, String threshold, String suggestion,
                               long frame) {
    /** @return one line: {@code [EM801] pool "x": ... (threshold ...; suggestion)} */
    @Override
    public String toString() {
        return "[" + code.name() + "] " + subject + ": " + seen + " (threshold " + threshold + "; " + suggestion + ")";
    }
}
