"""Benchmark of the course's layers: `python -m cnn_utils.bench [--epochs N] [--quick] [--no-naive] [--no-torch]`.

In one run, on one machine, it measures:
  (a) the loop convolution (cnn_utils.reference) against the vectorized one (cnn_utils.layers), forward and backward,
      on a few layer sizes, and prints the speed-ups;
  (b) the full model CONV -> RELU -> POOL -> CONV -> RELU -> POOL -> FLATTEN -> DENSE -> SOFTMAX built from
      cnn_utils.layers, trained with Adam on Fashion-MNIST: time per epoch and test accuracy;
  (c) when PyTorch is installed (optional extra: pip install "cnn-utils[bench]"), the same model in PyTorch on the
      CPU, with the same initial weights, mini-batches, optimizer and number of threads, and the ratio of the two
      times per epoch.

Timings on a shared machine vary with what else runs on it: the load average is printed next to every figure.
"""

import argparse
import os
import platform
import time

import numpy as np

from . import layers as L
from . import reference
from .data import load_dataset, random_mini_batches
from .reference import full_model

NAIVE_SIZES = [
    # (label, m, H, W, C_prev, C, f, stride, pad)
    ("28x28x1 -> 16, 3x3, pad 1 (model's conv 1)", 16, 28, 28, 1, 16, 3, 1, 1),
    ("14x14x16 -> 32, 3x3, pad 1 (model's conv 2)", 16, 14, 14, 16, 32, 3, 1, 1),
    ("14x14x8 -> 16, 3x3, pad 1", 16, 14, 14, 8, 16, 3, 1, 1),
    ("32x32x3 -> 16, 5x5, stride 2, pad 2", 8, 32, 32, 3, 16, 5, 2, 2),
]


def _load_average():
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def _load():
    return f"load average {_load_average():.1f} on {os.cpu_count()} cores"


def _cpu_name():
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _best_time(function, repeat, budget=2.0):
    """Shortest of `repeat` runs (the least disturbed by other processes), stopping early after `budget` seconds."""
    best, spent = float("inf"), 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        elapsed = time.perf_counter() - start
        best, spent = min(best, elapsed), spent + elapsed
        if spent > budget:
            break
    return best


# --- (a) loops against vectorized -------------------------------------------------------------------------------

def bench_naive(sizes=NAIVE_SIZES):
    """Print a table: loop and vectorized convolution, forward and backward, float64, on each size."""
    print(f"\n(a) Convolution, loops (cnn_utils.reference) vs vectorized (cnn_utils.layers), float64; {_load()}")
    header = f"{'layer (batch of m)':52} {'loops fwd':>10} {'vect fwd':>10} {'speed-up':>9} " \
             f"{'loops bwd':>10} {'vect bwd':>10} {'speed-up':>9}"
    print(header)
    print("-" * len(header))
    rng = np.random.default_rng(0)
    for label, m, H, W, C_prev, C, f, stride, pad in sizes:
        x = rng.standard_normal((m, H, W, C_prev))
        w = rng.standard_normal((f, f, C_prev, C))
        b = rng.standard_normal(C)
        hparameters = {"stride": stride, "pad": pad}
        start = time.perf_counter()
        z_loops, cache_loops = reference.conv_forward(x, w, b.reshape(1, 1, 1, C), hparameters)
        loops_forward = time.perf_counter() - start
        dz = rng.standard_normal(z_loops.shape)
        start = time.perf_counter()
        dx_loops, dw_loops, _ = reference.conv_backward(dz, cache_loops)
        loops_backward = time.perf_counter() - start
        z, cache = L.conv2d_forward(x, w, b, stride=stride, pad=pad)
        dx, dw, _ = L.conv2d_backward(dz, cache)
        error = max(np.abs(z - z_loops).max(), np.abs(dx - dx_loops).max(), np.abs(dw - dw_loops).max())
        if error > 1e-8:
            raise AssertionError(f"vectorized and loop convolutions differ by {error:.2e} on {label}")
        fast_forward = _best_time(lambda: L.conv2d_forward(x, w, b, stride=stride, pad=pad), 50)
        fast_backward = _best_time(lambda: L.conv2d_backward(dz, cache), 50)
        print(f"{label + f', m={m}':52} {loops_forward * 1e3:8.1f}ms {fast_forward * 1e3:8.3f}ms "
              f"{loops_forward / fast_forward:8.0f}x {loops_backward * 1e3:8.1f}ms {fast_backward * 1e3:8.3f}ms "
              f"{loops_backward / fast_backward:8.0f}x")


# --- (b) the full model in NumPy --------------------------------------------------------------------------------

def _init_params(c1, c2, seed=0):
    """Parameters of CONV(3x3, c1, pad 1) -> POOL 2 -> CONV(3x3, c2, pad 1) -> POOL 2 -> DENSE(7*7*c2 -> 10)."""
    return full_model.initialize_parameters((28, 28, 1), c1, c2, 10, seed=seed)


def _accuracy(params, X, y, batch_size=1000):
    return float(np.mean(full_model.predict(X, params, batch_size) == y))


class _NumpyModel:
    """The full model's reference (cnn_utils.reference.full_model: cnn_utils.layers and Adam)."""

    name = "NumPy"

    def __init__(self, params, lr):
        self.params, self.state, self.lr = params, {}, lr

    def step(self, X_batch, y_batch):
        scores, caches = full_model.model_forward(X_batch, self.params)
        loss, dscores = full_model.compute_loss(scores, y_batch)
        full_model.update_parameters(self.params, full_model.model_backward(dscores, caches), self.state, self.lr)
        return loss

    def set_lr(self, lr):
        self.lr = lr

    def accuracy(self, X, y):
        return _accuracy(self.params, X, y)


class _TorchModel:
    """The same model in PyTorch (NCHW), starting from the same weights as the NumPy one, trained with its Adam."""

    name = "PyTorch"

    def __init__(self, torch, initial, lr):
        self.torch = torch
        c1, c2 = initial["W1"].shape[3], initial["W2"].shape[3]
        nn = torch.nn
        self.model = nn.Sequential(nn.Conv2d(1, c1, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                   nn.Conv2d(c1, c2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                   nn.Flatten(), nn.Linear(7 * 7 * c2, 10))
        # (f, f, C_prev, C) -> (C, C_prev, f, f); the dense rows from (h, w, c) order to PyTorch's (c, h, w).
        weights = {0: initial["W1"].transpose(3, 2, 0, 1), 3: initial["W2"].transpose(3, 2, 0, 1),
                   7: initial["W3"].reshape(7, 7, c2, 10).transpose(3, 2, 0, 1).reshape(10, -1)}
        biases = {0: initial["b1"], 3: initial["b2"], 7: initial["b3"]}
        with torch.no_grad():
            for layer in weights:
                self.model[layer].weight.copy_(torch.from_numpy(np.ascontiguousarray(weights[layer])))
                self.model[layer].bias.copy_(torch.from_numpy(biases[layer]))
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr)

    def step(self, X_batch, y_batch):
        scores = self.model(self.torch.from_numpy(X_batch))
        loss = self.torch.nn.functional.cross_entropy(scores, self.torch.from_numpy(y_batch))
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def set_lr(self, lr):
        for group in self.optimizer.param_groups:
            group["lr"] = lr

    def accuracy(self, X, y):
        with self.torch.no_grad():
            return float(np.mean(self.model(self.torch.from_numpy(X)).argmax(dim=1).numpy() == y))


def _train_epoch(model, X, y, batch_size, seed):
    """One pass over (X, y); returns the mean training loss and the duration of every step."""
    losses, step_times = [], []
    for X_batch, y_batch in random_mini_batches(X, y, batch_size, seed=seed):
        start = time.perf_counter()
        losses.append(model.step(X_batch, y_batch))
        step_times.append(time.perf_counter() - start)
    return float(np.mean(losses)), np.array(step_times)


def bench_models(data, epochs, c1, c2, batch_size, lr, lr_decay, threads, use_torch=True):
    """(b) and (c): train the NumPy model, and the PyTorch one when available, taking turns epoch by epoch (so
    that a change in the machine's load hits both).

    Returns {name: {"epoch": seconds per epoch, "fast": epoch estimate from the fastest 10% of steps,
    "accuracy": final test accuracy}}.
    """
    X_train, y_train, X_test, y_test = data
    params = _init_params(c1, c2)
    initial = {name: value.copy() for name, value in params.items()}
    models = [(_NumpyModel(params, lr), X_train, X_test)]
    print(f"\n(b) Model conv3x3({c1}) relu pool2 conv3x3({c2}) relu pool2 dense(10) softmax; Adam, lr {lr} times "
          f"{lr_decay} per epoch; batch {batch_size}; {len(X_train)} training / {len(X_test)} test images; float32")
    torch = None
    if use_torch:
        try:
            import torch
        except ImportError:
            print("(c) PyTorch is not installed: no comparison (pip install 'cnn-utils[bench]' adds it).")
    if torch is not None:
        torch.set_num_threads(threads)
        nchw = lambda X: np.ascontiguousarray(X.transpose(0, 3, 1, 2))
        models.append((_TorchModel(torch, initial, lr), nchw(X_train), nchw(X_test)))
        print(f"(c) The same model in PyTorch {torch.__version__}, CPU, {torch.get_num_threads()} threads: same "
              f"initial weights, mini-batches and optimizer; the two take turns, epoch by epoch")
    print("    'fast' = the mean of the fastest 10% of the epoch's steps times the number of steps: nearer to an idle "
          "machine's time when other processes come and go")
    results = {model.name: {"epoch": [], "fast": [], "accuracy": None} for model, _, _ in models}
    for epoch in range(epochs):
        for model, X, X_test_model in models:
            model.set_lr(lr * lr_decay ** epoch)
            wall, cpu = time.perf_counter(), time.process_time()
            loss, step_times = _train_epoch(model, X, y_train, batch_size, seed=epoch)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            fast = np.mean(np.sort(step_times)[:max(1, len(step_times) // 10)]) * len(step_times)
            result = results[model.name]
            result["epoch"].append(wall)
            result["fast"].append(fast)
            result["accuracy"] = model.accuracy(X_test_model, y_test)
            print(f"  {model.name:8} epoch {epoch + 1}: {wall:6.1f} s (cpu {cpu:6.1f} s, fast {fast:5.1f} s), "
                  f"training loss {loss:.4f}, test accuracy {result['accuracy']:.4f}; {_load()}")
    return results


def _prepare_data(quick):
    X_train, y_train, X_test, y_test, _ = load_dataset()
    if quick:
        X_train, y_train, X_test, y_test = X_train[:6000], y_train[:, :6000], X_test[:2000], y_test[:, :2000]
    # Pixels to [0, 1] in float32: the layers keep float32 throughout, twice as fast as float64.
    scale = lambda X: X.astype(np.float32) / np.float32(255)
    return scale(X_train), y_train.reshape(-1), scale(X_test), y_test.reshape(-1)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m cnn_utils.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=1, help="training epochs for (b) and (c) (default 1)")
    parser.add_argument("--quick", action="store_true", help="6,000 training and 2,000 test images only")
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--lr", type=float, default=3e-3, help="Adam's learning rate in the first epoch")
    parser.add_argument("--lr-decay", type=float, default=0.7, help="learning rate factor per epoch")
    parser.add_argument("--filters", type=int, nargs=2, default=(16, 32), metavar=("C1", "C2"),
                        help="filters of the two convolutions (default 16 32)")
    parser.add_argument("--no-naive", action="store_true", help="skip (a), loops vs vectorized")
    parser.add_argument("--no-torch", action="store_true", help="skip (c), PyTorch")
    parser.add_argument("--no-reuse-memory", action="store_true",
                        help="do not call cnn_utils.layers.reuse_freed_memory() (glibc's defaults: slower)")
    args = parser.parse_args(argv)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    threads = int(os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS") or cores)
    print(f"Machine: {_cpu_name()}, {os.cpu_count()} cores, {threads} BLAS threads; Python "
          f"{platform.python_version()}, NumPy {np.__version__}; {_load()}")
    if _load_average() > cores:
        print("Note: other processes keep the machine busy; the times below are longer than on an idle machine.")
    if not args.no_reuse_memory:
        print(f"reuse_freed_memory(): {'applied' if L.reuse_freed_memory() else 'not available here'}")
    if not args.no_naive:
        bench_naive()
    data = _prepare_data(args.quick)
    c1, c2 = args.filters
    results = bench_models(data, args.epochs, c1, c2, args.batch_size, args.lr, args.lr_decay, threads,
                           use_torch=not args.no_torch)
    print()
    for name, result in results.items():
        print(f"{name:8} {np.mean(result['epoch']):6.1f} s per epoch (fast estimate {np.mean(result['fast']):5.1f} s), "
              f"test accuracy {result['accuracy']:.4f} after {len(result['epoch'])} epoch(s)")
    if "PyTorch" in results:
        mean = {name: (np.mean(result["epoch"]), np.mean(result["fast"])) for name, result in results.items()}
        print(f"Ratio NumPy / PyTorch time per epoch: {mean['NumPy'][0] / mean['PyTorch'][0]:.2f}x measured, "
              f"{mean['NumPy'][1] / mean['PyTorch'][1]:.2f}x from the fast estimates (target <= 2.0x)")


if __name__ == "__main__":
    main()
