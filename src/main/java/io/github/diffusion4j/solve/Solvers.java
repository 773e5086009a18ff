package io.github.diffusion4j.solve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The solvers by name (the {@code --solver} values of the command line): the built-in ones below, with default
 * parameters, and every solver registered at run time — by a Java caller through {@link #register}, or by a
 * plugin jar ({@code --plugin}, {@code io.github.diffusion4j.verify.PluginJar}). A registered solver is usable by
 * name everywhere a built-in one is: {@code verify}, {@code converge}, {@code sample}, {@code integrate},
 * {@code bench}. The registry is process-wide and thread-safe.
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

    private static final Map<String, Supplier<Solver>> BUILT_IN = new LinkedHashMap<>();
    /** Registered at run time; guarded by the class lock. */
    private static final Map<String, Supplier<Solver>> REGISTERED = new LinkedHashMap<>();

    static {
        BUILT_IN.put("euler", () -> ExplicitRungeKutta.EULER);
        BUILT_IN.put("heun", () -> ExplicitRungeKutta.HEUN);
        BUILT_IN.put("rk4", () -> ExplicitRungeKutta.RK4);
        BUILT_IN.put("rk45", () -> DormandPrince54.INSTANCE);
        BUILT_IN.put("ddim", () -> new Ddim(0));
        BUILT_IN.put("dpm-solver-1", () -> new DpmSolver(1));
        BUILT_IN.put("dpm-solver-2", () -> new DpmSolver(2));
        BUILT_IN.put("dpm-solver-3", () -> new DpmSolver(3));
        BUILT_IN.put("dpm-solver++2m", DpmSolverPlusPlus2M::new);
        BUILT_IN.put("sde-dpm-solver++2m", () -> SdeDpmSolverPlusPlus2M.INSTANCE);
        BUILT_IN.put("euler-maruyama", () -> new EulerMaruyama(1));
        BUILT_IN.put("ancestral", () -> Ancestral.INSTANCE);
        BUILT_IN.put("edm-heun", () -> EdmHeun.INSTANCE);
        BUILT_IN.put("edm-stochastic", EdmStochastic::imageNetDefaults);
        BUILT_IN.put("pc", () -> new PredictorCorrector(new EulerMaruyama(1), 1, 0.16));
    }

    /** The built-in names, in a stable order. */
    public static final List<String> NAMES = List.copyOf(BUILT_IN.keySet());

    private Solvers() {
    }

    /**
     * Registers a solver under its name. The factory is called once here, to check that it yields a solver whose
     * {@link Solver#name()} is {@code name}, so a broken factory fails at registration, not in the middle of a run.
     *
     * @param name    the name, as {@link Solver#name()} returns it: letters, digits and {@code - + . _}
     * @param factory makes a new solver (or returns a shared immutable one)
     * @throws IllegalArgumentException if the name is malformed, taken by a built-in or an earlier registration,
     *                                  or the factory fails or yields a solver of another name
     */
    public static synchronized void register(String name, Supplier<Solver> factory) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9+._-]*")) {
            throw new IllegalArgumentException("solver name '" + name + "': expected letters, digits and - + . _");
        }
        if (BUILT_IN.containsKey(name)) {
            throw new IllegalArgumentException("solver name '" + name + "' is a built-in solver's; choose another");
        }
        if (REGISTERED.containsKey(name)) {
            throw new IllegalArgumentException("solver '" + name + "' is already registered");
        }
        Solver solver;
        try {
            solver = factory.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the factory of solver '" + name + "' failed: " + e, e);
        }
        if (solver == null || !name.equals(solver.name())) {
            throw new IllegalArgumentException("the factory registered as '" + name + "' yields "
                    + (solver == null ? "null" : "a solver named '" + solver.name() + "'"));
        }
        REGISTERED.put(name, factory);
    }

    /**
     * Removes a registration (for tests and long-lived hosts that reload plugins).
     *
     * @param name a registered name
     * @return whether it was registered
     */
    public static synchronized boolean unregister(String name) {
        return REGISTERED.remove(name) != null;
    }

    /** @return every accepted name: the built-in ones, then the registered ones in registration order */
    public static synchronized List<String> names() {
        List<String> all = new ArrayList<>(NAMES);
        all.addAll(REGISTERED.keySet());
        return List.copyOf(all);
    }

    /**
     * @param name a built-in or registered name
     * @return whether the name is a built-in solver's
     */
    public static boolean isBuiltIn(String name) {
        return BUILT_IN.containsKey(name);
    }

    /**
     * @param name one of {@link #names()}
     * @return a solver: a built-in one with its default parameters, or the registered factory's
     * @throws IllegalArgumentException naming the unknown value and listing the valid ones
     */
    public static Solver byName(String name) {
        return factory(name).get();
    }

    /**
     * @param name one of {@link #names()}
     * @return its factory
     * @throws IllegalArgumentException naming the unknown value and listing the valid ones
     */
    public static synchronized Supplier<Solver> factory(String name) {
        Supplier<Solver> factory = BUILT_IN.containsKey(name) ? BUILT_IN.get(name) : REGISTERED.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown solver '" + name + "'; expected one of " + names()
                    + " (a plugin's solvers are added with --plugin PATH.jar)");
        }
        return factory;
    }

    /** @return every built-in solver, in the order of {@link #NAMES} */
    public static List<Solver> all() {
        return NAMES.stream().map(Solvers::byName).toList();
    }
}
