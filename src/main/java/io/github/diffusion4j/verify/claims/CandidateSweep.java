package io.github.diffusion4j.verify.claims;

import java.util.Locale;
import java.util.Map;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.verify.CandidateModel;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.VerificationContext;

/**
 * The sweep of the score-matching identities T2–T4: every problem × schedule of the context × time at the given
 * fractions of the schedule's domain, where a claim draws its samples once per setting, then tests every candidate
 * model of the context on those same draws (common random numbers), in that order.
 */
final class CandidateSweep {

    private CandidateSweep() {
    }

    /** One problem × schedule × time, with the ground truth of the pair. */
    record Setting(String problem, GaussianMixture mixture, String scheduleName, NoiseSchedule schedule,
                   GroundTruth truth, double t) {

        /** @return "candidate / problem / schedule / t = …", the configuration of one test */
        String label(CandidateModel candidate) {
            return String.format(Locale.ROOT, "%s / %s / %s / t = %.3g", candidate.name(), problem, scheduleName, t);
        }
    }

    /** What a claim does once per setting: draw its samples, then return the test of one candidate on them. */
    interface Draw {
        CandidateTest at(Setting setting);
    }

    /** The test of one candidate model at the setting it was made for. */
    interface CandidateTest {
        void run(ScoreModel model, String label);
    }

    /** @return the number of candidate tests the sweep runs: candidates × problems × schedules × fractions */
    static int tests(VerificationContext context, double[] fractions) {
        return context.candidates().size() * context.problems().size() * context.schedules().size()
                * fractions.length;
    }

    /**
     * Runs the sweep.
     *
     * @param context   problems, schedules, ground truth and candidates
     * @param fractions times as fractions of each schedule's domain
     * @param draw      the claim's work per setting
     */
    static void run(VerificationContext context, double[] fractions, Draw draw) {
        for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
            for (Map.Entry<String, NoiseSchedule> schedule : context.schedules().entrySet()) {
                GroundTruth truth = context.groundTruth(problem.getValue(), schedule.getValue());
                for (double t : Times.fractions(schedule.getValue(), fractions)) {
                    Setting setting = new Setting(problem.getKey(), problem.getValue(), schedule.getKey(),
                            schedule.getValue(), truth, t);
                    CandidateTest test = draw.at(setting);
                    for (CandidateModel candidate : context.candidates()) {
                        test.run(candidate.factory().apply(truth), setting.label(candidate));
                    }
                }
            }
        }
    }
}
