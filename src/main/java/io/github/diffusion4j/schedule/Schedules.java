package io.github.diffusion4j.schedule;

import java.util.List;

/**
 * The built-in continuous schedules by name, with the defaults of docs/THEORY.md §1. These names are part of the command
 * line contract ({@code --schedule NAME}).
 *
 * <table>
 *   <caption>Built-in schedules</caption>
 *   <tr><th>name</th><th>α(t)</th><th>σ(t)</th><th>domain</th></tr>
 *   <tr><td>vp-linear</td><td>exp(−¼t²(β₁−β₀) − ½tβ₀), β₀ = 0.1, β₁ = 20</td><td>√(1−α²)</td><td>[0, 1]</td></tr>
 *   <tr><td>vp-cosine</td><td>cos φ(t)/cos φ(0), s = 0.008</td><td>√(1−α²)</td><td>[0, ≈0.998]</td></tr>
 *   <tr><td>ve</td><td>1</td><td>0.01 · 5000^t</td><td>[0, 1]</td></tr>
 *   <tr><td>sub-vp</td><td>as vp-linear</td><td>1−α²</td><td>[0, 1]</td></tr>
 *   <tr><td>ou</td><td>e^{−t}</td><td>√(1−e^{−2t})</td><td>[0, 5]</td></tr>
 *   <tr><td>ddpm-limit</td><td>e^{−t/2}</td><td>√(1−e^{−t})</td><td>[0, 10]</td></tr>
 *   <tr><td>linear</td><td>1−t</td><td>t</td><td>[0, 1]</td></tr>
 *   <tr><td>edm</td><td>1</td><td>t</td><td>[0, 80]</td></tr>
 * </table>
 * The OU and DDPM-limit horizons are chosen so that {@code α(T) = e^{−5} ≈ 0.0067}, which makes {@code p_T} close
 * to {@code N(0, I)} for data of unit scale.
 */
public final class Schedules {

    /** The names accepted by {@link #byName(String)}, in the order of docs/THEORY.md's table. */
    public static final List<String> NAMES =
            List.of("vp-linear", "vp-cosine", "ve", "sub-vp", "ou", "ddpm-limit", "linear", "edm");

    private Schedules() {
    }

    /**
     * @param name one of {@link #NAMES}
     * @return a new instance of that schedule with its default parameters
     * @throws IllegalArgumentException naming the unknown value and listing the valid ones
     */
    public static NoiseSchedule byName(String name) {
        switch (name) {
            case "vp-linear":
                return VpLinearSchedule.standard();
            case "vp-cosine":
                return VpCosineSchedule.standard();
            case "ve":
                return VeGeometricSchedule.standard();
            case "sub-vp":
                return SubVpSchedule.standard();
            case "ou":
                return VpLinearSchedule.ornsteinUhlenbeck(5.0);
            case "ddpm-limit":
                return VpLinearSchedule.ddpmLimit(10.0);
            case "linear":
                return new LinearInterpolantSchedule();
            case "edm":
                return EdmSchedule.standard();
            default:
                throw new IllegalArgumentException("unknown schedule '" + name + "'; expected one of " + NAMES);
        }
    }

    /** @return one default instance of every built-in schedule, in the order of {@link #NAMES} */
    public static List<NoiseSchedule> all() {
        return NAMES.stream().map(Schedules::byName).toList();
    }
}
