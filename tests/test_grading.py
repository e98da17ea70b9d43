"""The nbgrader round trip: solutions score full marks, the blank release zero, each wrong answer loses its points."""

import csv

import pytest
from conftest import wrong_packs, wrong_submissions
from course import ASSIGNMENTS, belongs_to, read_scores

# (assignment, pack, wrong submission, exercise): every wrong submission, with the student it is graded in
WRONG_CASES = [(a, pack, student, exercise) for a in ASSIGNMENTS for pack, wrong in wrong_packs(a).items()
               for exercise, (student, _) in wrong.items()]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_scores_full_marks(graded_course, assignment):
    scores = read_scores(graded_course.dir, assignment)["solution"]
    assert scores, f"{assignment} has no graded test cells"
    lost = {gid: s for gid, s in scores.items() if s[0] != s[1]}
    assert not lost, f"the solution of {assignment} lost points in {lost}"


def test_every_submission_was_graded(graded_course):
    """Every submitted notebook has its autograded version: a score of zero is the grading's, not a failure's."""
    submitted = sorted(p.relative_to(graded_course.dir / "submitted")
                       for p in (graded_course.dir / "submitted").glob("*/*/*.ipynb"))
    missing = [str(p) for p in submitted if not (graded_course.dir / "autograded" / p).exists()]
    assert submitted and not missing, (f"not graded: {missing}\n{graded_course.autograde_output}\n"
                                       + (graded_course.dir / ".nbgrader.log").read_text()[-4000:])


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_blank_release_scores_zero(graded_course, assignment):
    scores = read_scores(graded_course.dir, assignment)["blank"]
    earned = {gid: s for gid, s in scores.items() if s[0] != 0}
    assert not earned, f"the unmodified student version of {assignment} earned points in {earned}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_exercise_has_wrong_submissions(assignment):
    """At least three known-wrong implementations of each exercise are graded."""
    exercises = [exercise for exercise, _ in wrong_submissions(assignment).values()]
    solution_cells = read_exercise_ids(assignment)
    too_few = {e: exercises.count(e) for e in solution_cells if exercises.count(e) < 3}
    assert not too_few, f"{assignment}: exercises with fewer than 3 wrong submissions: {too_few}"


def read_exercise_ids(assignment):
    import nbformat
    from course import SOLUTIONS, notebook_name

    nb = nbformat.read(SOLUTIONS / assignment / notebook_name(assignment), as_version=4)
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]


@pytest.mark.parametrize("assignment,pack,student,exercise", WRONG_CASES,
                         ids=[f"{a}-{student}" for a, _, student, _ in WRONG_CASES])
def test_wrong_submission_loses_its_exercise(graded_course, assignment, pack, student, exercise):
    scores = read_scores(graded_course.dir, assignment)[pack]
    own = {gid: s for gid, s in scores.items() if belongs_to(gid, exercise)}
    assert own, f"no test cell grades the exercise {exercise}"
    kept = {gid: s for gid, s in own.items() if s[0] != 0}
    assert not kept, f"{student}'s wrong {exercise} (graded in {pack}) still earned points in {kept}"


@pytest.mark.parametrize("assignment,pack", [(a, pack) for a in ASSIGNMENTS for pack in wrong_packs(a)])
def test_a_pack_of_wrong_submissions_loses_only_their_exercises(graded_course, assignment, pack):
    """Each exercise is graded on its own: mistakes in some exercises cost nothing in the others."""
    broken = wrong_packs(assignment)[pack]
    scores = read_scores(graded_course.dir, assignment)[pack]
    lost = {gid: s for gid, s in scores.items() if s[0] != s[1] and not any(belongs_to(gid, e) for e in broken)}
    assert not lost, f"{pack} ({', '.join(s for s, _ in broken.values())}) also lost points in {lost}"


@pytest.mark.parametrize("assignment,pack,student,exercise", WRONG_CASES[:1])
def test_feedback_explains_the_failure(graded_course, assignment, pack, student, exercise):
    html = graded_course.feedback_html(pack, assignment)
    assert "Hint:" in html or "expected" in html, "the feedback does not show the failed check's message"


def test_export_agrees_with_gradebook(graded_course):
    with open(graded_course.dir / "grades.csv") as f:
        rows = list(csv.DictReader(f))
    for assignment in ASSIGNMENTS:
        for student, cells in read_scores(graded_course.dir, assignment).items():
            row = next(r for r in rows if r["assignment"] == assignment and r["student_id"] == student)
            assert float(row["score"]) == pytest.approx(sum(s for s, _ in cells.values()))
            assert float(row["max_score"]) == pytest.approx(sum(m for _, m in cells.values()))
