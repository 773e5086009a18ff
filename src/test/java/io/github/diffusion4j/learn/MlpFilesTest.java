package io.github.diffusion4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.diffusion4j.io.InputFormatException;
import io.github.diffusion4j.io.Npz;
import io.github.diffusion4j.io.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved network loads back bit for bit with its architecture; inconsistent files are rejected by name. */
class MlpFilesTest {

    @TempDir
    Path dir;

    @Test
    void roundTrip() {
        Mlp mlp = DsmTrainer.initialise(3, 2, new int[] {7, 5}, Activation.GELU, 1e-3, 0.9, 4);
        Path file = dir.resolve("m.safetensors");
        MlpFiles.save(mlp, "ve", file);
        MlpFiles.Loaded loaded = MlpFiles.load(file);
        assertEquals("ve", loaded.schedule());
        assertArrayEquals(mlp.parameters(), loaded.mlp().parameters(), 0.0);
        assertArrayEquals(new int[] {7, 5}, loaded.mlp().hidden());
        assertEquals(Activation.GELU, loaded.mlp().activation());
        assertEquals(0.9, loaded.mlp().tMax(), 0.0);
    }

    /**
     * An .npz written by NumPy's savez_compressed (src/test/resources/npz/make_fixtures.py) loads, and its forward
     * pass equals the one NumPy computed from the definition. Tolerance: both sides round a 3-layer network of
     * width ≤ 16 with |activations| ≲ 3 — a few hundred ulp of the output at most; 1e-13 absolute.
     */
    @Test
    void numpyArchiveLoadsAndMatchesNumpysForwardPass() {
        MlpFiles.Loaded loaded = MlpFiles.load(Path.of("src/test/resources/npz/mlp-silu.npz"));
        Mlp mlp = loaded.mlp();
        assertEquals("vp-linear", loaded.schedule());
        assertEquals(Activation.SILU, mlp.activation());
        assertArrayEquals(new int[] {16, 8}, mlp.hidden());
        assertEquals(3, mlp.frequencies());
        assertEquals(1e-3, mlp.tMin(), 0.0);
        Npz.Contents check = Npz.read(Path.of("src/test/resources/npz/mlp-silu-check.npz"));
        double[] z = check.arrays().get("z").values();
        double[] t = check.arrays().get("t").values();
        double[] expected = check.arrays().get("eps").values();
        double[] eps = new double[expected.length];
        mlp.forward(t, z, t.length, eps, new Mlp.Workspace());
        assertArrayEquals(expected, eps, 1e-13);
    }

    @Test
    void aShapeThatContradictsTheMetadataIsRejected() {
        Mlp mlp = DsmTrainer.initialise(2, 1, new int[] {4}, Activation.SILU, 0, 1, 1);
        Path file = dir.resolve("m.safetensors");
        MlpFiles.save(mlp, "vp-linear", file);
        Safetensors.Contents c = Safetensors.read(file);
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>(c.tensors());
        tensors.put("layers.0.bias", new Safetensors.Tensor(new int[] {3}, new double[3]));
        Safetensors.write(file, tensors, c.metadata());
        InputFormatException e = assertThrows(InputFormatException.class, () -> MlpFiles.load(file));
        assertTrue(e.getMessage().contains("'layers.0.bias'") && e.getMessage().contains("[4]"), e.getMessage());
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.remove("hidden");
        Safetensors.write(file, c.tensors(), meta);
        assertTrue(assertThrows(InputFormatException.class, () -> MlpFiles.load(file)).getMessage()
                .contains("'hidden' is missing"));
    }
}
