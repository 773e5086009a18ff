package io.github.diffusion4j.solve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The built-in solvers by name (the {@code --solver} values of the command line), with default parameters:
 * <table>
 *   <caption>Solvers</caption>
 *   <tr><th>name</th><th>method</th><th>order</th><th>NFE per step</th></tr>
 *   <tr><td>euler</td><td>{@link ExplicitRungeKutta#EULER}</td><td>1</td><td>1</td></tr>
 *   <tr><td>heun</td><td>{@link ExplicitRungeKutta#HEUN}</td><td>2</td><td>2</td></tr>
 *   <tr><td>rk4</td><td>{@link ExplicitRungeKutta#RK4}</td><td>4</td><td>4</td></tr>
 *   <tr><td>rk45</td><td>{@link DormandPrince54}, adaptive</td><td>5</td><td>6 (FSAL)</td></tr>
 *   <tr><td>ddim</td><td>{@link Ddim}, η = 0</td><td>1</td><td>1</td></tr>
 *   <tr><td>dpm-solver-1, -2, -3</td><td>{@link DpmSolver}</td><td>1, 2, 3</td><td>1, 2, 3</td></tr>
 *   <tr><td>dpm-solver++2m</td><td>{@link DpmSolverPlusPlus2M}</td><td>2</td><td>1</td></tr>
 *   <tr><td>sde-dpm-solver++2m</td><td>{@link SdeDpmSolverPlusPlus2M}</td><td>weak 1, strong 1</td><td>1</td></tr>
 *   <tr><td>euler-maruyama</td><td>{@link EulerMaruyama}, η = 1</td><td>weak 1, strong 1</td><td>1</td></tr>
 *   <tr><td>ancestral</td><td>{@link Ancestral}</td><td>weak 1, strong 1</td><td>1</td></tr>
 *   <tr><td>edm-heun</td><td>{@link EdmHeun}</td><td>2</td><td>2 (1 into σ = 0)</td></tr>
 *   <tr><td>edm-stochastic</td><td>{@link EdmStochastic}, S_churn = 80, S_min = 0.05, S_max = 50,
 *       S_noise = 1.003</td><td>weak 1</td><td>2</td></tr>
 *   <tr><td>pc</td><td>{@link PredictorCorrector}: Euler–Maruyama + one Langevin step, r = 0.16</td><td>weak 1</td>
 *       <td>2</td></tr>
 * </table>
 */
public final class Solvers {

    private static final Map<String, Supplier<Solver>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("euler", () -> ExplicitRungeKutta.EULER);
        REGISTRY.put("heun", () -> ExplicitRungeKutta.HEUN);
        REGISTRY.put("rk4", () -> ExplicitRungeKutta.RK4);
        REGISTRY.put("rk45", () -> DormandPrince54.INSTANCE);
        REGISTRY.put("ddim", () -> new Ddim(0));
        REGISTRY.put("dpm-solver-1", () -> new DpmSolver(1));
        REGISTRY.put("dpm-solver-2", () -> new DpmSolver(2));
        REGISTRY.put("dpm-solver-3", () -> new DpmSolver(3));
        REGISTRY.put("dpm-solver++2m", DpmSolverPlusPlus2M::new);
        REGISTRY.put("sde-dpm-solver++2m", () -> SdeDpmSolverPlusPlus2M.INSTANCE);
        REGISTRY.put("euler-maruyama", () -> new EulerMaruyama(1));
        REGISTRY.put("ancestral", () -> Ancestral.INSTANCE);
        REGISTRY.put("edm-heun", () -> EdmHeun.INSTANCE);
        REGISTRY.put("edm-stochastic", EdmStochastic::imageNetDefaults);
        REGISTRY.put("pc", () -> new PredictorCorrector(new EulerMaruyama(1), 1, 0.16));
    }

    /** The accepted names, in a stable order. */
    public static final List<String> NAMES = List.copyOf(REGISTRY.keySet());

    private Solvers() {
    }

    /**
     * @param name one of {@link #NAMES}
     * @return the solver with its default parameters
     * @throws IllegalArgumentException naming the unknown value and listing the valid ones
     */
    public static Solver byName(String name) {
        Supplier<Solver> factory = REGISTRY.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown solver '" + name + "'; expected one of " + NAMES);
        }
        return factory.get();
    }

    /** @return every built-in solver, in the order of {@link #NAMES} */
    public static List<Solver> all() {
        return NAMES.stream().map(Solvers::byName).toList();
    }
}
