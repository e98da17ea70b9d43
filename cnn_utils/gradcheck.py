"""Numeric gradient checking with centred differences.

The analytic gradient of a layer is compared with (f(x + h) - f(x - h)) / 2h, one entry of x at a time. The
relative error max |a - n| / max(|a| + |n|, 1e-8) is the yardstick. The course's checks accept up to 1e-6 (the
default tolerance here too); a right gradient in float64 usually gives 1e-8 or less, around 1e-4 is suspicious, and
1e-2 or more is a bug.
"""

from dataclasses import dataclass

import numpy as np

from .i18n import tr


def numeric_gradient(f, x, dout=None, h=1e-5):
    """Centred-difference gradient of sum(f(x) * dout) with respect to x.

    Arguments:
    f -- function of no arguments that returns an array (or float); it must read x, which is changed in place
         one entry at a time and restored afterwards
    x -- float array, the variable to differentiate with respect to
    dout -- upstream gradient, same shape as f()'s output; None means ones (the gradient of sum(f(x)))
    h -- step size

    Returns:
    grad -- array of x's shape
    """
    if not np.issubdtype(np.asarray(x).dtype, np.floating):
        raise TypeError(tr("numeric_gradient: x must be a float array to be nudged by h, got dtype "
                           "{np_asarray_x_dtype}", np_asarray_x_dtype=np.asarray(x).dtype))
    grad = np.zeros_like(x, dtype=np.float64)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        plus = np.array(f(), dtype=np.float64)
        x[index] = original - h
        minus = np.array(f(), dtype=np.float64)
        x[index] = original
        upstream = 1.0 if dout is None else dout
        grad[index] = np.sum((plus - minus) * upstream) / (2 * h)
    return grad


@dataclass
class GradCheckResult:
    name: str
    relative_error: float
    worst_index: tuple
    analytic: float
    numeric: float
    tolerance: float

    @property
    def passed(self):
        return self.relative_error <= self.tolerance

    def __str__(self):
        mark = "✔" if self.passed else "✘"
        return (tr("{mark} {name}: relative error {relative_error:.2e} (tolerance {tolerance:.0e}); worst at index "
                   "{worst_index}: analytic {analytic:.8g}, numeric {numeric:.8g}",
                   mark=mark, name=self.name, relative_error=self.relative_error, tolerance=self.tolerance,
                   worst_index=self.worst_index, analytic=self.analytic, numeric=self.numeric))


def relative_error(analytic, numeric, name="gradient", tolerance=1e-6):
    """Compare two gradients of the same shape; return a GradCheckResult with the worst entry."""
    analytic = np.asarray(analytic, dtype=np.float64)
    numeric = np.asarray(numeric, dtype=np.float64)
    if analytic.shape != numeric.shape:
        raise ValueError(tr("{name}: the analytic gradient has shape {analytic_shape} but the numeric one has shape "
                            "{numeric_shape}; a gradient must have the shape of the variable it belongs to",
                            name=name, analytic_shape=analytic.shape, numeric_shape=numeric.shape))
    if analytic.size == 0:
        return GradCheckResult(name, 0.0, (), 0.0, 0.0, tolerance)
    errors = np.abs(analytic - numeric) / np.maximum(np.abs(analytic) + np.abs(numeric), 1e-8)
    errors = np.where(np.isnan(errors), np.inf, errors)
    worst = np.unravel_index(np.argmax(errors), errors.shape)
    worst = tuple(int(i) for i in worst)
    return GradCheckResult(name, float(errors[worst]), worst, float(analytic[worst]), float(numeric[worst]), tolerance)


def check_gradient(f, x, analytic, dout=None, name="dx", h=1e-5, tolerance=1e-6, verbose=True):
    """Check one analytic gradient against the numeric gradient of f with respect to x.

    Arguments:
    f -- function of no arguments returning the forward output; it must read x (changed in place while checking)
    x -- float64 array, the input the gradient belongs to
    analytic -- the gradient your backward pass computed, shape of x
    dout -- the upstream gradient your backward pass received (shape of f()'s output); None for ones
    name -- how to call the gradient in the report, e.g. "dA_prev"

    Returns:
    GradCheckResult (printed when verbose); result.passed tells whether the error is within tolerance.
    """
    result = relative_error(analytic, numeric_gradient(f, x, dout, h), name=name, tolerance=tolerance)
    if verbose:
        print(result)
    return result
