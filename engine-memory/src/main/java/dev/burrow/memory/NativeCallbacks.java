package dev.burrow.memory;

import org.lwjgl.system.CallbackI;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.system.libffi.FFICIF;

import static org.lwjgl.system.APIUtil.apiCreateCIF;
import static org.lwjgl.system.libffi.LibFFI.FFI_DEFAULT_ABI;
import static org.lwjgl.system.libffi.LibFFI.ffi_type_pointer;
import static org.lwjgl.system.libffi.LibFFI.ffi_type_void;

/**
 * C function pointers into {@link BurrowLwjglAllocator}, for LWJGL's native libraries (stb and others call the
 * allocator through {@code getMalloc()} and friends): so memory native code allocates, frees or reallocates goes
 * through Burrow like {@code memAlloc}, and native code never hands jemalloc a block of Burrow's. As LWJGL's own
 * DebugAllocator does, each is a libffi closure; a call costs about a microsecond, and native code allocates rarely.
 * Created on first use, never freed: LWJGL keeps the pointers for the life of the process. Nothing thrown escapes
 * into native code: a failed allocation returns NULL.
 */
final class NativeCallbacks {
    final long malloc;
    final long calloc;
    final long realloc;
    final long free;
    final long alignedAlloc;
    final long alignedFree;

    NativeCallbacks(MemoryUtil.MemoryAllocator a) {
        malloc = closure(cif(ffi_type_pointer, 1), (ret, args) -> {
            long size = arg(args, 0);
            MemoryUtil.memPutAddress(ret, guard(() -> a.malloc(size)));
        });
        calloc = closure(cif(ffi_type_pointer, 2), (ret, args) -> {
            long num = arg(args, 0);
            long size = arg(args, 1);
            MemoryUtil.memPutAddress(ret, guard(() -> a.calloc(num, size)));
        });
        realloc = closure(cif(ffi_type_pointer, 2), (ret, args) -> {
            long ptr = arg(args, 0);
            long size = arg(args, 1);
            MemoryUtil.memPutAddress(ret, guard(() -> a.realloc(ptr, size)));
        });
        free = closure(cif(ffi_type_void, 1), (ret, args) -> {
            long ptr = arg(args, 0);
            guard(() -> {
                a.free(ptr);
                return 0;
            });
        });
        alignedAlloc = closure(cif(ffi_type_pointer, 2), (ret, args) -> {
            long alignment = arg(args, 0);
            long size = arg(args, 1);
            MemoryUtil.memPutAddress(ret, guard(() -> a.aligned_alloc(alignment, size)));
        });
        alignedFree = closure(cif(ffi_type_void, 1), (ret, args) -> {
            long ptr = arg(args, 0);
            guard(() -> {
                a.aligned_free(ptr);
                return 0;
            });
        });
    }

    private interface Body {
        void call(long ret, long args);
    }

    private interface Call {
        long run();
    }

    /** Nothing may be thrown into native code: strict-mode diagnostics and budget refusals become NULL. */
    private static long guard(Call c) {
        try {
            return c.run();
        } catch (RuntimeException | Error e) {
            return 0;
        }
    }

    private static long arg(long args, int i) {
        return MemoryUtil.memGetAddress(MemoryUtil.memGetAddress(args + (long) i * org.lwjgl.system.Pointer.POINTER_SIZE));
    }

    private static FFICIF cif(org.lwjgl.system.libffi.FFIType ret, int pointerArgs) {
        return pointerArgs == 1
            ? apiCreateCIF(FFI_DEFAULT_ABI, ret, ffi_type_pointer)
            : apiCreateCIF(FFI_DEFAULT_ABI, ret, ffi_type_pointer, ffi_type_pointer);
    }

    private static long closure(FFICIF cif, Body body) {
        return new CallbackI() {
            @Override
            public FFICIF getCallInterface() {
                return cif;
            }

            @Override
            public void callback(long ret, long args) {
                body.call(ret, args);
            }
        }.address();
    }
}
