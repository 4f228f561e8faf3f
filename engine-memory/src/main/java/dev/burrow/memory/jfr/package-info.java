/**
 * JFR events of engine-memory, category "Burrow". They cost nothing unless a recording is running: the engine
 * checks a flag set by a {@link jdk.jfr.FlightRecorderListener} before it builds an event.
 */
package dev.burrow.memory.jfr;
