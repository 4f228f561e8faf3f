/**
 * engine-memory's own tests written with the kit. engine-memory cannot depend on engine-memory-test (the kit depends
 * on it: a Maven cycle), so tests of the engine that want the kit live here, use only the engine's public API, and
 * run a second time under the kill switch (BURROW_SYSTEM_ALLOCATOR=1, the "kill-switch" Surefire execution of this
 * module), as engine-memory's own suite does.
 */
package dev.burrow.memory.test.engine;
