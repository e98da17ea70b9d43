"""The conceptual questions that end every notebook: the solutions' answers match the hidden key, the visible check
accepts and refuses the right forms with messages a learner can act on, and the key grades right and wrong answers
without giving the right one away."""

import math
import re

import nbformat
import numpy as np
import pytest
from course import ASSIGNMENTS, SOLUTIONS, notebook_name

from cnn_grading.hidden import questions
from cnn_utils import checks
from cnn_utils.checks import NotImplementedYet

QUESTION_CELL = re.compile(r'^checks\.check_answer\("(answer_\d+)", (answer_\d+), '
                           r'(choices="([a-z]+)"|kind="number")\)$')
SOLUTION_REGION = re.compile(r"^[ \t]*### BEGIN SOLUTION.*?^[ \t]*### END SOLUTION[^\n]*", re.M | re.S)
WITH_QUESTIONS = [a for a in ASSIGNMENTS if a in questions.KEYS]


def nbgrader_meta(cell):
    return cell.metadata.get("nbgrader", {})


def read(assignment):
    return nbformat.read(SOLUTIONS / assignment / notebook_name(assignment), as_version=4)


def answers_cell(nb):
    cells = [c for c in nb.cells if nbgrader_meta(c).get("grade_id") == "answers"]
    assert len(cells) == 1, "one answers cell (grade_id 'answers') per notebook"
    return cells[0]


def question_cells(nb):
    """{grade_id: (answer name, choices or None)} of the test_question_N cells, in notebook order."""
    found = {}
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id", "")
        if grade_id.startswith("test_question_"):
            match = QUESTION_CELL.match(cell.source)
            assert match, f"{grade_id}: the source must be one check_answer line, got {cell.source!r}"
            assert match.group(1) == match.group(2)
            found[grade_id] = (match.group(1), match.group(4))
    return found


def run_answers(source):
    namespace = {}
    exec(compile(source, "<answers cell>", "exec"), namespace)
    return namespace


def wrong_value(key, choices):
    if isinstance(key, str):
        return next(letter for letter in choices if letter != key)
    return key + max(1.0, abs(key)) * 0.5


def test_every_notebook_has_questions():
    assert WITH_QUESTIONS == ASSIGNMENTS, (
        f"notebooks without questions: {sorted(set(ASSIGNMENTS) - set(WITH_QUESTIONS))}")
    assert set(questions.KEYS) <= set(ASSIGNMENTS), "a key for a notebook that does not exist"


@pytest.mark.parametrize("assignment", WITH_QUESTIONS)
def test_cells_and_keys_correspond(assignment):
    nb = read(assignment)
    cells = question_cells(nb)
    assert 2 <= len(cells) <= 4, "two to four questions per notebook"
    assert list(cells) == [f"test_question_{k}" for k in range(1, len(cells) + 1)]
    assert set(cells) == set(questions.KEYS[assignment]), "every question cell needs a key, and every key a cell"
    for grade_id, (name, choices) in cells.items():
        key_name, key, _ = questions.entry(assignment, grade_id)
        assert key_name == name
        if choices:
            assert isinstance(key, str) and key in choices, f"{grade_id}: the key {key!r} is not among {choices!r}"
        else:
            assert isinstance(key, (int, float)) and not isinstance(key, bool)
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade_id", "").startswith("test_question_"):
            assert meta["grade"] and meta["locked"] and meta["points"] == 1 and not meta["solution"]
    meta = nbgrader_meta(answers_cell(nb))
    assert meta["solution"] and not meta["grade"] and not meta["locked"]


@pytest.mark.parametrize("assignment", WITH_QUESTIONS)
def test_the_solutions_answers_match_the_key(assignment, capsys):
    nb = read(assignment)
    answers = run_answers(answers_cell(nb).source)
    for grade_id, (name, choices) in question_cells(nb).items():
        value = answers[name]
        checks.check_answer(name, value, **({"choices": choices} if choices else {"kind": "number"}))
        questions.check_key(assignment, grade_id, value)
        assert f"✔ {name} recorded" in capsys.readouterr().out


@pytest.mark.parametrize("assignment", WITH_QUESTIONS)
def test_the_key_refuses_a_wrong_answer_without_giving_the_right_one(assignment):
    nb = read(assignment)
    for grade_id, (name, choices) in question_cells(nb).items():
        _, key, _ = questions.entry(assignment, grade_id)
        with pytest.raises(checks.CheckFailure) as failure:
            questions.check_key(assignment, grade_id, wrong_value(key, choices))
        assert str(failure.value) == f"{name} is not right."
        with pytest.raises(NotImplementedYet, match="not answered yet"):
            questions.check_key(assignment, grade_id, None)


@pytest.mark.parametrize("assignment", WITH_QUESTIONS)
def test_the_student_version_is_unanswered(assignment):
    """nbgrader replaces the solution region; the placeholders stay, so each question's check says "not answered yet"
    (NotImplementedYet, like an unwritten exercise) instead of failing on an undefined name."""
    nb = read(assignment)
    source = answers_cell(nb).source
    assert "### BEGIN SOLUTION" in source
    released = SOLUTION_REGION.sub("# YOUR CODE HERE\nraise NotImplementedError()", source)
    namespace = {}
    with pytest.raises(NotImplementedError):
        exec(compile(released, "<released answers cell>", "exec"), namespace)
    for name, choices in question_cells(nb).values():
        assert namespace[name] is None, f"{name} needs a `{name} = None` line before the solution region"
        with pytest.raises(NotImplementedYet, match=rf"^{name} is not answered yet: replace None with your answer"):
            checks.check_answer(name, namespace[name], **({"choices": choices} if choices else {"kind": "number"}))


@pytest.mark.parametrize("value,expected", [("b", "b"), (" B ", "b"), ("d", "d")])
def test_a_letter_is_accepted(value, expected, capsys):
    checks.check_answer("answer_1", value, choices="abcd")
    assert capsys.readouterr().out == "✔ answer_1 recorded: graded with the hidden answer key when you submit.\n"
    assert questions.answer_form("answer_1", value, choices="abcd") == expected


@pytest.mark.parametrize("value", [6, 6.0, -0.375, np.int64(6), np.float64(2.5), 0])
def test_a_number_is_accepted(value, capsys):
    checks.check_answer("answer_2", value, kind="number")
    assert "✔ answer_2 recorded" in capsys.readouterr().out


@pytest.mark.parametrize("value,kind,message", [
    ("e", {"choices": "abcd"}, r"^answer_1 is 'e', which is not one of the choices \"a\", \"b\", \"c\", \"d\"\. Write "
                               r"the letter only"),
    ("b and c", {"choices": "abcd"}, r"^answer_1 is 'b and c': write one letter only"),
    (2, {"choices": "abcd"}, r"^answer_1 should be one of the letters .* written in quotes .* but it is 2, a value of "
                             r"type int"),
    (b"b", {"choices": "abcd"}, r"should be one of the letters"),
    ("6", {"kind": "number"}, r"^answer_1 should be a number, but it is the string '6'\. Write it without quotes: "
                              r"answer_1 = 6"),
    ("six", {"kind": "number"}, r"^answer_1 should be a number, but it is the string 'six'\. Write it with digits"),
    (True, {"kind": "number"}, r"^answer_1 should be a number .* but it is True, a value of type bool"),
    ([6], {"kind": "number"}, r"but it is \[6\], a value of type list"),
    (np.array([6.0]), {"kind": "number"}, r"should be a number"),
    (math.nan, {"kind": "number"}, r"^answer_1 is nan: the answer must be a finite number"),
    (math.inf, {"kind": "number"}, r"^answer_1 is inf: the answer must be a finite number"),
])
def test_a_wrong_form_is_refused_with_a_message(value, kind, message):
    with pytest.raises(checks.CheckFailure, match=message):
        checks.check_answer("answer_1", value, **kind)


def test_none_means_not_answered_and_the_self_check_says_so(capsys):
    with pytest.raises(NotImplementedYet, match=r"answer_3 is not answered yet: replace None with your answer \(a "
                                                r"number, without quotes\)"):
        checks.check_answer("answer_3", None, kind="number")
    with pytest.raises(NotImplementedYet, match=r"\(one of the letters \"a\", \"b\", \"c\", \"d\", in quotes\)"):
        checks.check_answer("answer_4", None, choices="abcd")
    assert not checks.summary(["question 3", "question 4"])
    out = capsys.readouterr().out
    assert "✘ question 3: not written yet" in out and "✘ question 4: not written yet" in out


def test_check_answer_needs_either_choices_or_a_kind():
    with pytest.raises(ValueError):
        checks.check_answer("answer_1", "a")
    with pytest.raises(ValueError):
        checks.check_answer("answer_1", "a", choices="abcd", kind="number")
    with pytest.raises(ValueError):
        checks.check_answer("answer_1", 1, kind="integer")


def test_number_tolerances():
    """Counts are exact; other numbers are compared with a relative tolerance of 1e-6."""
    assert questions.entry("01_padding", "test_question_2") == ("answer_2", 760, 0)
    questions.check_key("01_padding", "test_question_2", 760.0)
    with pytest.raises(checks.CheckFailure, match=r"^answer_2 is not right\.$"):
        questions.check_key("01_padding", "test_question_2", 760.001)
    name, key, tolerance = questions.entry("07_full_model", "test_question_2")
    assert tolerance == questions.DEFAULT_TOLERANCE == 1e-6
    questions.check_key("07_full_model", "test_question_2", key * (1 + 1e-7))
    with pytest.raises(checks.CheckFailure, match=rf"^{name} is not right\.$"):
        questions.check_key("07_full_model", "test_question_2", key * (1 + 1e-5))


def test_a_letter_key_reads_the_answer_as_the_visible_check_does():
    questions.check_key("01_padding", "test_question_4", " B ")
    with pytest.raises(checks.CheckFailure, match=r"^answer_4 is 'b c': write one letter only"):
        questions.check_key("01_padding", "test_question_4", "b c")


def test_hidden_tests_read_the_answer_from_the_student():
    class Student:
        answer_1, answer_2, answer_3, answer_4 = 2, 760, 7, "b"

    tests = questions.hidden_tests("01_padding")
    assert sorted(tests) == [f"test_question_{k}" for k in range(1, 5)]
    for test in tests.values():
        test(Student(), None)
    Student.answer_3 = 5
    with pytest.raises(checks.CheckFailure, match=r"^answer_3 is not right\.$"):
        tests["test_question_3"](Student(), None)
