package io.github.diffusion4j.learn;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.diffusion4j.io.InputFormatException;
import io.github.diffusion4j.io.Npy;
import io.github.diffusion4j.io.Npz;
import io.github.diffusion4j.io.Safetensors;

/**
 * An {@link Mlp} as a safetensors file: tensors {@code layers.L.weight} (out × in) and {@code layers.L.bias} (out),
 * and the architecture in {@code __metadata__} — {@code format = diffusion4j-mlp-eps}, {@code dimension},
 * {@code frequencies}, {@code hidden} (comma-separated widths), {@code activation}, {@code t_min}, {@code t_max} and
 * the {@code schedule} it was trained on. A PyTorch model with the same layout loads as well, and so does a NumPy
 * {@code .npz} archive with the same names ({@link #load}).
 */
public final class MlpFiles {

    /** The value of the {@code format} metadata key. */
    public static final String FORMAT = "diffusion4j-mlp-eps";

    private MlpFiles() {
    }

    /**
     * @param mlp      the network
     * @param schedule the name of the schedule it was trained on
     * @param file     the file, replaced if present
     */
    public static void save(Mlp mlp, String schedule, Path file) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("dimension", Integer.toString(mlp.dimension()));
        metadata.put("frequencies", Integer.toString(mlp.frequencies()));
        metadata.put("hidden", String.join(",", Arrays.stream(mlp.hidden()).mapToObj(Integer::toString).toList()));
        metadata.put("activation", mlp.activation().name().toLowerCase(Locale.ROOT));
        metadata.put("t_min", Double.toString(mlp.tMin()));
        metadata.put("t_max", Double.toString(mlp.tMax()));
        metadata.put("schedule", schedule);
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        double[] p = mlp.parameters();
        for (int l = 0; l < mlp.layers(); l++) {
            int in = mlp.width(l);
            int out = mlp.width(l + 1);
            tensors.put("layers." + l + ".weight", new Safetensors.Tensor(new int[] {out, in},
                    Arrays.copyOfRange(p, mlp.weightOffset(l), mlp.weightOffset(l) + out * in)));
            tensors.put("layers." + l + ".bias", new Safetensors.Tensor(new int[] {out},
                    Arrays.copyOfRange(p, mlp.biasOffset(l), mlp.biasOffset(l) + out)));
        }
        Safetensors.write(file, tensors, metadata);
    }

    /** A network read from a file, with the schedule it was trained on. */
    public record Loaded(Mlp mlp, String schedule) {
    }

    /**
     * Reads a network from safetensors (as {@link #save} writes) or from a NumPy {@code .npz} archive (by the file
     * name's extension). In an {@code .npz} the tensors are entries of the same names and the metadata are entries
     * too: strings for {@code format}, {@code activation} and {@code schedule}, numbers (0-d arrays) for
     * {@code dimension}, {@code frequencies}, {@code t_min} and {@code t_max}, an integer array for {@code hidden} —
     * what {@code numpy.savez(file, **tensors, format="diffusion4j-mlp-eps", hidden=[64, 64], …)} writes.
     *
     * @param file a {@code .safetensors} file written by {@link #save} (or with the same layout), or an {@code .npz}
     * @return the network and its schedule's name
     * @throws InputFormatException naming the file and the missing or inconsistent field or tensor
     */
    public static Loaded load(Path file) {
        if (file.getFileName().toString().endsWith(".npz")) {
            Npz.Contents contents = Npz.read(file);
            Map<String, String> meta = new LinkedHashMap<>(contents.texts());
            Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, Npy.Array> entry : contents.arrays().entrySet()) {
                Npy.Array array = entry.getValue();
                if (array.shape().length == 0) {
                    meta.put(entry.getKey(), number(array.values()[0]));
                } else if (entry.getKey().equals("hidden")) {
                    meta.put("hidden", String.join(",", Arrays.stream(array.values()).mapToObj(MlpFiles::number)
                            .toList()));
                } else {
                    tensors.put(entry.getKey(), new Safetensors.Tensor(array.shape(), array.values()));
                }
            }
            return load(file, meta, tensors);
        }
        Safetensors.Contents contents = Safetensors.read(file);
        return load(file, contents.metadata(), contents.tensors());
    }

    /** A metadata number as text: integers without a fraction, so that "64" and 64.0 read alike. */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static Loaded load(Path file, Map<String, String> meta, Map<String, Safetensors.Tensor> tensors) {
        if (!FORMAT.equals(meta.get("format"))) {
            throw new InputFormatException(file + ": metadata 'format' is " + meta.get("format") + ", expected "
                    + FORMAT);
        }
        try {
            int dimension = Integer.parseInt(required(file, meta, "dimension"));
            int frequencies = Integer.parseInt(required(file, meta, "frequencies"));
            int[] hidden = Arrays.stream(required(file, meta, "hidden").split(",")).map(String::strip)
                    .mapToInt(Integer::parseInt).toArray();
            Activation activation = Activation.valueOf(required(file, meta, "activation").toUpperCase(Locale.ROOT));
            double tMin = Double.parseDouble(required(file, meta, "t_min"));
            double tMax = Double.parseDouble(required(file, meta, "t_max"));
            double[] parameters = new double[Mlp.parameterCount(dimension, frequencies, hidden)];
            Mlp mlp = new Mlp(dimension, frequencies, hidden, activation, tMin, tMax, parameters);
            for (int l = 0; l < mlp.layers(); l++) {
                copy(file, tensors, "layers." + l + ".weight", new int[] {mlp.width(l + 1), mlp.width(l)},
                        parameters, mlp.weightOffset(l));
                copy(file, tensors, "layers." + l + ".bias", new int[] {mlp.width(l + 1)}, parameters,
                        mlp.biasOffset(l));
            }
            if (tensors.size() != 2 * mlp.layers()) {
                throw new InputFormatException(file + ": expected " + 2 * mlp.layers() + " tensors, found "
                        + tensors.keySet());
            }
            return new Loaded(mlp, required(file, meta, "schedule"));
        } catch (IllegalArgumentException e) {
            if (e instanceof InputFormatException) {
                throw e;
            }
            throw new InputFormatException(file + ": bad architecture metadata: " + e.getMessage(), e);
        }
    }

    private static String required(Path file, Map<String, String> meta, String key) {
        String value = meta.get(key);
        if (value == null) {
            throw new InputFormatException(file + ": metadata '" + key + "' is missing");
        }
        return value;
    }

    private static void copy(Path file, Map<String, Safetensors.Tensor> tensors, String name, int[] shape,
                             double[] target, int offset) {
        Safetensors.Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new InputFormatException(file + ": tensor '" + name + "' is missing");
        }
        if (!Arrays.equals(tensor.shape(), shape)) {
            throw new InputFormatException(file + ": tensor '" + name + "' has shape " + Arrays.toString(tensor.shape())
                    + ", the metadata's architecture needs " + Arrays.toString(shape));
        }
        System.arraycopy(tensor.values(), 0, target, offset, tensor.values().length);
    }
}
