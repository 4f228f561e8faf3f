package dev.burrow.memory.test;

import dev.burrow.memory.DebugLevel;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives each test method a fresh {@link dev.burrow.memory.EngineMemory} (declare it as a parameter of the test or of
 * a {@code @BeforeEach} method) and fails the test when anything remains at teardown: live pool slots, bytes in
 * open level groups (both reported with their allocation sites), or native bytes after the engine closed.
 *
 * <pre>{@code
 * @BurrowMemoryTest
 * class BulletsTest {
 *     @Test
 *     void everyBulletGoesBack(EngineMemory mem) {
 *         Pool bullets = mem.pool("bullets", 32);
 *         long b = bullets.alloc();
 *         bullets.free(b);       // forget this line and the test fails, naming where b was allocated
 *     }
 * }
 * }</pre>
 *
 * <p>On a method it overrides the settings of its class. The engine is created with
 * {@link dev.burrow.memory.EngineMemory#createExactly}: the {@code BURROW_*} environment does not change it, except
 * {@code BURROW_SYSTEM_ALLOCATOR=1} (the kill switch), which changes how memory is obtained, never what is checked,
 * so a build can run the same tests once more under valgrind-friendly system malloc.</p>
 *
 * @see BurrowMemoryExtension
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(BurrowMemoryExtension.class)
public @interface BurrowMemoryTest {
    /**
     * The debug level of the engine. PARANOID by default: a test is where the cost of recording every allocation
     * site and checking guard bytes on free is cheapest to pay, and a leak found there names the exact line. Use
     * {@link DebugLevel#SIMPLE} (what a game ships with by default) in tests that assert zero garbage: PARANOID
     * allocates Java heap for every site it records.
     *
     * @return the level
     */
    DebugLevel debug() default DebugLevel.PARANOID;

    /**
     * Whether error diagnostics throw {@link dev.burrow.memory.MemoryDiagnosticException} (the default: a misuse
     * fails the test where it happens).
     *
     * @return strict mode
     */
    boolean strict() default true;

    /**
     * The initial frame arena block per thread, in bytes; 0 keeps {@link dev.burrow.memory.MemoryConfig#defaults()}.
     *
     * @return bytes, or 0
     */
    long frameArenaBytes() default 0;

    /**
     * The first chunk of each level group, in bytes; 0 keeps the default.
     *
     * @return bytes, or 0
     */
    long groupChunkBytes() default 0;

    /**
     * The target slab of each pool, in bytes (a power of two); 0 keeps the default.
     *
     * @return bytes, or 0
     */
    int poolSlabBytes() default 0;

    /**
     * The kill switch: every allocation a system malloc/free. {@code BURROW_SYSTEM_ALLOCATOR=1} in the environment
     * turns it on as well.
     *
     * @return whether to use the system allocator
     */
    boolean systemAllocator() default false;
}
