"""Writes mlp-eps.onnx, a tiny noise-predicting MLP as PyTorch's exporter would lay it out, and NumPy's own
evaluation of it (mlp-eps-check.npz). Needs only NumPy: the ONNX protobuf is encoded by hand below (wire format of
onnx.proto: ModelProto > GraphProto > NodeProto / TensorProto / ValueInfoProto), since neither onnx nor torch can be
installed without network access. Run from onnx/: python3 src/test/resources/make_mlp_onnx.py

Graph (opset 13, float32):  x = Concat(z, t; axis 1) -> Gemm(W1, b1, transB) -> Tanh -> Gemm(W2, b2, transB) -> eps
with inputs z [N, 2] and t [N, 1], output eps [N, 2]."""
import numpy as np


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field(number, wire, payload):
    key = varint(number << 3 | wire)
    if wire == 0:
        return key + varint(payload)
    return key + varint(len(payload)) + payload


def string(number, text):
    return field(number, 2, text.encode())


def message(number, body):
    return field(number, 2, body)


FLOAT = 1


def tensor(name, array):
    body = b"".join(field(1, 0, d) for d in array.shape)
    body += field(2, 0, FLOAT) + string(8, name) + field(9, 2, array.astype("<f4").tobytes())
    return body


def value_info(name, dims):
    shape = b"".join(message(1, string(2, d) if isinstance(d, str) else field(1, 0, d)) for d in dims)
    tensor_type = field(1, 0, FLOAT) + message(2, shape)
    return string(1, name) + message(2, message(1, tensor_type))


def node(op, inputs, outputs, name, attributes=()):
    body = b"".join(string(1, i) for i in inputs) + b"".join(string(2, o) for o in outputs)
    body += string(3, name) + string(4, op)
    for attribute_name, value in attributes:  # INT attributes: name (1), i (3), type (20) = INT (2)
        body += message(5, string(1, attribute_name) + field(3, 0, value) + field(20, 0, 2))
    return body


rng = np.random.default_rng(7)
d, hidden = 2, 16
w1 = rng.normal(0, 0.6, (hidden, d + 1)).astype(np.float32)
b1 = rng.normal(0, 0.1, hidden).astype(np.float32)
w2 = rng.normal(0, 0.4, (d, hidden)).astype(np.float32)
b2 = rng.normal(0, 0.1, d).astype(np.float32)

graph = b"".join(message(1, n) for n in [
    node("Concat", ["z", "t"], ["x"], "concat", [("axis", 1)]),
    node("Gemm", ["x", "w1", "b1"], ["h"], "fc1", [("transB", 1)]),
    node("Tanh", ["h"], ["a"], "tanh"),
    node("Gemm", ["a", "w2", "b2"], ["eps"], "fc2", [("transB", 1)]),
])
graph += string(2, "mlp_eps")
graph += b"".join(message(5, tensor(name, array)) for name, array in [("w1", w1), ("b1", b1), ("w2", w2), ("b2", b2)])
graph += message(11, value_info("z", ["N", d])) + message(11, value_info("t", ["N", 1]))
graph += message(12, value_info("eps", ["N", d]))
model = field(1, 0, 8) + string(2, "diffusion4j-make_mlp_onnx") + message(7, graph)
model += message(8, string(1, "") + field(2, 0, 13))
with open("src/test/resources/mlp-eps.onnx", "wb") as f:
    f.write(model)

z = rng.normal(0, 1, (7, d))
t = np.linspace(0.05, 0.95, 7)
x = np.concatenate([z, t[:, None]], axis=1).astype(np.float32).astype(np.float64)
eps = np.tanh(x @ w1.T.astype(np.float64) + b1) @ w2.T.astype(np.float64) + b2
np.savez("src/test/resources/mlp-eps-check.npz", z=z, t=t, eps=eps)
