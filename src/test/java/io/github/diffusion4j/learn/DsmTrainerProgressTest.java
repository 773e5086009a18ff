package io.github.diffusion4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.schedule.Schedules;
import org.junit.jupiter.api.Test;

/** Training reports every step with its loss, and reporting changes nothing. */
class DsmTrainerProgressTest {

    @Test
    void everyStepIsReportedWithItsLossAndTheNetworkIsUnchanged() {
        Mlp plain = DsmTrainer.initialise(2, 4, new int[] {16}, Activation.SILU, 1e-3, 1.0, 7);
        Mlp watched = DsmTrainer.initialise(2, 4, new int[] {16}, Activation.SILU, 1e-3, 1.0, 7);
        DsmTrainer.Result expected = new DsmTrainer().steps(40).batchSize(32).seed(3)
                .train(plain, BuiltinMixtures.ring8(), Schedules.byName("vp-linear"));
        List<double[]> reports = new ArrayList<>();
        new DsmTrainer().steps(40).batchSize(32).seed(3)
                .progress((done, total, loss) -> reports.add(new double[] {done, total, loss}))
                .train(watched, BuiltinMixtures.ring8(), Schedules.byName("vp-linear"));
        assertArrayEquals(plain.parameters(), watched.parameters());
        double[] losses = new double[40];
        for (int i = 0; i < 40; i++) {
            assertArrayEquals(new double[] {i + 1, 40}, new double[] {reports.get(i)[0], reports.get(i)[1]});
            losses[i] = reports.get(i)[2];
        }
        assertArrayEquals(expected.losses(), losses);
    }
}
