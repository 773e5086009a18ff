package io.github.diffusion4j.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.verify.claims.Catalogue;

/** Runs claims: the built-in catalogue plus the context's extra claims, or a selection by id. */
public final class Verification {

    private Verification() {
    }

    /**
     * @param context the context (its extra claims are appended to the catalogue)
     * @return the built-in catalogue followed by the context's extra claims
     */
    public static List<Claim> claims(VerificationContext context) {
        List<Claim> all = new ArrayList<>(Catalogue.claims());
        all.addAll(context.extraClaims());
        return all;
    }

    /**
     * @param claims claims
     * @param ids    ids to keep; empty keeps all
     * @return the selected claims, in catalogue order
     * @throws IllegalArgumentException naming any id that matches no claim
     */
    public static List<Claim> select(List<Claim> claims, Collection<String> ids) {
        if (ids.isEmpty()) {
            return claims;
        }
        Map<String, Claim> byId = new LinkedHashMap<>();
        for (Claim c : claims) {
            byId.put(c.id(), c);
        }
        for (String id : ids) {
            if (!byId.containsKey(id)) {
                throw new IllegalArgumentException("unknown claim '" + id + "'; known: " + byId.keySet());
            }
        }
        return claims.stream().filter(c -> ids.contains(c.id())).toList();
    }

    /**
     * The solver claims that apply to the context's solvers under test ({@code verify --solver NAME}).
     *
     * @param claims  claims
     * @param context a context with {@link VerificationContext#solversUnderTest()} set
     * @return the {@link SolverClaim}s that apply to at least one solver under test, in order
     * @throws IllegalArgumentException if no solver is under test, or one of them has no claim that applies to it
     */
    public static List<Claim> forSolversUnderTest(List<Claim> claims, VerificationContext context) {
        List<String> names = context.solversUnderTest();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no solver under test: name one with --solver NAME");
        }
        List<Claim> selected = new ArrayList<>();
        for (Claim claim : claims) {
            if (claim instanceof SolverClaim s && names.stream().anyMatch(n -> s.appliesTo(context.solver(n)))) {
                selected.add(claim);
            }
        }
        for (String name : names) {
            Solver solver = context.solver(name);
            if (claims.stream().noneMatch(c -> c instanceof SolverClaim s && s.appliesTo(solver))) {
                throw new IllegalArgumentException("no solver claim applies to '" + name + "' (adaptive: "
                        + solver.isAdaptive() + ", stochastic: " + solver.isStochastic() + ")");
            }
        }
        return selected;
    }

    /**
     * Runs every solver claim for one solver — the one call that gives a user's solver its verdicts.
     *
     * @param name    the solver's name
     * @param factory its factory
     * @param context a builder with the rest of the context (e.g. {@code VerificationContext.builder()})
     * @return one result per applicable solver claim; the solver passes if every result passes
     */
    public static List<ClaimResult> verifySolver(String name, Supplier<Solver> factory,
                                                 VerificationContext.Builder context) {
        VerificationContext built = context.solver(name, factory).solversUnderTest(List.of(name)).build();
        return run(built, forSolversUnderTest(claims(built), built));
    }

    /**
     * @param context the context
     * @param claims  the claims to run
     * @return one result per claim, in order
     */
    public static List<ClaimResult> run(VerificationContext context, List<Claim> claims) {
        return run(context, claims, ProgressListener.NONE);
    }

    /**
     * @param context  the context
     * @param claims   the claims to run
     * @param listener progress; null for none
     * @return one result per claim, in order
     */
    public static List<ClaimResult> run(VerificationContext context, List<Claim> claims, ProgressListener listener) {
        if (listener == null) {
            listener = ProgressListener.NONE;
        }
        List<ClaimResult> results = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            listener.claimStarted(claim, i, claims.size());
            ClaimResult result = checkOrReportFailure(claim, context);
            results.add(result);
            listener.claimFinished(result);
        }
        return results;
    }

    /**
     * A claim that throws has not been checked: it fails, with the exception as its one failed check, and the
     * remaining claims still run.
     */
    private static ClaimResult checkOrReportFailure(Claim claim, VerificationContext context) {
        long start = System.nanoTime();
        try {
            return claim.check(context);
        } catch (RuntimeException e) {
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            return new ClaimResult(claim.id(), claim.statement(), claim.source(), "threw " + message, "no exception",
                    List.of(Check.of("run", Double.NaN, "threw " + message, false)), Map.of(),
                    (System.nanoTime() - start) / 1e9);
        }
    }
}
