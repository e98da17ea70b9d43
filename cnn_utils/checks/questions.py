"""The visible check of a notebook's conceptual questions: it checks the *form* of an answer only.

Each notebook ends with a few questions. The student assigns `answer_1 = "b"`, `answer_2 = 6`, ... in one cell, and
each question's test cell calls `checks.check_answer("answer_1", answer_1, choices="abcd")` or
`checks.check_answer("answer_2", answer_2, kind="number")`. The check says whether the answer is a letter among the
choices or a finite number, and nothing about whether it is right: the answer key is in the instructor's package
(cnn_grading/hidden/questions.py), never in the student's notebook.
"""

import math
import numbers

from ..i18n import tr
from .core import NotImplementedYet, exercise_check, fail, passed

KINDS = ("number",)


def _letters(choices):
    return ", ".join(f'"{c}"' for c in choices)


def _what(choices, kind):
    if choices is not None:
        return tr("one of the letters {letters}, in quotes", letters=_letters(choices))
    return tr("a number, without quotes")


def answer_form(name, value, choices=None, kind=None):
    """Check the form of one answer and return it in a canonical form: the lower-case letter, or a float.

    Arguments:
    name -- the variable's name, e.g. "answer_1" (used in the messages)
    value -- what the student assigned to it
    choices -- the allowed letters, e.g. "abcd", for a multiple-choice question
    kind -- "number" for a question answered with a number (give either choices or kind)

    Raises NotImplementedYet when value is None (not answered yet), CheckFailure when the form is wrong.
    """
    if (choices is None) == (kind is None):
        raise ValueError("check_answer needs either choices (e.g. choices=\"abcd\") or kind=\"number\", not both")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"check_answer: kind must be one of {KINDS}, got {kind!r}")
    if value is None:
        raise NotImplementedYet(tr("{name} is not answered yet: replace None with your answer ({what}) "
                                   "in the answers cell, run that cell, then run this cell again.",
                                   name=name, what=_what(choices, kind)))
    if choices is not None:
        return _letter(name, value, choices.lower())
    return _number(name, value)


def _letter(name, value, choices):
    example = f'{name} = "{choices[1] if len(choices) > 1 else choices[0]}"'
    if isinstance(value, bool) or not isinstance(value, str):
        fail(tr("{name} should be one of the letters {letters}, written in quotes (for example {example}), "
                "but it is {value!r}, a value of type {value_type}.",
                name=name, letters=_letters(choices), example=example, value=value,
                value_type=type(value).__name__))
    letter = value.strip().lower()
    if letter in choices and len(letter) == 1:
        return letter
    if len(letter) > 1:
        fail(tr("{name} is {value!r}: write one letter only, among {letters}, for example {example}.",
                name=name, value=value, letters=_letters(choices), example=example))
    fail(tr("{name} is {value!r}, which is not one of the choices {letters}. Write the letter only, for "
            "example {example}.", name=name, value=value, letters=_letters(choices), example=example))


def _number(name, value):
    if isinstance(value, str):
        hint = ""
        try:
            float(value)
            hint = tr(" Write it without quotes: {name} = {digits}, not {name} = {value!r}.",
                      name=name, digits=value.strip(), value=value)
        except ValueError:
            hint = tr(" Write it with digits, without quotes.")
        fail(tr("{name} should be a number, but it is the string {value!r}.{hint}", name=name, value=value, hint=hint))
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        fail(tr("{name} should be a number (an int or a float, written without quotes), but it is {value!r}, a "
                "value of type {value_type}.", name=name, value=value, value_type=type(value).__name__))
    number = float(value)
    if not math.isfinite(number):
        fail(tr("{name} is {number}: the answer must be a finite number.", name=name, number=number))
    return number


def _exercise_name(name):
    """ "answer_2" -> "question 2", the name the notebook's self-check lists."""
    prefix = "answer_"
    return f"question {name[len(prefix):]}" if name.startswith(prefix) else name


def check_answer(name, value, choices=None, kind=None):
    """The visible check of one conceptual question: the answer is there and has the right form.

    Arguments:
    name -- the answer's variable name, e.g. "answer_1"
    value -- its value in the notebook
    choices -- the allowed letters of a multiple-choice question, e.g. "abcd"
    kind -- "number" for a question answered with a number

    Prints a pass line when the form is right. Whether the answer is right is decided when the notebook is graded,
    with the answer key, which is not part of the student's files.
    """
    def check(value):
        answer_form(name, value, choices=choices, kind=kind)
        passed(tr("{name} recorded: graded with the hidden answer key when you submit.", name=name))

    check.__name__ = f"check_{name}"
    return exercise_check(_exercise_name(name))(check)(value)
