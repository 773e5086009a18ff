package org.example.solvers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.diffusion4j.score.PerturbedScoreModel;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.verify.CandidateModel;
import io.github.diffusion4j.verify.VerificationPlugin;

/**
 * The plugin diffusion4j finds through {@code META-INF/services/io.github.diffusion4j.verify.VerificationPlugin}:
 * one correct solver of each kind and three realistic mistakes, so {@code verify --solver NAME} can be seen to pass
 * the right ones and fail the wrong ones; and one score model, {@code score-x1.05} (the exact score scaled by 1.05,
 * a stand-in for a slightly mis-trained network), which joins the claims that hold for any model and can be sampled
 * with {@code sample --model score-x1.05}.
 */
public final class ExampleSolversPlugin implements VerificationPlugin {

    @Override
    public Map<String, Supplier<Solver>> solvers() {
        Map<String, Supplier<Solver>> solvers = new LinkedHashMap<>();
        solvers.put("my-euler", () -> new ProbabilityFlowEuler(ProbabilityFlowEuler.Mistake.NONE));
        solvers.put("my-euler-sign-flipped", () -> new ProbabilityFlowEuler(ProbabilityFlowEuler.Mistake.SIGN));
        solvers.put("my-euler-missing-half", () -> new ProbabilityFlowEuler(ProbabilityFlowEuler.Mistake.HALF));
        solvers.put("my-euler-claims-order-2", () -> new ProbabilityFlowEuler(ProbabilityFlowEuler.Mistake.ORDER));
        solvers.put("my-euler-maruyama", ReverseSdeEulerMaruyama::new);
        return solvers;
    }

    @Override
    public List<CandidateModel> scoreModels() {
        return List.of(new CandidateModel("score-x1.05", truth -> new PerturbedScoreModel(truth.scoreModel(), 1.05,
                new double[truth.mixture().dimension()])));
    }
}
