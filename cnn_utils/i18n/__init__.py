"""The language of the course's messages and figures: English (the default) or Simplified Chinese.

Every sentence a learner reads from `cnn_utils` (check messages, hints, figure titles and labels) is written in
English in the code, as a `str.format` template passed to `tr`; `zh.MESSAGES` maps each template to its Chinese
version, with the same placeholders. The language is the environment variable CNN_LANG ("en" or "zh"), read at every
call, so a notebook switches it in its set-up cell (the Chinese edition does: `os.environ["CNN_LANG"] = "zh"`) and the
grader switches it per notebook (`using_language(notebook_language(nb))`). tests/test_i18n.py checks that every
template has its translation.

Templates that live outside cnn_utils (the instructor's hidden tests, which are never installed for students) keep
their translations beside them and add them with `register`: cnn_grading/hidden/__init__.py does
`register("zh", zh.MESSAGES)`, after which `tr` translates those templates like the course's own.
"""

import contextlib
import os

VARIABLE = "CNN_LANG"
LANGUAGES = ("en", "zh")

# Catalogs added with register(): {language: {English template: translation}}.
_registered = {}


def language():
    """The current language: "zh" when CNN_LANG starts with "zh" (zh, zh_CN, zh-Hans ...), else "en"."""
    return "zh" if os.environ.get(VARIABLE, "").strip().lower().startswith("zh") else "en"


def set_language(code):
    """Switch the language of what `cnn_utils` writes from now on ("en" or "zh")."""
    if code not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {code!r}")
    os.environ[VARIABLE] = code


@contextlib.contextmanager
def using_language(code):
    """While the block runs, the language is `code` ("en" or "zh"); afterwards CNN_LANG is what it was (or unset)."""
    if code not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {code!r}")
    saved = os.environ.get(VARIABLE)
    os.environ[VARIABLE] = code
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(VARIABLE, None)
        else:
            os.environ[VARIABLE] = saved


def notebook_language(nb):
    """The language of a notebook: its metadata {"cnn_course": {"language": "zh"}} (the Chinese edition's), else
    "en" (also for a value that is not one of LANGUAGES)."""
    try:
        code = nb.get("metadata", {}).get("cnn_course", {}).get("language", "en")
    except AttributeError:
        return "en"
    return code if code in LANGUAGES else "en"


def register(code, messages):
    """Add translations to `tr`: messages is {English template: template in `code`}, with the same placeholders.

    For templates kept outside cnn_utils (the hidden tests' in cnn_grading); registering again updates the catalog.
    The course's own catalog (zh.MESSAGES) wins where both translate a template."""
    if code not in LANGUAGES or code == "en":
        raise ValueError(f"translations are registered for one of {LANGUAGES[1:]}, not {code!r}")
    _registered.setdefault(code, {}).update(messages)


def catalog(code):
    """{template: translation} for a language: the course's own catalog and the registered ones."""
    if code == "en":
        return {}
    from .zh import MESSAGES

    return {**_registered.get(code, {}), **MESSAGES}


def tr(template, **fields):
    """`template` (an English str.format template) in the current language, with `fields` filled in."""
    code = language()
    if code == "zh":
        from .zh import MESSAGES

        template = MESSAGES.get(template) or _registered.get(code, {}).get(template, template)
    return template.format(**fields)


def class_name(name):
    """A dataset class name (Fashion-MNIST's, in English in the data) as figures show it in the current language."""
    if language() == "zh":
        from .zh import CLASS_NAMES

        return CLASS_NAMES.get(str(name), str(name))
    return str(name)
