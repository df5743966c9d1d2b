package dev.escalation;

/**
 * What a test guard throws from inside a port ({@link GuardedDirectories}, {@link RecordingStore}'s forbidden log
 * reads): a {@link VirtualMachineError}, which the engine treats as fatal and lets through unchanged, so that no fault
 * handling (a port's failure reported as {@code UNAVAILABLE}, a delivery's failed attempt) can hide a broken rule.
 */
final class GuardViolation extends VirtualMachineError {
    private static final long serialVersionUID = 1L;

    GuardViolation(String message) {
        super(message);
    }
}
