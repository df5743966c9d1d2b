package dev.escalation.benchmarks;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A value per thread for the benchmarks' own bookkeeping (their clock's blocks of ticks, their work counters), found
 * by the thread's id in a small table instead of a {@code ThreadLocal}: in the 2-thread lifecycle benchmarks a worker
 * thread's {@code ThreadLocal} look-ups missed their home slot in the thread's map often enough to cost ~3 µs of a
 * lifecycle (thirty-sixth pass), charged to the engine measured.
 *
 * <p>A slot belongs to the first thread whose id falls in it; a thread whose slot another thread holds keeps its value
 * in a {@code ThreadLocal}. Each thread gets exactly one value, made by the supplier on its first {@link #get}. A slot
 * is written once, then only read; a benchmark makes a new instance per fixture, so the threads of one trial own them.
 *
 * @param <T> the value's type
 */
public final class PerThread<T> {
    /** Slots, by the low bits of a thread's id (a power of two). */
    static final int SLOTS = 64;

    private record Owned<T>(long owner, T value) {}

    private final Supplier<T> create;
    /** Values by slot, each with its owner's id; a slot holds null until a thread takes it. */
    private final AtomicReferenceArray<Owned<T>> owned = new AtomicReferenceArray<>(SLOTS);

    private final ThreadLocal<T> others;

    /** @param create makes the value of a thread, on that thread, once */
    public PerThread(Supplier<T> create) {
        this.create = create;
        this.others = ThreadLocal.withInitial(create);
    }

    /** @return the calling thread's value (made on its first call) */
    public T get() {
        long id = Thread.currentThread().getId();
        int slot = (int) id & (SLOTS - 1);
        Owned<T> o = owned.getPlain(slot);
        if (o != null && o.owner == id) {
            return o.value;
        }
        if (o == null) {
            T value = create.get();
            if (owned.compareAndSet(slot, null, new Owned<>(id, value))) {
                return value;
            }
            others.set(value); // another thread took the slot meanwhile: the value stays this thread's
            return value;
        }
        return others.get();
    }
}
