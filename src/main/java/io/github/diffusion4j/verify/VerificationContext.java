package io.github.diffusion4j.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.DiscreteChain;
import io.github.diffusion4j.schedule.DiscreteDdpmSchedule;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.PerturbedScoreModel;
import io.github.diffusion4j.solve.Ddim;
import io.github.diffusion4j.solve.EulerMaruyama;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.Solvers;

/**
 * Everything a claim runs on: data problems, schedules, solvers, the ground truth, the discrete chain, candidate score
 * models, sample sizes and a seed — each replaceable, so a test can run the catalogue against deliberately broken
 * components and show it catches them.
 *
 * <p>Defaults: the problems {@code bimodal1d}, {@code ring8} and {@code mixture8d} (the 1-D bimodal mixture,
 * 2-D ring of 8 and d = 8 full-covariance mixture with unequal weights), plus {@code gauss2} for claims that are exact
 * only for Gaussian data; the schedules {@code vp-linear}, {@code ve} and {@code linear} as the main set and every
 * built-in schedule for claims about schedules; every solver of the registry {@link Solvers} (built-in and
 * registered); {@link ExactGroundTruth}; Ho et al.'s DDPM chain;
 * four candidate models (the exact score, a perturbed score {@code 1.1 s + 0.05}, the score of the moment-matched
 * Gaussian, and a small MLP trained by denoising score matching on the problem at hand).
 *
 * <p>Solvers under test: the solver claims ({@link SolverClaim}) check their own built-in subjects plus every solver
 * that is not built in (a plugin's, or one added with {@link Builder#solver}); with
 * {@link Builder#solversUnderTest} they check exactly the named solvers instead ({@code verify --solver NAME}).
 */
public final class VerificationContext {

    /**
     * Built-in solvers at interior values of their stochasticity parameter, where a coefficient that is right only
     * at η ∈ {0, 1} shows: DDIM and Euler–Maruyama at η = ½, in this order. They are in every default context under these names,
     * count as built in (the solver claims that list them check them; the others do not add them as user solvers),
     * and can be named with {@code verify --solver}.
     */
    public static final Map<String, Supplier<Solver>> PARAMETER_VARIANTS = parameterVariants();

    private final Map<String, GaussianMixture> problems;
    private final GaussianMixture gaussianProblem;
    private final Map<String, NoiseSchedule> schedules;
    private final Map<String, NoiseSchedule> allSchedules;
    private final Map<String, Supplier<Solver>> solvers;
    private final BiFunction<GaussianMixture, NoiseSchedule, GroundTruth> groundTruth;
    private final DiscreteChain chain;
    private final List<CandidateModel> candidates;
    private final List<Claim> extraClaims;
    private final List<String> solversUnderTest;
    private final boolean thorough;
    private final long seed;

    private VerificationContext(Builder b) {
        this.problems = new LinkedHashMap<>(b.problems);
        this.gaussianProblem = b.gaussianProblem;
        this.schedules = new LinkedHashMap<>(b.schedules);
        this.allSchedules = new LinkedHashMap<>(b.allSchedules);
        this.solvers = new LinkedHashMap<>(b.solvers);
        this.groundTruth = b.groundTruth;
        this.chain = b.chain;
        this.candidates = List.copyOf(b.candidates);
        this.extraClaims = List.copyOf(b.extraClaims);
        this.solversUnderTest = List.copyOf(b.solversUnderTest);
        this.thorough = b.thorough;
        this.seed = b.seed;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the default context */
    public static VerificationContext defaults() {
        return builder().build();
    }

    /** @return the data problems by name, in order */
    public Map<String, GaussianMixture> problems() {
        return problems;
    }

    /** @return a single-Gaussian problem for claims exact only on Gaussian data */
    public GaussianMixture gaussianProblem() {
        return gaussianProblem;
    }

    /** @return the main schedules by name */
    public Map<String, NoiseSchedule> schedules() {
        return schedules;
    }

    /** @return every schedule, for claims about schedules */
    public Map<String, NoiseSchedule> allSchedules() {
        return allSchedules;
    }

    /** @return solver factories by name */
    public Map<String, Supplier<Solver>> solvers() {
        return solvers;
    }

    /**
     * @param name a solver name
     * @return a new instance
     */
    public Solver solver(String name) {
        Supplier<Solver> factory = solvers.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("no solver '" + name + "' in the verification context; known: "
                    + solvers.keySet());
        }
        return factory.get();
    }

    /** @return the solvers named by {@link Builder#solversUnderTest}; empty when none were named */
    public List<String> solversUnderTest() {
        return solversUnderTest;
    }

    /**
     * The solvers a solver claim checks: the named solvers under test that it applies to, if any were named; else
     * its own built-in subjects — always, whatever stands under their names (so a test can substitute a broken
     * solver and see the claim fail) — followed by every solver of the context that is not built in and that it
     * applies to.
     *
     * @param builtInSubjects the claim's own subjects, e.g. {@code euler-maruyama}
     * @param applies         whether the claim applies to a solver (e.g. stochastic, fixed-grid)
     * @return solver names, in order, without repetition
     */
    public List<String> subjects(List<String> builtInSubjects, Predicate<Solver> applies) {
        if (!solversUnderTest.isEmpty()) {
            return solversUnderTest.stream().filter(name -> applies.test(solver(name))).toList();
        }
        List<String> names = new ArrayList<>();
        builtInSubjects.stream().filter(solvers::containsKey).forEach(names::add);
        solvers.keySet().stream().filter(name -> !isBuiltIn(name) && !names.contains(name))
                .filter(name -> applies.test(solver(name))).forEach(names::add);
        return names;
    }

    private static Map<String, Supplier<Solver>> parameterVariants() {
        Map<String, Supplier<Solver>> variants = new LinkedHashMap<>();
        variants.put("ddim(eta=0.5)", () -> new Ddim(0.5));
        variants.put("euler-maruyama(eta=0.5)", () -> new EulerMaruyama(0.5));
        return Collections.unmodifiableMap(variants);
    }

    /**
     * @param name a solver name
     * @return whether it names a built-in solver or one of its {@link #PARAMETER_VARIANTS}
     */
    public static boolean isBuiltIn(String name) {
        return Solvers.isBuiltIn(name) || PARAMETER_VARIANTS.containsKey(name);
    }

    /**
     * @param mixture  data
     * @param schedule forward process
     * @return the ground truth for them
     */
    public GroundTruth groundTruth(GaussianMixture mixture, NoiseSchedule schedule) {
        return groundTruth.apply(mixture, schedule);
    }

    /** @return the discrete DDPM chain */
    public DiscreteChain chain() {
        return chain;
    }

    /** @return the candidate models */
    public List<CandidateModel> candidates() {
        return candidates;
    }

    /** @return claims contributed by plugins or registered programmatically */
    public List<Claim> extraClaims() {
        return extraClaims;
    }

    /** @return whether to use the larger sample sizes */
    public boolean thorough() {
        return thorough;
    }

    /**
     * @param quick    size for the default run
     * @param complete size for {@code --thorough}
     * @return the size for this run
     */
    public int samples(int quick, int complete) {
        return thorough ? complete : quick;
    }

    /** @return the base seed; claims derive theirs from it */
    public long seed() {
        return seed;
    }

    /** Builds a context; every component defaults as described on {@link VerificationContext}. */
    public static final class Builder {
        private final Map<String, GaussianMixture> problems = new LinkedHashMap<>();
        private GaussianMixture gaussianProblem = BuiltinMixtures.gauss2();
        private final Map<String, NoiseSchedule> schedules = new LinkedHashMap<>();
        private final Map<String, NoiseSchedule> allSchedules = new LinkedHashMap<>();
        private final Map<String, Supplier<Solver>> solvers = new LinkedHashMap<>();
        private BiFunction<GaussianMixture, NoiseSchedule, GroundTruth> groundTruth = ExactGroundTruth::new;
        private DiscreteChain chain = DiscreteDdpmSchedule.standard();
        private final List<CandidateModel> candidates = new ArrayList<>();
        private final List<Claim> extraClaims = new ArrayList<>();
        private final List<String> solversUnderTest = new ArrayList<>();
        private boolean thorough;
        private long seed = 20_260_101L;

        private Builder() {
            for (String name : new String[] {"bimodal1d", "ring8", "mixture8d"}) {
                problems.put(name, BuiltinMixtures.byName(name));
            }
            for (String name : new String[] {"vp-linear", "ve", "linear"}) {
                schedules.put(name, Schedules.byName(name));
            }
            for (String name : Schedules.NAMES) {
                allSchedules.put(name, Schedules.byName(name));
            }
            for (String name : Solvers.names()) {
                solvers.put(name, Solvers.factory(name));
            }
            solvers.putAll(PARAMETER_VARIANTS);
            candidates.add(new CandidateModel("exact", GroundTruth::scoreModel));
            candidates.add(new CandidateModel("perturbed", truth -> new PerturbedScoreModel(truth.scoreModel(), 1.1,
                    filled(truth.mixture().dimension(), 0.05))));
            candidates.add(new CandidateModel("moment-matched Gaussian", MomentMatchedScoreModel::new));
            candidates.add(TrainedCandidate.create());
        }

        private static double[] filled(int d, double value) {
            double[] b = new double[d];
            java.util.Arrays.fill(b, value);
            return b;
        }

        /**
         * @param name its name
         * @param mixture the mixture
         * @return this, with the problem added or replaced
         */
        public Builder problem(String name, GaussianMixture mixture) {
            problems.put(name, mixture);
            return this;
        }

        /**
         * @param replacement the replacement, by name
         * @return this, with only the given problems
         */
        public Builder onlyProblems(Map<String, GaussianMixture> replacement) {
            problems.clear();
            problems.putAll(replacement);
            return this;
        }

        /**
         * @param mixture the mixture
         * @return this, with another single-Gaussian problem
         */
        public Builder gaussianProblem(GaussianMixture mixture) {
            if (mixture.components() != 1) {
                throw new IllegalArgumentException("the Gaussian problem must have one component, got "
                        + mixture.components());
            }
            this.gaussianProblem = mixture;
            return this;
        }

        /**
         * @param replacement the replacement, by name
         * @return this, with only the given main schedules
         */
        public Builder onlySchedules(Map<String, NoiseSchedule> replacement) {
            schedules.clear();
            schedules.putAll(replacement);
            return this;
        }

        /**
         * Adds or replaces a schedule by name among all schedules (and among the main ones if it is one of them).
         *
         * @param name     the schedule's name, e.g. {@code "ou"}
         * @param schedule the schedule
         * @return this
         */
        public Builder schedule(String name, NoiseSchedule schedule) {
            allSchedules.put(name, schedule);
            schedules.computeIfPresent(name, (key, old) -> schedule);
            return this;
        }

        /**
         * @param name its name
         * @param factory its factory
         * @return this, with the solver added or replaced
         */
        public Builder solver(String name, Supplier<Solver> factory) {
            solvers.put(name, factory);
            return this;
        }

        /**
         * @param names solvers of this context (built-in, registered or added with {@link #solver})
         * @return this, with the solver claims checking exactly these solvers
         */
        public Builder solversUnderTest(List<String> names) {
            solversUnderTest.clear();
            solversUnderTest.addAll(names);
            return this;
        }

        /**
         * @param factory its factory
         * @return this, with another ground truth
         */
        public Builder groundTruth(BiFunction<GaussianMixture, NoiseSchedule, GroundTruth> factory) {
            this.groundTruth = factory;
            return this;
        }

        /**
         * @param discreteChain the chain
         * @return this, with another discrete chain
         */
        public Builder chain(DiscreteChain discreteChain) {
            this.chain = discreteChain;
            return this;
        }

        /**
         * @param model the candidate model
         * @return this, with an extra candidate model
         */
        public Builder candidate(CandidateModel model) {
            candidates.add(model);
            return this;
        }

        /**
         * @param claim the claim
         * @return this, with an extra claim
         */
        public Builder claim(Claim claim) {
            extraClaims.add(claim);
            return this;
        }

        /**
         * @param value the value
         * @return this, with the larger sample sizes
         */
        public Builder thorough(boolean value) {
            this.thorough = value;
            return this;
        }

        /**
         * @param value the value
         * @return this, with another base seed
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * @param plugin the plugin
         * @return this, with the contributions of a plugin
         */
        public Builder plugin(VerificationPlugin plugin) {
            problems.putAll(plugin.problems());
            solvers.putAll(plugin.solvers());
            candidates.addAll(plugin.scoreModels());
            extraClaims.addAll(plugin.claims());
            return this;
        }

        /**
         * @return this, with every plugin on the class path ({@link java.util.ServiceLoader}) and every plugin
         *         loaded from a jar by {@link Plugins#loadJar}
         */
        public Builder discoverPlugins() {
            Plugins.discoverClassPath();
            for (Plugins.LoadedPlugin loaded : Plugins.loaded()) {
                plugin(loaded.plugin());
            }
            return this;
        }

        /** @return the context */
        public VerificationContext build() {
            if (problems.isEmpty() || schedules.isEmpty()) {
                throw new IllegalArgumentException("a verification context needs at least one problem and schedule");
            }
            for (String name : solversUnderTest) {
                if (!solvers.containsKey(name)) {
                    throw new IllegalArgumentException("unknown solver '" + name + "'; known: " + solvers.keySet()
                            + " (a plugin's solvers are added with --plugin PATH.jar)");
                }
            }
            return new VerificationContext(this);
        }
    }
}
