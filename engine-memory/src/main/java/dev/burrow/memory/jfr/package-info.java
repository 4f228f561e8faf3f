/**
 * JFR events of engine-memory, named {@code dev.burrow.*} (category "Burrow"): {@code dev.burrow.FrameEnd},
 * {@code dev.burrow.FrameOverflow}, {@code dev.burrow.GroupClose}, {@code dev.burrow.BudgetExceeded} and
 * {@code dev.burrow.Leak}. They cost nothing unless a recording is running: the engine checks a flag set by a
 * {@link jdk.jfr.FlightRecorderListener} before it builds an event. docs/jfr.md shows how to record and read them.
 */
package dev.burrow.memory.jfr;
