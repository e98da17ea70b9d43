"""What the grading kernel of each notebook may import, and where each notebook's hidden tests are.

While a notebook is graded, no correct implementation of its graded functions may be reachable in the sandbox
(docs/integrity.md). The kernel sees a copy of cnn_utils made for that notebook (`student_package`):

* ALWAYS: what every notebook needs and that computes no exercise (data, plots, gradient checking, the probe the
  grader talks to, the lazy `reference` package, the message catalog `i18n` and the figures' fonts, with the font
  files of DATA_FILES);
* COMPUTES: a module that computes what some notebooks' exercises compute is there only for notebooks after the
  first of those, and never for one of them. So notebook 3 has notebook 2's conv_forward, notebook 5 (vectorize) has
  none of the loops of notebooks 2-4 nor cnn_utils.layers (they compute what its exercises compute), and layers
  appears with the full model, whose own reference (loss, Adam, training) never does;
* `checks` is replaced by a stand-in that does nothing: the checks run outside the kernel when a notebook is graded.

Every module of cnn_utils is in exactly one of ALWAYS, COMPUTES and NEVER (a test makes sure), so that a new module
is mounted only by a decision.
"""

import importlib
import shutil
from pathlib import Path

import cnn_utils

ALWAYS = ("__init__.py", "data.py", "plots.py", "gradcheck.py", "params.py", "reference/__init__.py",
          "runner/__init__.py", "runner/probe.py", "runner/wire.py",
          # the language of messages and figures (templates and their Chinese, no reference code) and the fonts the
          # figures' Chinese labels need
          "i18n/__init__.py", "i18n/zh.py", "fonts/__init__.py")

# Files other than modules that an ALWAYS module reads: copied with it.
DATA_FILES = ("fonts/CourseSansSC-Regular.otf", "fonts/OFL.txt")

COMPUTES = {
    "reference/padding.py": ("01_padding",),
    # The loops compute what notebooks 5 and 6 compute too (a convolution with identity filters is im2col).
    "reference/forward_conv.py": ("02_conv_forward", "05_vectorize", "06_layers"),
    "reference/backward_conv.py": ("03_conv_backward", "05_vectorize", "06_layers"),
    "reference/pooling.py": ("04_pooling", "05_vectorize", "06_layers"),
    "layers.py": ("02_conv_forward", "03_conv_backward", "04_pooling", "05_vectorize", "06_layers"),
    "reference/full_model.py": ("06_layers", "07_full_model"),
}

# Not for the kernel: the checks (a stand-in takes their place), the benchmark (it trains the full model), and the
# grading pipeline's outer parts (they run in the grader's process).
NEVER = ("bench.py", "grade.py", "validate.py", "runner/cells.py", "runner/course.py", "runner/execute.py",
         "runner/remote.py", "runner/verdict.py", "runner/validate.py",
         "fonts/make_subset.py")  # the maintainers' tool that rebuilds the font file

CHECKS_STAND_IN = '''\
"""Stand-in for cnn_utils.checks while a notebook is graded: the grader runs the checks outside the kernel."""


class _Nothing:
    def __getattr__(self, name):
        return self

    def __call__(self, *args, **kwargs):
        return None


def require_written(*functions):
    """Stop a cell, as cnn_utils.checks.require_written does, when an exercise it uses is not written yet."""
    import inspect

    for function in functions:
        try:
            needed = [p for p in inspect.signature(function).parameters.values()
                      if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            function(*[None] * len(needed))
        except NotImplementedError:
            raise NotImplementedError(f"This cell needs {function.__name__}, which is not written yet.") from None
        except Exception:
            pass


def __getattr__(name):
    return _Nothing()
'''

HIDDEN_MODULES = {
    "01_padding": "padding",
    "02_conv_forward": "conv_forward",
    "03_conv_backward": "conv_backward",
    "04_pooling": "pooling",
    "05_vectorize": "vectorize",
    "06_layers": "layers",
    "07_full_model": "full_model",
}


def package_root():
    return Path(cnn_utils.__file__).resolve().parent


def mounted_modules(assignment):
    """The cnn_utils modules (paths relative to the package) a kernel grading `assignment` can import."""
    modules = list(ALWAYS)
    for module, notebooks in COMPUTES.items():
        if assignment > min(notebooks) and assignment not in notebooks:
            modules.append(module)
    return sorted(modules)


def student_package(assignment, destination):
    """Write the copy of cnn_utils for a kernel grading `assignment` into destination/cnn_utils; return its path."""
    source, target = package_root(), Path(destination) / "cnn_utils"
    if target.exists():
        shutil.rmtree(target)
    for module in mounted_modules(assignment) + list(DATA_FILES):
        (target / module).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / module, target / module)
    (target / "checks").mkdir(parents=True, exist_ok=True)
    (target / "checks" / "__init__.py").write_text(CHECKS_STAND_IN)
    return target


def hidden_test(assignment, grade_id):
    """The hidden test of a grade cell, or None when it has none: the answer key for a question's cell, else the
    function named as the grade_id in the notebook's hidden module."""
    from .hidden import questions

    if grade_id in questions.KEYS.get(assignment, {}):
        answer = questions.KEYS[assignment][grade_id][0]
        return lambda student, rng: questions.check_key(assignment, grade_id, getattr(student, answer))
    module = HIDDEN_MODULES.get(assignment)
    return getattr(importlib.import_module(f"cnn_grading.hidden.{module}"), grade_id, None) if module else None
