package io.github.diffusion4j.testkit;

import java.util.function.Consumer;

/**
 * Checks a property over generated cases and, when one fails, shrinks it: repeatedly replaces the failing case by the
 * first of its {@link Shrinkable#simpler() simpler} neighbours that still fails, until none does (greedy descent, at
 * most {@value #MAX_SHRINK_STEPS} steps). The {@link AssertionError} it throws names the minimal case, the original
 * one and the system property that replays the original, and keeps the minimal case's failure as its cause.
 *
 * <pre>{@code
 * Property.forAll(MixtureGenerator.DEFAULT.specs(42, 500), spec -> {
 *     GaussianMixture m = spec.build();
 *     ... assertions ...
 * });
 * }</pre>
 */
public final class Property {

    /** Bound on shrinking steps, so that a property failing everywhere still terminates quickly. */
    public static final int MAX_SHRINK_STEPS = 200;

    private Property() {
    }

    /**
     * @param cases the cases
     * @param check throws (an {@link AssertionError} or any runtime exception) when the property fails for a case
     * @param <C>   the case type
     * @throws AssertionError for the first failing case, after shrinking it
     */
    @SafeVarargs
    public static <C extends Shrinkable<C>> void forAll(Consumer<C> check, C... cases) {
        for (C original : cases) {
            Throwable failure = failure(check, original);
            if (failure != null) {
                throw shrunk(check, original, failure);
            }
        }
    }

    /**
     * Array-first form of {@link #forAll(Consumer, Shrinkable[])}.
     *
     * @param cases the cases
     * @param check the property
     * @param <C>   the case type
     */
    public static <C extends Shrinkable<C>> void forAll(C[] cases, Consumer<C> check) {
        forAll(check, cases);
    }

    /**
     * @param check    the property
     * @param original a failing case
     * @param failure  its failure
     * @param <C>      the case type
     * @return the error to throw: minimal case, original case and replay instructions
     */
    static <C extends Shrinkable<C>> AssertionError shrunk(Consumer<C> check, C original, Throwable failure) {
        C minimal = original;
        Throwable minimalFailure = failure;
        int steps = 0;
        boolean progress = true;
        while (progress && steps < MAX_SHRINK_STEPS) {
            progress = false;
            for (C candidate : minimal.simpler()) {
                Throwable candidateFailure = failure(check, candidate);
                if (candidateFailure != null) {
                    minimal = candidate;
                    minimalFailure = candidateFailure;
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        String message = "property failed; minimal case after " + steps + " shrink steps:\n  " + minimal.describe()
                + "\n  failure: " + minimalFailure + "\noriginal case:\n  " + original.describe()
                + "\nreplay the original alone with -D" + CaseSeeds.PROPERTY + "=<its seed, the first number above>";
        return new AssertionError(message, minimalFailure);
    }

    private static <C> Throwable failure(Consumer<C> check, C candidate) {
        try {
            check.accept(candidate);
            return null;
        } catch (AssertionError | RuntimeException e) {
            return e;
        }
    }
}
