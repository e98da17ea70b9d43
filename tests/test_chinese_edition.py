"""The Chinese edition (中文版): catalogs complete and fresh, zh/ exactly what the generator and nbgrader make of them,
figures with Chinese text, and the Chinese round trip graded for real."""

import json
import shutil
import sys
import warnings
from pathlib import Path

import nbformat
import pytest
from conftest import wrong_packs
from course import ASSIGNMENTS, REPO, belongs_to, cnn_grading, notebook_name, read_scores, solved, submit

from cnn_grading import translations

ZH = REPO / "zh"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_catalog_translates_every_cell_and_is_up_to_date(assignment):
    found = translations.problems(REPO, assignment)
    assert not found, "\n".join(found) + "\n(python -m cnn_grading.translations check)"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_markdown_translations_are_chinese(assignment):
    """An entry left in English (its todo mark removed by mistake) is no translation."""
    entries = translations.read_catalog(translations.catalog_path(REPO, assignment))
    english = [e.cell_id for e in entries.values() if e.kind == "markdown" and not translations.HANZI.search(e.text)]
    assert not english, f"{assignment}: markdown entries without a word of Chinese: {english}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_chinese_solutions_are_what_the_generator_writes(assignment):
    committed = ZH / "solutions" / assignment / notebook_name(assignment)
    assert committed.exists(), f"{committed} is missing: run `python -m cnn_grading.translations build`"
    assert committed.read_text(encoding="utf-8") == translations.solution_text(
        translations.translated_notebook(REPO, assignment)), (
        f"{committed} differs from what the generator makes: run `python -m cnn_grading.translations build` and "
        "commit zh/")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_both_editions_are_graded_alike(assignment):
    """Same cells in the same order, same grade ids, points, locks and test cells: one pipeline grades both."""
    def frame(path):
        nb = nbformat.read(path, as_version=4)
        return [(c.id, c.cell_type, json.dumps(c.metadata.get("nbgrader"), sort_keys=True),
                 c.source if translations.is_test_cell(c) else "") for c in nb.cells]

    english = frame(REPO / "solutions" / assignment / notebook_name(assignment))
    chinese = frame(ZH / "solutions" / assignment / notebook_name(assignment))
    assert chinese == english


def catalog_copy(tmp_path, assignment):
    """A repository-shaped folder with one English notebook and its catalog, to break on purpose."""
    (tmp_path / "solutions").mkdir()
    shutil.copytree(REPO / "solutions" / assignment, tmp_path / "solutions" / assignment)
    (tmp_path / "zh" / "translations").mkdir(parents=True)
    shutil.copy(translations.catalog_path(REPO, assignment), tmp_path / "zh" / "translations")
    return tmp_path / "solutions" / assignment / notebook_name(assignment), translations.catalog_path(
        tmp_path, assignment)


def test_a_changed_english_cell_makes_its_translation_stale(tmp_path):
    english, _ = catalog_copy(tmp_path, "01_padding")
    nb = nbformat.read(english, as_version=4)
    nb.cells[0].source += "\nOne more sentence."
    nbformat.write(nb, english)
    found = translations.problems(tmp_path, "01_padding")
    assert len(found) == 1 and "stale" in found[0] and nb.cells[0].id in found[0]


def test_a_new_english_cell_needs_a_translation(tmp_path):
    english, _ = catalog_copy(tmp_path, "01_padding")
    nb = nbformat.read(english, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_markdown_cell("A new paragraph."))
    nbformat.write(nb, english)
    found = translations.problems(tmp_path, "01_padding")
    assert len(found) == 1 and "no translation" in found[0]
    assert translations.update(tmp_path, "01_padding") == [nb.cells[3].id]
    assert "todo" in translations.problems(tmp_path, "01_padding")[0]


@pytest.mark.parametrize("change", [
    ("image_pad = zero_pad", "padded = zero_pad"),   # a name
    ("zero_pad(image, 3)", "zero_pad(image, 4)"),    # a number
    ('mode="valid"', 'mode="有效"'),                  # a one-word string: keys and modes stay
    ("step *= s", "step += s"),                      # an operator
])
def test_a_translation_that_changes_the_code_is_refused(tmp_path, change):
    _, catalog = catalog_copy(tmp_path, "01_padding")
    text = catalog.read_text(encoding="utf-8")
    entries = translations.read_catalog(catalog)
    target = next(e for e in entries.values() if e.kind == "code" and change[0] in e.text)
    catalog.write_text(text.replace(target.text, target.text.replace(change[0], change[1], 1)), encoding="utf-8")
    found = translations.problems(tmp_path, "01_padding")
    assert any(target.cell_id in problem and "differs" in problem for problem in found), found


def test_sentences_and_comments_may_change():
    english = 'def f(x):\n    """Pad x."""\n    print(f"shape {x.shape}, dtype {x.dtype}")  # why\n    return x["W1"]\n'
    chinese = ('def f(x):\n    """填充 x。"""\n'
               '    print(f"数据类型 {x.dtype}，形状 {x.shape}")  # 原因\n    return x["W1"]\n')
    assert translations.same_code(english, chinese) == ""
    assert translations.same_code(english, chinese.replace('"W1"', '"权重"'))


def test_figures_with_chinese_text_have_every_glyph(monkeypatch):
    """No character falls back to the missing-glyph box: matplotlib warns for each one it cannot find."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from cnn_utils import plots

    monkeypatch.setenv("CNN_LANG", "zh")
    history = {"loss": list(np.linspace(2.3, 0.3, 40)), "accuracy": list(np.linspace(0.1, 0.9, 40))}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plots.show_training_curves(history, steps_per_epoch=10, test_accuracy=0.9)
        fig = plt.gcf()
        fig.suptitle("卷积、填充、步幅、池化、感受野与反向传播（第 1 轮）：损失 −0.25")
        fig.savefig(io.BytesIO(), format="png")
        plt.close("all")
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing
    assert any("\u4e00" <= ch <= "\u9fff" for ax in fig.axes for ch in ax.get_xlabel() + ax.get_title()), (
        "the training curves have no Chinese label with CNN_LANG=zh")


def test_the_chinese_font_ships_with_its_license():
    from cnn_utils import fonts

    assert fonts.COURSE_FONT.stat().st_size > 1_000_000
    license_text = (fonts.COURSE_FONT.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in license_text or "SIL OPEN FONT LICENSE" in license_text
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"cnn_utils.fonts" = ["*.otf", "OFL.txt"]' in pyproject, "the font must be installed with the package"


def test_run_lab_opens_the_chinese_edition():
    sys.path.insert(0, str(REPO))
    try:
        import run
    finally:
        sys.path.remove(str(REPO))
    command, variables = run.lab_command(["--lang", "zh", "--no-browser"])
    assert Path(command[command.index("--notebook-dir") + 1]) == ZH / "notebooks"
    assert variables == {"CNN_LANG": "zh"} and command[-1] == "--no-browser"
    assert (ZH / "notebooks" / "01_padding" / "01_padding.ipynb").exists()


# -- the Chinese round trip, for real ----------------------------------------------------------------------------
# A few wrong submissions, graded in packs as in the English round trip: each must lose exactly its exercises here too
ZH_PACKS = [(a, "wrong_00") for a in ("01_padding", "04_pooling", "06_layers") if "wrong_00" in wrong_packs(a)]


@pytest.fixture(scope="session")
def chinese_course(tmp_path_factory):
    """zh/ as an instructor uses it: generate, submit (solution, blank, wrong packs), autograde, feedback."""
    course = tmp_path_factory.mktemp("zh-course")
    shutil.copy(REPO / "nbgrader_config.py", course)  # zh/nbgrader_config.py loads it from the folder above
    root = course / "zh"
    root.mkdir()
    shutil.copy(ZH / "nbgrader_config.py", root)
    shutil.copytree(ZH / "solutions", root / "solutions")
    cnn_grading(root, "release")
    for assignment in ASSIGNMENTS:
        release = nbformat.read(root / "notebooks" / assignment / notebook_name(assignment), as_version=4)
        solution = nbformat.read(root / "solutions" / assignment / notebook_name(assignment), as_version=4)
        submit(root, "solution", assignment, solved(release, solution))
        submit(root, "blank", assignment, release)
        for pack_assignment, pack in ZH_PACKS:
            if pack_assignment == assignment:
                cells = {e: source.strip("\n") for e, (_, source) in wrong_packs(assignment)[pack].items()}
                submit(root, pack, assignment, solved(release, solution, cells))
    cnn_grading(root, "autograde", "--jobs", "2")
    cnn_grading(root, "feedback", *(assignment for assignment, _ in ZH_PACKS))
    return root


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_chinese_release_is_what_nbgrader_generates(chinese_course, assignment):
    from test_notebooks import comparable

    committed = ZH / "notebooks" / assignment / notebook_name(assignment)
    generated = nbformat.read(chinese_course / "notebooks" / assignment / notebook_name(assignment), as_version=4)
    assert comparable(nbformat.read(committed, as_version=4)) == comparable(generated), (
        f"{committed} differs from what nbgrader generates from zh/solutions: run "
        "`python -m cnn_grading.translations build` and commit zh/")


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_chinese_solution_runs_and_scores_full_marks(chinese_course, assignment):
    scores = read_scores(chinese_course, assignment)["solution"]
    lost = {gid: s for gid, s in scores.items() if s[0] != s[1]}
    assert scores and not lost, f"the Chinese solution of {assignment} lost points in {lost}"
    nb = nbformat.read(chinese_course / "autograded" / "solution" / assignment / notebook_name(assignment),
                       as_version=4)
    # a demonstration that borrows a reference withheld while this notebook is graded says so (docs/integrity.md)
    errors = [(i, o.ename, o.evalue) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.get("outputs", []) if o.output_type == "error"
              and not (o.ename == "ImportError" and "While a notebook is graded" in o.evalue)]
    assert not errors, f"the Chinese solution of {assignment} raised: {errors}"
    passes = [o.text for c in nb.cells if translations.is_test_cell(c) for o in c.get("outputs", [])
              if o.output_type == "stream" and "✔" in o.text]
    assert passes and all(translations.HANZI.search(text) for text in passes), f"pass lines not in Chinese: {passes}"


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_chinese_blank_scores_zero(chinese_course, assignment):
    scores = read_scores(chinese_course, assignment)["blank"]
    earned = {gid: s for gid, s in scores.items() if s[0] != 0}
    assert not earned, f"the Chinese student version of {assignment} earned points in {earned}"


@pytest.mark.slow
@pytest.mark.parametrize("assignment,pack", ZH_PACKS)
def test_chinese_wrong_submissions_lose_exactly_their_exercises(chinese_course, assignment, pack):
    broken = wrong_packs(assignment)[pack]
    scores = read_scores(chinese_course, assignment)[pack]
    for exercise in broken:
        kept = {gid: s for gid, s in scores.items() if belongs_to(gid, exercise) and s[0] != 0}
        assert not kept, f"the wrong {exercise} still earned points in {kept}"
    lost = {gid: s for gid, s in scores.items() if s[0] != s[1] and not any(belongs_to(gid, e) for e in broken)}
    assert not lost, f"{pack} also lost points in {lost}"


@pytest.mark.slow
@pytest.mark.parametrize("assignment,pack", ZH_PACKS[:1])
def test_chinese_feedback_explains_in_chinese(chinese_course, assignment, pack):
    html = (chinese_course / "feedback" / pack / assignment / notebook_name(assignment).replace(".ipynb", ".html")
            ).read_text(encoding="utf-8")
    failures = [o.evalue for c in nbformat.read(chinese_course / "autograded" / pack / assignment
                                                / notebook_name(assignment), as_version=4).cells
                if translations.is_test_cell(c) for o in c.get("outputs", []) if o.output_type == "error"]
    assert failures and all(translations.HANZI.search(text) for text in failures), failures
    assert failures[0].split("\n")[0][:40] in html


def test_class_names_follow_the_language(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from cnn_utils import plots
    from cnn_utils.i18n.zh import CLASS_NAMES

    classes = np.array(list(CLASS_NAMES))
    for lang, expected in (("zh", list(CLASS_NAMES.values())), ("en", list(CLASS_NAMES))):
        monkeypatch.setenv("CNN_LANG", lang)
        plots.show_confusion_matrix(np.ones((10, 10), int), classes)
        assert [t.get_text() for t in plt.gca().get_xticklabels()] == expected
        plt.close("all")
