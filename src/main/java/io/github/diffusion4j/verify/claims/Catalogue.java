package io.github.diffusion4j.verify.claims;

import java.util.List;

import io.github.diffusion4j.verify.Claim;

/** The built-in claims, in report order: docs/THEORY.md T1–T18, then the solver claims, then the estimator calibration claims. */
public final class Catalogue {

    private Catalogue() {
    }

    /** @return new instances of every built-in claim */
    public static List<Claim> claims() {
        return List.of(
                new TweedieClaim(),
                new DenoisingScoreMatchingClaim(),
                new ImplicitScoreMatchingClaim(),
                new FlowMatchingClaim(),
                new ScoreVelocityClaim(),
                new ContinuityClaim(),
                new FokkerPlanckClaim(),
                new ReverseProcessClaim(),
                new LikelihoodClaim(),
                new ParametrisationClaim(),
                new DdpmKernelClaim(),
                new TimeWarpClaim(),
                new ContractionClaim(),
                new BrownianClaim(),
                new GuidanceClaim(),
                new ErrorDecompositionClaim(),
                new ImportanceSamplingClaim(),
                new ElboClaim(),
                new SolverOrderClaim(),
                new DdimDpmSolverClaim(),
                new StrongOrderClaim(),
                new FewStepSamplerClaim(),
                new SharedMarginalsClaim(),
                new RandomGridOrderClaim(),
                new InvarianceClaim(),
                new NearestNeighborKlClaim(),
                new MmdClaim(),
                new ExactKlClaim(),
                new OrderFitClaim());
    }
}
