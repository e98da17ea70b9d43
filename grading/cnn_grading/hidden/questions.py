"""The answer key of the conceptual questions that end every notebook, and the check that uses it.

Each notebook's questions are answered in one cell (`answer_1 = "b"`, `answer_2 = 6`, ...) and each has its own test
cell, `checks.check_answer("answer_1", answer_1, choices="abcd")`, whose visible check only looks at the form of the
answer. Whether it is right is decided here, outside the kernel, by `check_key` (called for every grade cell listed
in KEYS, see cnn_grading.course.hidden_test). A wrong answer fails with "answer_1 is not right" and nothing that
would give the right one away.

KEYS = {assignment: {grade_id: (answer name, key) or (answer name, key, relative tolerance)}}

A letter key is compared after stripping spaces and lower-casing, as the visible check reads it. A number key is
compared with a relative tolerance of 1e-6 unless the entry gives its own: 0 for a count, which must be exact; a
larger one where a rounded answer is expected.
"""

import math

from cnn_utils.checks.core import fail
from cnn_utils.checks.questions import answer_form
from cnn_utils.i18n import tr

DEFAULT_TOLERANCE = 1e-6

KEYS = {
    "01_padding": {
        # f = 5, stride 1: p = (f - 1) / 2 keeps the size
        "test_question_1": ("answer_1", 2, 0),
        # 10 filters of 5 x 5 x 3, one bias each: 5 * 5 * 3 * 10 + 10
        "test_question_2": ("answer_2", 760, 0),
        # 3x3 stride 2, then 3x3 stride 1: r = 1 + 2 * 1 = 3, then 3 + 2 * 2 = 7
        "test_question_3": ("answer_3", 7, 0),
        # translation equivariance: the output shifts with the input
        "test_question_4": ("answer_4", "b"),
    },
    "02_conv_forward": {
        # (28 - 3 + 0) // 2 + 1
        "test_question_1": ("answer_1", 13, 0),
        # m * n_H * n_W * n_C = 10 * 28 * 28 * 8 (pad 1 keeps 28)
        "test_question_2": ("answer_2", 62720, 0),
        # a filter covers all input channels; Z has one channel per filter
        "test_question_3": ("answer_3", "b"),
        # stride 2 = the stride-1 output at every other row and column
        "test_question_4": ("answer_4", "a"),
    },
    "03_conv_backward": {
        # += : overlapping windows and every filter add to the same pixel
        "test_question_1": ("answer_1", "b"),
        # db[c] = sum of dZ[..., c] over 4 examples and 5 x 5 positions
        "test_question_2": ("answer_2", 100, 0),
        # n_H = (6 - 2) // 3 + 1 = 2: rows and columns 0, 1, 3, 4 are covered, 36 - 4 * 4 pixels are not
        "test_question_3": ("answer_3", 20, 0),
        # only dW is off: a bug in dW
        "test_question_4": ("answer_4", "b"),
    },
    "04_pooling": {
        # mask * dA: the whole 4 to the maximum 2.5
        "test_question_1": ("answer_1", "a"),
        # 5x5, f = 3, stride 2: the centre pixel is in all four windows
        "test_question_2": ("answer_2", 4, 0),
        # 8 / (2 * 2)
        "test_question_3": ("answer_3", 2),
        # (28 - 3) // 2 + 1 = 13, channels kept
        "test_question_4": ("answer_4", "a"),
    },
    "05_vectorize": {
        # window rows with filter rows, window columns with filter columns, channels with channels
        "test_question_1": ("answer_1", "b"),
        # the write through the view keeps one contribution per pixel
        "test_question_2": ("answer_2", "c"),
        # one += per offset: 5 * 5
        "test_question_3": ("answer_3", 25, 0),
        # (m * n * n) rows of 3 * 3 * n_C: f * f times the batch
        "test_question_4": ("answer_4", 9, 0),
    },
    "06_layers": {"test_question_1": ("answer_1", "c"), "test_question_2": ("answer_2", "b"),
                  "test_question_3": ("answer_3", "b")},
    "07_full_model": {
        # (3*3*1*8 + 8) + (3*3*8*16 + 16) + (7*7*16*10 + 10) = 80 + 1168 + 7850
        "test_question_1": ("answer_1", 9098, 0),
        # (softmax 1/4 - 1) / m with m = 2
        "test_question_2": ("answer_2", -0.375),
        # backward in reverse order: pool, relu, conv
        "test_question_3": ("answer_3", "b"),
        # bias correction: the averages start at zero
        "test_question_4": ("answer_4", "c"),
    },
}


def entry(assignment, grade_id):
    """(answer name, key, tolerance) of one question."""
    try:
        item = KEYS[assignment][grade_id]
    except KeyError:
        raise KeyError(f"no answer key for {assignment} {grade_id}") from None
    name, key = item[:2]
    tolerance = item[2] if len(item) > 2 else DEFAULT_TOLERANCE
    return name, key, tolerance


def check_key(assignment, grade_id, value):
    """Grade one answer against the key: return when it is right, raise CheckFailure when it is not.

    An answer of the wrong form fails with the visible check's message (it says what form is expected, nothing
    more); None raises the visible check's "not answered yet". A wrong answer fails with "<name> is not right".
    """
    name, key, tolerance = entry(assignment, grade_id)
    if isinstance(key, str):
        got = answer_form(name, value, choices="abcdefghijklmnopqrstuvwxyz")
        right = got == key
    else:
        got = answer_form(name, value, kind="number")
        right = math.isclose(got, key, rel_tol=tolerance, abs_tol=0.0)
    if not right:
        fail(tr("{name} is not right.", name=name))


def hidden_tests(assignment):
    """{grade_id: function(student, rng)} for the questions of one notebook, in the form of the hidden tests."""
    def test_for(grade_id):
        name = KEYS[assignment][grade_id][0]

        def test(student, rng):
            check_key(assignment, grade_id, getattr(student, name))
        test.__name__ = grade_id
        return test
    return {grade_id: test_for(grade_id) for grade_id in KEYS.get(assignment, {})}
