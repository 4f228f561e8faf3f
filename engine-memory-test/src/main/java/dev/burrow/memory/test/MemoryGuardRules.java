package dev.burrow.memory.test;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaMethodReference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ArchUnit guard rules for code on engine-memory. Each is a {@link GuardRule}: allow-list the classes that may
 * break it, with a reason, then {@link GuardRule#check(com.tngtech.archunit.core.domain.JavaClasses) check} the
 * imported classes.
 *
 * <pre>{@code
 * JavaClasses game = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
 *     .importPackages("com.example.game");
 * MemoryGuardRules.noRawNativeAllocation()
 *     .allow("com.example.game.Screenshot", "one 8 MiB buffer per screenshot, freed in finally")
 *     .check(game);
 * MemoryGuardRules.noFrameAddressInField().check(game);
 * }</pre>
 *
 * <p>ArchUnit reads bytecode: the rules see calls, method references and field writes with their source line, in
 * classes compiled with debug information (javac's default). They do not see data flow, reflection, JNI, or native
 * memory that a library allocates for you inside its own code.</p>
 */
public final class MemoryGuardRules {
    private static final String MEMORY_UTIL = "org.lwjgl.system.MemoryUtil";
    private static final Pattern MEMORY_UTIL_RAW = Pattern.compile(
        "n?mem(Alloc|Calloc|Realloc|AlignedAlloc)\\w*|n?mem(Free|AlignedFree)|getAllocator");
    private static final Pattern MEMORY_UTIL_ENCODE = Pattern.compile("mem(UTF8|ASCII|UTF16)(Safe)?");
    private static final Pattern LIBC_RAW = Pattern.compile("n?(malloc|calloc|realloc|free|aligned_alloc|aligned_free)");
    private static final Pattern ALLOCATOR_RAW = Pattern.compile("malloc|calloc|realloc|free|aligned_alloc|aligned_free");
    private static final Pattern RPMALLOC_RAW = Pattern.compile("n?rp\\w*(alloc|free)\\w*");
    private static final Pattern STACK_ALLOC = Pattern.compile(
        "n?(stack)?([mM]alloc|[cC]alloc)\\w*|n?(stack)?(ASCII|UTF8|UTF16)(Safe)?");
    private static final Map<String, Pattern> RAW = new HashMap<>();

    static {
        RAW.put(MEMORY_UTIL, MEMORY_UTIL_RAW);
        RAW.put(MEMORY_UTIL + "$MemoryAllocator", ALLOCATOR_RAW);
        RAW.put("org.lwjgl.system.libc.LibCStdlib", LIBC_RAW);
        RAW.put("org.lwjgl.system.jemalloc.JEmalloc", Pattern.compile("n?je_\\w+"));
        RAW.put("org.lwjgl.system.rpmalloc.RPmalloc", RPMALLOC_RAW);
        RAW.put("org.lwjgl.BufferUtils", Pattern.compile("create\\w+"));
        RAW.put("java.nio.ByteBuffer", Pattern.compile("allocateDirect"));
        RAW.put("sun.misc.Unsafe", Pattern.compile("allocateMemory|reallocateMemory|freeMemory"));
        RAW.put("jdk.internal.misc.Unsafe", Pattern.compile("allocateMemory|reallocateMemory|freeMemory"));
    }

    private MemoryGuardRules() {
    }

    /**
     * "No raw native allocation": no call to, or method reference of, a function that obtains or frees native memory
     * outside engine-memory's allocators, so every native byte is counted, budgeted and leak-checked. Flagged:
     * <ul>
     *   <li>{@code MemoryUtil}: {@code memAlloc*}, {@code memCalloc*}, {@code memRealloc}, {@code memAlignedAlloc},
     *       {@code memFree}, {@code memAlignedFree} and their {@code nmem*} forms, {@code getAllocator()}, and the
     *       encoders that return a new buffer ({@code memUTF8/memASCII/memUTF16[Safe](CharSequence[, boolean])};
     *       the forms writing into a given buffer are fine); {@code MemoryAllocator.malloc/calloc/realloc/free/
     *       aligned_alloc/aligned_free};</li>
     *   <li>{@code JEmalloc.je_*}/{@code nje_*} (every function), {@code LibCStdlib.malloc/calloc/realloc/free/
     *       aligned_alloc/aligned_free} (and {@code n} forms), {@code RPmalloc.rp*alloc/free};</li>
     *   <li>{@code ByteBuffer.allocateDirect}, {@code BufferUtils.create*}, {@code MemoryStack.create()}/{@code create(int)} (a
     *       new stack), {@code Unsafe.allocateMemory/reallocateMemory/freeMemory}.</li>
     * </ul>
     * Not flagged: pushing on a {@code MemoryStack} (LWJGL's thread stack or {@code frame.stack()}), and memory a
     * library allocates inside its own code.
     *
     * @return the rule, with an empty allow-list
     */
    public static GuardRule noRawNativeAllocation() {
        return new GuardRule("no raw native allocation outside engine-memory's allocators", MemoryGuardRules::rawAllocations);
    }

    /**
     * "No frame address stored in a field": frame memory is gone at {@code frame.end()}, so an address kept in a
     * field is a use-after-free waiting for the next frame. Precisely, what ArchUnit can check: a write to a field
     * (of any class) of type {@code long}, or of a {@code java.nio.Buffer}, LWJGL {@code CustomBuffer} or
     * {@code Struct} type, on the same source line as a call to {@code FrameArena.alloc/calloc} or to a
     * {@code MemoryStack} allocation ({@code malloc*}, {@code calloc*}, {@code n*}, {@code stackMalloc*},
     * {@code UTF8}/{@code ASCII}/{@code UTF16}...) in the same method: {@code this.scratch = frame.alloc(64, 8);}.
     *
     * <p>It does not see a value that travels through a local variable or another method first
     * ({@code long p = frame.alloc(..); ... this.p = p;}), nor addresses derived by arithmetic on another line;
     * ArchUnit has no data flow. A class whose fields legitimately hold frame memory for the span of one frame (a
     * per-frame scratch object rebuilt every frame) is allow-listed with that reason.</p>
     *
     * @return the rule, with an empty allow-list
     */
    public static GuardRule noFrameAddressInField() {
        return new GuardRule("no frame address stored in a field", MemoryGuardRules::frameAddressesInFields);
    }

    private static List<String> rawAllocations(JavaClass c) {
        List<String> found = new ArrayList<>();
        List<JavaCodeUnitAccess<?>> accesses = new ArrayList<>(c.getMethodCallsFromSelf());
        accesses.addAll(c.getMethodReferencesFromSelf());
        for (JavaCodeUnitAccess<?> a : accesses) {
            if (isRaw(a)) {
                found.add(where(a) + " " + (a instanceof JavaMethodReference ? "references " : "calls ") + target(a));
            }
        }
        return found;
    }

    private static boolean isRaw(JavaCodeUnitAccess<?> a) {
        String owner = a.getTargetOwner().getName();
        String name = a.getTarget().getName();
        if (owner.equals(MEMORY_UTIL) && MEMORY_UTIL_ENCODE.matcher(name).matches()) {
            List<JavaClass> params = a.getTarget().getRawParameterTypes();
            boolean fromText = !params.isEmpty() && params.get(0).getName().equals(CharSequence.class.getName());
            boolean intoBuffer = params.stream().anyMatch(p -> p.getName().equals("java.nio.ByteBuffer") || p.getName().equals("long"));
            return fromText && !intoBuffer;
        }
        if (owner.equals("org.lwjgl.system.MemoryStack")) {
            // create() and create(int size) allocate a new stack; create(ByteBuffer) and ncreate lay one over memory
            // the caller already has (engine-memory's FrameArena does that over its own block).
            List<JavaClass> params = a.getTarget().getRawParameterTypes();
            return name.equals("create") && (params.isEmpty() || params.get(0).getName().equals("int"));
        }
        Pattern p = RAW.get(owner);
        return p != null && p.matcher(name).matches();
    }

    private static List<String> frameAddressesInFields(JavaClass c) {
        Map<JavaCodeUnit, Set<Integer>> allocLines = new HashMap<>();
        for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
            if (isFrameAllocation(call)) {
                allocLines.computeIfAbsent(call.getOrigin(), k -> new HashSet<>()).add(call.getLineNumber());
            }
        }
        List<String> found = new ArrayList<>();
        if (allocLines.isEmpty()) {
            return found;
        }
        for (JavaFieldAccess f : c.getFieldAccessesFromSelf()) {
            Set<Integer> lines = allocLines.get(f.getOrigin());
            if (f.getAccessType() == JavaFieldAccess.AccessType.SET && lines != null && lines.contains(f.getLineNumber())
                && holdsAddress(f.getTarget().getRawType())) {
                found.add(where(f) + " stores frame memory in field " + f.getTarget().getOwner().getSimpleName() + "."
                    + f.getTarget().getName() + ", which outlives the frame");
            }
        }
        return found;
    }

    private static boolean isFrameAllocation(JavaMethodCall call) {
        String owner = call.getTargetOwner().getName();
        String name = call.getTarget().getName();
        if (owner.equals("dev.burrow.memory.FrameArena")) {
            return name.equals("alloc") || name.equals("calloc");
        }
        return owner.equals("org.lwjgl.system.MemoryStack") && STACK_ALLOC.matcher(name).matches();
    }

    private static boolean holdsAddress(JavaClass type) {
        return type.getName().equals("long") || type.isAssignableTo("java.nio.Buffer")
            || type.isAssignableTo("org.lwjgl.system.CustomBuffer") || type.isAssignableTo("org.lwjgl.system.Struct");
    }

    private static String where(JavaAccess<?> a) {
        return a.getOrigin().getFullName() + " " + a.getSourceCodeLocation();
    }

    private static String target(JavaCodeUnitAccess<?> a) {
        return a.getTargetOwner().getSimpleName() + "." + a.getTarget().getName();
    }
}
