package dev.burrow.memory;

import org.lwjgl.system.MemoryUtil;

import java.util.Arrays;

/**
 * The promotions asked for in one frame, carried out at its {@code end()}: each copies a frame allocation into a
 * level group or a pool slot, and records what became of it.
 *
 * <h2>Tickets</h2>
 * <pre>
 *  ticket (long)   63 ............ 32   31 .......... 0
 *                  frame number          request index
 * </pre>
 * <p>A ticket's result can be read after the frame's {@code end()} until the next {@code end()}; an older ticket reads
 * {@link PromotionResult#PENDING} and address 0. Nothing here allocates once the arrays have the size of the busiest
 * frame's requests.</p>
 */
final class FramePromotions {
    private long[] source = new long[8];
    private long[] bytes = new long[8];
    private int[] align = new int[8];
    private Object[] target = new Object[8];
    private long[] result = new long[8];
    private PromotionResult[] outcome = new PromotionResult[8];
    private int count;
    private long frame;

    // The last completed frame's summary.
    private int resolved;
    private long lastFrame;
    private int promoted;
    private long promotedBytes;
    private int failed;
    private PromotionResult lastFailure = PromotionResult.PENDING;
    private long totalPromoted;
    private long totalFailed;

    /** @return the ticket for a new request */
    long add(long frameNumber, long src, long n, int alignment, Object to) {
        if (frame != frameNumber) {
            frame = frameNumber;
            count = 0;
        }
        if (count == source.length) {
            int cap = count * 2;
            source = Arrays.copyOf(source, cap);
            bytes = Arrays.copyOf(bytes, cap);
            align = Arrays.copyOf(align, cap);
            target = Arrays.copyOf(target, cap);
            result = Arrays.copyOf(result, cap);
            outcome = Arrays.copyOf(outcome, cap);
        }
        source[count] = src;
        bytes[count] = n;
        align[count] = alignment;
        target[count] = to;
        outcome[count] = PromotionResult.PENDING;
        return (frameNumber << 32) | count++;
    }

    /** Drops this frame's requests whose source a rollback just gave back: they fail instead of copying stale bytes. */
    void dropLost(FrameArena arena, long frameNumber) {
        if (frame != frameNumber) {
            return;
        }
        for (int i = 0; i < count; i++) {
            if (target[i] != null && !arena.ownsAllocation(source[i], bytes[i])) {
                outcome[i] = PromotionResult.FAILED_REFUSED;
                target[i] = null;
            }
        }
    }

    /** Carries out this frame's requests: called by {@code end()} before the frame memory goes. */
    void resolve(long frameNumber) {
        lastFrame = frameNumber;
        promoted = 0;
        promotedBytes = 0;
        failed = 0;
        int n = frame == frameNumber ? count : 0;
        for (int i = 0; i < n; i++) {
            if (target[i] == null) {
                failed++;
                lastFailure = outcome[i];
                continue;
            }
            long to = 0;
            PromotionResult r;
            try {
                to = target[i] instanceof LevelGroup
                    ? ((LevelGroup) target[i]).alloc(bytes[i], align[i])
                    : ((Pool) target[i]).alloc();
                r = to == 0 ? PromotionResult.FAILED_REFUSED : PromotionResult.PROMOTED;
            } catch (MemoryBudgetExceededException e) {
                r = PromotionResult.FAILED_BUDGET;
            } catch (OutOfNativeMemoryException e) {
                r = PromotionResult.FAILED_MEMORY;
            } catch (MemoryDiagnosticException e) {
                r = PromotionResult.FAILED_REFUSED; // strict mode: the target's refusal was thrown
            }
            if (r == PromotionResult.PROMOTED) {
                MemoryUtil.memCopy(source[i], to, bytes[i]);
                promoted++;
                promotedBytes += bytes[i];
            } else {
                failed++;
                lastFailure = r;
            }
            result[i] = to;
            outcome[i] = r;
            target[i] = null; // no reference kept past the frame
        }
        resolved = n;
        totalPromoted += promoted;
        totalFailed += failed;
    }

    PromotionResult outcome(long ticket) {
        int i = (int) ticket;
        return (ticket >>> 32) == lastFrame && i >= 0 && i < resolved ? outcome[i] : PromotionResult.PENDING;
    }

    long address(long ticket) {
        return outcome(ticket) == PromotionResult.PROMOTED ? result[(int) ticket] : 0;
    }

    int lastPromoted() { return promoted; }

    long lastPromotedBytes() { return promotedBytes; }

    int lastFailed() { return failed; }

    PromotionResult lastFailure() { return lastFailure; }

    long totalPromoted() { return totalPromoted; }

    long totalFailed() { return totalFailed; }

    /** @return requests waiting for this frame's end */
    int pending(long frameNumber) {
        return frame == frameNumber ? count : 0;
    }
}
