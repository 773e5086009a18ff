"""Writes the .npz/.npy fixtures of NpzTest and MlpFilesTest with NumPy itself (run from the repository root:
python3 src/test/resources/npz/make_fixtures.py). The MLP's expected output is computed here, in NumPy, from the
definition in Mlp's Javadoc: input [z, sin(2^j pi u), cos(2^j pi u)] with u = (t - t_min)/(t_max - t_min), hidden
layers W x + b followed by SiLU, a linear output layer."""
import numpy as np

rng = np.random.default_rng(20261123)
d, frequencies, hidden = 2, 3, [16, 8]
widths = [d + 2 * frequencies] + hidden + [d]
weights = {}
for layer in range(len(widths) - 1):
    weights[f"layers.{layer}.weight"] = rng.normal(0, 1 / np.sqrt(widths[layer]), (widths[layer + 1], widths[layer]))
    weights[f"layers.{layer}.bias"] = rng.normal(0, 0.1, widths[layer + 1])

t_min, t_max = 1e-3, 1.0
z = rng.normal(0, 1, (5, d))
t = np.array([0.001, 0.2, 0.5, 0.77, 1.0])
u = (t - t_min) / (t_max - t_min)
angles = np.pi * (2.0 ** np.arange(frequencies))[None, :] * u[:, None]
embedding = np.stack([np.sin(angles), np.cos(angles)], axis=2).reshape(5, 2 * frequencies)
x = np.concatenate([z, embedding], axis=1)
for layer in range(len(widths) - 1):
    x = x @ weights[f"layers.{layer}.weight"].T + weights[f"layers.{layer}.bias"]
    if layer < len(widths) - 2:
        x = x / (1 + np.exp(-x))

np.savez_compressed("src/test/resources/npz/mlp-silu.npz", **weights, format="diffusion4j-mlp-eps", dimension=d,
                    frequencies=frequencies, hidden=np.array(hidden), activation="silu", t_min=t_min, t_max=t_max,
                    schedule="vp-linear")
np.savez("src/test/resources/npz/mlp-silu-check.npz", z=z, t=t, eps=x)
np.savez("src/test/resources/npz/mixed.npz", a=np.arange(6.0).reshape(2, 3), b=np.float32(0.5), name="ring8",
         n=np.int32(7))
np.save("src/test/resources/npy/c16-2.npy", np.array([1 + 2j, 3 - 1j]))
np.save("src/test/resources/npy/bool-2.npy", np.array([True, False]))
