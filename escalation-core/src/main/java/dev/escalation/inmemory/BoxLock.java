package dev.escalation.inmemory;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * The lock of an {@link OutboxEntry.Box}, which is its own lock: not reentrant (no holder takes it again), with
 * {@link #tryLock} (a claim skips a box another thread holds) and a short spin before parking ({@link #acquire()}).
 * In the box itself, not a {@code ReentrantLock} beside it: one object fewer (two with its sync object) to allocate
 * per box and to reach on every lock and unlock.
 */
@SuppressWarnings("serial") // never serialised
abstract class BoxLock extends AbstractQueuedSynchronizer {
    /** Tries of {@link #acquire()} before it parks. */
    private static final int SPINS = 64;

    @Override
    protected final boolean tryAcquire(int ignored) {
        return compareAndSetState(0, 1);
    }

    @Override
    protected final boolean tryRelease(int ignored) {
        setState(0);
        return true;
    }

    @Override
    protected final boolean isHeldExclusively() {
        return getState() != 0;
    }

    /** Takes the lock if it is free; returns whether it did. */
    final boolean tryLock() {
        return compareAndSetState(0, 1);
    }

    /**
     * Takes the lock, trying a few times before parking: its holders keep it for well under a microsecond (a claim's
     * look at one entry, a sweep, a write's few messages), so a short spin mostly saves parking this thread and waking
     * it again.
     */
    final void acquire() {
        for (int i = 0; i < SPINS; i++) {
            if (tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        acquire(1);
    }

    /** Releases the lock (held by this thread). */
    final void unlock() {
        release(1);
    }
}
