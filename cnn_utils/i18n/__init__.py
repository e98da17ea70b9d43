"""The language of the course's messages and figures: English (the default) or Simplified Chinese.

Every sentence a learner reads from `cnn_utils` (check messages, hints, figure titles and labels) is written in
English in the code, as a `str.format` template passed to `tr`; `zh.MESSAGES` maps each template to its Chinese
version, with the same placeholders. The language is the environment variable CNN_LANG ("en" or "zh"), read at every
call, so a notebook switches it in its set-up cell (the Chinese edition does: `os.environ["CNN_LANG"] = "zh"`) and the
grader switches it per notebook. tests/test_i18n.py checks that every template has its translation.
"""

import os

VARIABLE = "CNN_LANG"
LANGUAGES = ("en", "zh")


def language():
    """The current language: "zh" when CNN_LANG starts with "zh" (zh, zh_CN, zh-Hans ...), else "en"."""
    return "zh" if os.environ.get(VARIABLE, "").strip().lower().startswith("zh") else "en"


def set_language(code):
    """Switch the language of what `cnn_utils` writes from now on ("en" or "zh")."""
    if code not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {code!r}")
    os.environ[VARIABLE] = code


def tr(template, **fields):
    """`template` (an English str.format template) in the current language, with `fields` filled in."""
    if language() == "zh":
        from .zh import MESSAGES

        template = MESSAGES.get(template, template)
    return template.format(**fields)
