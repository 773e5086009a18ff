"""A client for diffusion4j's exact oracle (``diffusion4j serve``), with no dependency but NumPy.

The server answers exact quantities of the time marginals p_t of a Gaussian mixture under a noise schedule, for a
batch of points per request, so a sampler written in NumPy can use the exact score, posterior mean, noise
prediction or velocity, draw exact samples of p_t, and have its own samples assessed against the exact law::

    from diffusion4j_client import Oracle

    oracle = Oracle("http://127.0.0.1:8765")
    eps = oracle.eps(x, 0.5)                 # (n, d): the exact noise prediction at t = 0.5
    coefficients = oracle.schedule(0.5)      # alpha, sigma, log_snr, ... at t = 0.5
    report = oracle.assess(samples, 0.01)    # cross-entropy, k-NN KL, MMD, sliced W2, KS, mode coverage

Points go as float64 ``.npy`` bodies (``numpy.save`` / ``numpy.load``), so answers carry the server's bits.
Errors the server reports (HTTP 400 naming the bad value, 401, 404, ...) raise :class:`OracleError`.
"""
import io
import json
import urllib.error
import urllib.parse
import urllib.request

import numpy as np

__all__ = ["Oracle", "OracleError", "row"]

NPY = "application/x-npy"
JSON = "application/json"


class OracleError(Exception):
    """A request the server refused: ``status`` is the HTTP status, ``message`` the server's explanation."""

    def __init__(self, status, message):
        super().__init__("HTTP %d: %s" % (status, message))
        self.status = status
        self.message = message


def row(assessment, metric, index=-1):
    """The row of an assessment (as returned by :meth:`Oracle.assess`) for ``metric`` (and ``index``)."""
    for r in assessment["rows"]:
        if r["metric"] == metric and r["index"] == index:
            return r
    raise KeyError("no row %r (index %d); rows: %s" % (metric, index, sorted({r["metric"] for r in assessment["rows"]})))


class Oracle:
    """The exact oracle at ``url`` (e.g. ``http://127.0.0.1:8765``); ``token`` if the server was started with one.

    ``format`` chooses how points travel: ``"npy"`` (binary, exact, the default) or ``"json"`` (for small requests;
    also exact, since JSON numbers round-trip doubles).
    """

    def __init__(self, url, token=None, timeout=60.0, format="npy"):
        if format not in ("npy", "json"):
            raise ValueError("format must be 'npy' or 'json', got %r" % (format,))
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.format = format

    # -- the exact quantities -----------------------------------------------------------------------------------

    def eval(self, quantity, x, t):
        """``quantity`` (log-density, score, posterior-mean, divergence, responsibilities, velocity, eps, x0, v) at
        the points ``x`` — shape (n, d), or (d,) for one point — at time ``t``; (n, width), or (width,)."""
        points = np.ascontiguousarray(x, dtype=np.float64)
        if points.ndim not in (1, 2):
            raise ValueError("points must have shape (n, d) or (d,), got %s" % (points.shape,))
        single = points.ndim == 1
        batch = points.reshape(1, -1) if single else points
        query = "/v1/eval?" + urllib.parse.urlencode({"quantity": quantity, "t": repr(float(t))})
        if self.format == "npy":
            values = self._load(self._request("POST", query, _npy_bytes(batch), NPY))
        else:
            answer = json.loads(self._request("POST", query, json.dumps({"points": batch.tolist()}).encode(), JSON))
            values = np.array(answer["values"], dtype=np.float64).reshape(batch.shape[0], -1)
        return values[0] if single else values

    def score(self, x, t):
        """∇ log p_t(x)."""
        return self.eval("score", x, t)

    def x0(self, x, t):
        """The posterior mean E[x₀ | z_t = x]."""
        return self.eval("x0", x, t)

    def eps(self, x, t):
        """The noise prediction ε̂ = −σ_t ∇ log p_t(x)."""
        return self.eval("eps", x, t)

    def v(self, x, t):
        """The v-prediction α_t ε̂ − σ_t x̂₀."""
        return self.eval("v", x, t)

    def velocity(self, x, t):
        """The probability-flow velocity f z − ½ g² ∇ log p_t(z)."""
        return self.eval("velocity", x, t)

    def log_density(self, x, t):
        """log p_t(x): shape (n,), or a number for one point."""
        return self._column(self.eval("log-density", x, t))

    def divergence(self, x, t):
        """The divergence of the score (the trace of the Hessian of log p_t): shape (n,)."""
        return self._column(self.eval("divergence", x, t))

    def responsibilities(self, x, t):
        """The posterior probabilities of the components: shape (n, K)."""
        return self.eval("responsibilities", x, t)

    # -- samples, schedule, data ----------------------------------------------------------------------------------

    def sample(self, t, n, seed=0):
        """``n`` exact samples of p_t, shape (n, d); the same seed gives the same bits."""
        query = "/v1/sample?" + urllib.parse.urlencode({"t": repr(float(t)), "n": int(n), "seed": int(seed),
                                                         "format": "npy"})
        return self._load(self._request("GET", query))

    def schedule(self, t):
        """The schedule's coefficients at t: alpha, sigma, log_snr, alpha_dot, sigma_dot, drift, diffusion_squared."""
        return json.loads(self._request("GET", "/v1/schedule?" + urllib.parse.urlencode({"t": repr(float(t))})))

    def info(self):
        """The data (weights, means, covariances), the schedule, the quantities and the server's limits."""
        return json.loads(self._request("GET", "/v1/info"))

    # -- assessment -------------------------------------------------------------------------------------------------

    def assess(self, samples, t):
        """``samples`` (n, d) against the exact p_t: the rows of ``diffusion4j assess`` as a dict."""
        points = np.ascontiguousarray(samples, dtype=np.float64)
        if points.ndim != 2:
            raise ValueError("samples must have shape (n, d), got %s" % (points.shape,))
        query = "/v1/assess?" + urllib.parse.urlencode({"t": repr(float(t))})
        return json.loads(self._request("POST", query, _npy_bytes(points), NPY))

    def assess_gaussian(self, mean, covariance, t):
        """The exact KL(q ‖ p_t) and W2 of the Gaussian law q = N(mean, covariance), for one-component data."""
        body = json.dumps({"mean": np.asarray(mean, dtype=np.float64).tolist(),
                           "covariance": np.asarray(covariance, dtype=np.float64).tolist()}).encode()
        query = "/v1/assess?" + urllib.parse.urlencode({"t": repr(float(t))})
        return json.loads(self._request("POST", query, body, JSON))

    # -- transport --------------------------------------------------------------------------------------------------

    def request(self, method, path, body=None, content_type=None):
        """A raw request: the answer's bytes, or :class:`OracleError` with the server's message."""
        return self._request(method, path, body, content_type)

    def _request(self, method, path, body=None, content_type=None):
        headers = {}
        if content_type is not None:
            headers["Content-Type"] = content_type
        if self.token is not None:
            headers["Authorization"] = "Bearer " + self.token
        request = urllib.request.Request(self.url + path, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as e:
            payload = e.read()
            try:
                message = json.loads(payload)["error"]
            except (ValueError, KeyError, TypeError):
                message = payload.decode("utf-8", "replace")
            raise OracleError(e.code, message) from None

    @staticmethod
    def _load(payload):
        return np.load(io.BytesIO(payload), allow_pickle=False)

    @staticmethod
    def _column(values):
        return values[..., 0] if values.ndim == 2 else values[0]


def _npy_bytes(array):
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()
