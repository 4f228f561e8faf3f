/**
 * The engine-memory test kit: what Burrow's own tests use to prove no leaks, zero garbage and clean failure, for
 * the tests of games built on engine-memory. Add {@code dev.burrow:engine-memory-test} with test scope.
 *
 * <ul>
 *   <li>{@link dev.burrow.memory.test.BurrowMemoryTest} / {@link dev.burrow.memory.test.BurrowMemoryExtension}:
 *       a fresh strict engine per test, injected as a parameter; the test fails when slots, group bytes or native
 *       bytes remain at teardown, with the leak report's allocation sites.</li>
 *   <li>{@link dev.burrow.memory.test.ZeroGarbage}: run a block after a warm-up and fail with the Java heap bytes it
 *       allocated, per run and per phase.</li>
 *   <li>{@link dev.burrow.memory.test.FaultInjection}: run a block once per failing native allocation N and require
 *       a clean {@link dev.burrow.memory.OutOfNativeMemoryException} (or completion) and nothing left behind.</li>
 *   <li>{@link dev.burrow.memory.test.MemoryGuardRules}: ArchUnit rules against raw native allocation and frame
 *       addresses kept in fields.</li>
 * </ul>
 *
 * <p>See {@code docs/testing.md}, "Testing your game's memory".</p>
 */
package dev.burrow.memory.test;
