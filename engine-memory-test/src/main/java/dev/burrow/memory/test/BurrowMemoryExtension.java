package dev.burrow.memory.test;

import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.AnnotatedElement;
import java.util.Map;
import java.util.Optional;

/**
 * The JUnit 5 extension behind {@link BurrowMemoryTest}: resolves {@link EngineMemory} parameters of test and
 * {@code @BeforeEach} methods with one fresh engine per test method (and {@link CapturedDiagnostics} parameters with
 * what that engine raised: its diagnostics are captured, not logged), and after the test (after its
 * {@code @AfterEach} methods, so they can close the game first) closes the engine and fails the test through
 * {@link MemoryLeaks#closeAndAssertNone} when anything remained. A test that does not ask for an engine gets none
 * and is not checked.
 *
 * <p>Register it with {@link BurrowMemoryTest} (which also carries the engine's settings) or with
 * {@code @ExtendWith(BurrowMemoryExtension.class)} (default settings). The engine belongs to the test's thread:
 * pools and groups it creates are confined to that thread, as in a game.</p>
 */
public final class BurrowMemoryExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BurrowMemoryExtension.class);
    private static final String ENGINE = "engine";
    private static final String CAPTURED = "captured";

    /** Creates the extension (JUnit does, through {@link BurrowMemoryTest} or {@code @ExtendWith}). */
    public BurrowMemoryExtension() {
    }

    /**
     * @param parameter the parameter JUnit asks about
     * @param context the test's context
     * @return whether it is an {@link EngineMemory}
     */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EngineMemory.class || type == CapturedDiagnostics.class;
    }

    /**
     * @param parameter an {@link EngineMemory} parameter
     * @param context the test's context
     * @return this test's engine, created on first request
     * @throws ParameterResolutionException outside a test method (e.g. a constructor or {@code @BeforeAll}), where
     *         no single test owns the engine
     */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("EngineMemory is injected per test: declare it on a @Test or "
                + "@BeforeEach method, not on " + parameter.getDeclaringExecutable());
        }
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        EngineMemory mem = store.getOrComputeIfAbsent(ENGINE, k -> {
            EngineMemory created = create(settings(context));
            store.put(CAPTURED, CapturedDiagnostics.on(created)); // quiet: diagnostics are the test's to assert
            return created;
        }, EngineMemory.class);
        return parameter.getParameter().getType() == EngineMemory.class ? mem : store.get(CAPTURED, CapturedDiagnostics.class);
    }

    /**
     * Closes the test's engine, if it made one, and fails the test when anything leaked.
     *
     * @param context the test's context
     */
    @Override
    public void afterEach(ExtensionContext context) {
        EngineMemory mem = context.getStore(NAMESPACE).remove(ENGINE, EngineMemory.class);
        CapturedDiagnostics captured = context.getStore(NAMESPACE).remove(CAPTURED, CapturedDiagnostics.class);
        if (mem != null) {
            MemoryLeaks.closeAndAssertNone(mem, captured);
        }
    }

    /**
     * The configuration the extension would give this test: its {@link BurrowMemoryTest} settings (method first,
     * then its class and the classes enclosing it), strict, fault injection off.
     *
     * @param settings the annotation, or null for the defaults
     * @return the config
     */
    public static MemoryConfig config(BurrowMemoryTest settings) {
        BurrowMemoryTest s = settings != null ? settings : Defaults.class.getAnnotation(BurrowMemoryTest.class);
        MemoryConfig c = MemoryConfig.defaults().debug(s.debug()).strict(s.strict())
            .systemAllocator(s.systemAllocator() || killSwitchFromEnvironment());
        if (s.frameArenaBytes() != 0) {
            c = c.frameArenaBytes(s.frameArenaBytes());
        }
        if (s.groupChunkBytes() != 0) {
            c = c.groupChunkBytes(s.groupChunkBytes());
        }
        if (s.poolSlabBytes() != 0) {
            c = c.poolSlabBytes(s.poolSlabBytes());
        }
        return c;
    }

    /** Parsed by engine-memory itself, so a malformed value gets its one-line error naming the variable. */
    private static boolean killSwitchFromEnvironment() {
        String v = System.getenv("BURROW_SYSTEM_ALLOCATOR");
        return v != null && MemoryConfig.defaults().withEnvironment(Map.of("BURROW_SYSTEM_ALLOCATOR", v)).systemAllocator();
    }

    private static EngineMemory create(BurrowMemoryTest settings) {
        return EngineMemory.createExactly(config(settings));
    }

    private static BurrowMemoryTest settings(ExtensionContext context) {
        Optional<BurrowMemoryTest> onMethod = find(context.getTestMethod().orElse(null));
        if (onMethod.isPresent()) {
            return onMethod.get();
        }
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            Optional<BurrowMemoryTest> onClass = find(c);
            if (onClass.isPresent()) {
                return onClass.get();
            }
        }
        return null;
    }

    private static Optional<BurrowMemoryTest> find(AnnotatedElement element) {
        return element == null ? Optional.empty() : AnnotationSupport.findAnnotation(element, BurrowMemoryTest.class);
    }

    /** Carrier of the annotation's default values. */
    @BurrowMemoryTest
    private static final class Defaults {
    }
}
