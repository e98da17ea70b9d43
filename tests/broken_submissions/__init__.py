"""A bank of broken submissions: what real students hand in besides right and wrong answers.

Each fixture is built from an assignment's release and solution notebooks, so it applies to any notebook of the
course with at least one exercise (the bank is exercised on 01_padding by tests/test_instructor_workflow.py).
`build(release, solution)` returns {student_id: Fixture}: the files to put in submitted/<student>/<assignment>/, the
exact score that student must get, and a phrase the summary's reason must contain.

"The broken exercise" is the second exercise of the notebook (the first if there is only one): a crash there must
leave every test of the exercises before it with its points ("exercises checked before this point keep their
points"). Fixtures that tamper with test cells also break the exercise the tampered test grades, so that only the
restored instructor test can produce the expected score.
"""

import copy
import json
from dataclasses import dataclass

import nbformat
from course import belongs_to, solved

# Prefixed to the broken exercise's cell, so the cell fails before it defines its function.
CRASHES = {
    # an endless loop: interrupted at the time limit, the kernel lives on
    "loops_forever": ("while True:\n    pass\n", "timed out"),
    # a loop that swallows the interrupt: the kernel must be restarted
    "ignores_interrupt": ("import time\nwhile True:\n    try:\n        time.sleep(0.2)\n"
                          "    except KeyboardInterrupt:\n        pass\n", "timed out"),
    # the kernel process ends at once
    "exits_kernel": ("import os\nos._exit(1)\n", "kernel died"),
    # a wrong shape asks for an 8 GB array: the per-kernel memory limit turns it into an immediate MemoryError
    # (without the limit the kernel would fill 8 GB, slowly, or be killed; a gradual leak ends the same way, later)
    "hogs_memory": ("_images = np.ones((20000, 28, 28, 64))\n", "ran out of memory"),
}

WRONG_ANSWER = "    return None  # a wrong answer, so that only a restored test can take the points away\n"


@dataclass
class Fixture:
    files: dict  # file name -> bytes, or None for "no such file"
    score: float
    max_score: float
    reason: str  # a phrase the summary must contain ("" when the score is full and nothing is worth noting)


def exercise_ids(nb):
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]


def test_points(nb):
    """{test grade_id: points} in notebook order."""
    return {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
            for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}


def index_of(nb, grade_id):
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def as_bytes(nb):
    return nbformat.writes(nb).encode("utf-8")


def wrong(nb, exercise):
    """Replace the body of `exercise`'s function (after its docstring line) by a wrong return."""
    cell = nb.cells[index_of(nb, exercise)]
    head = cell.source.split('"""')
    cell.source = '"""'.join(head[:2]) + '"""\n' + WRONG_ANSWER if len(head) >= 3 else \
        f"def {exercise}(*args, **kwargs):\n{WRONG_ANSWER}"
    return nb


def build(release, solution, assignment):
    name = f"{assignment}.ipynb"
    good = solved(release, solution)
    points = test_points(release)
    total = sum(points.values())
    exercises = exercise_ids(release)
    broken = exercises[1] if len(exercises) > 1 else exercises[0]
    first = exercises[0]
    lost_broken = sum(p for t, p in points.items() if belongs_to(t, broken))
    lost_first = sum(p for t, p in points.items() if belongs_to(t, first))
    first_test = next(t for t in points if belongs_to(t, first))
    broken_test = next(t for t in points if belongs_to(t, broken))
    bank = {
        "good_one": Fixture({name: as_bytes(good)}, total, total, ""),
        "good_two": Fixture({name: as_bytes(good)}, total, total, ""),
    }

    for student, (prefix, reason) in CRASHES.items():
        nb = copy.deepcopy(good)
        cell = nb.cells[index_of(nb, broken)]
        cell.source = prefix + cell.source
        bank[student] = Fixture({name: as_bytes(nb)}, total - lost_broken, total, reason)

    text = nbformat.writes(good)
    bank["invalid_json"] = Fixture({name: text[: len(text) // 2].encode()}, 0, total, "not JSON")
    bank["empty_file"] = Fixture({name: b""}, 0, total, "empty file")
    bank["missing_notebook"] = Fixture({"answers.py": b"print('my answers are in the notebook')\n"}, 0, total,
                                       "notebook missing")
    bank["extra_notebook"] = Fixture({name: as_bytes(good), "Untitled.ipynb": as_bytes(nbformat.v4.new_notebook())},
                                     total, total, "unexpected extra notebook Untitled.ipynb")
    v3 = nbformat.v3.nbjson.writes(nbformat.convert(copy.deepcopy(good), 3))
    bank["old_nbformat"] = Fixture({name: v3.encode()}, total, total, "old notebook format 3")

    # tampering with test cells: each also breaks the exercise the tampered test grades
    nb = wrong(copy.deepcopy(good), first)
    del nb.cells[index_of(nb, first_test)]
    bank["deleted_test"] = Fixture({name: as_bytes(nb)}, total - lost_first, total,
                                   f"test cell {first_test} was missing from the submitted notebook")

    nb = wrong(copy.deepcopy(good), broken)
    nb.cells[index_of(nb, broken_test)].source = "print('all good')\n"
    bank["edited_test"] = Fixture({name: as_bytes(nb)}, total - lost_broken, total, "CheckFailure")

    nb = copy.deepcopy(good)  # the test moved above its exercise: it must still run after it, and pass
    test = nb.cells.pop(index_of(nb, first_test))
    nb.cells.insert(index_of(nb, first), test)
    bank["moved_test"] = Fixture({name: as_bytes(nb)}, total, total, "")

    nb = wrong(copy.deepcopy(good), broken)
    cell = nb.cells[index_of(nb, broken_test)]
    cell.cell_type = "markdown"
    cell.pop("outputs", None)
    cell.pop("execution_count", None)
    bank["retyped_test"] = Fixture({name: as_bytes(nb)}, total - lost_broken, total, "CheckFailure")

    nb = wrong(copy.deepcopy(good), first)
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
    bank["stripped_metadata"] = Fixture({name: as_bytes(nb)}, total - lost_first, total, "without nbgrader metadata")
    return bank


def reason_json(bank):
    """The bank's expectations as JSON (for reading in a failure message)."""
    return json.dumps({s: [f.score, f.max_score, f.reason] for s, f in bank.items()}, indent=1)
