"""The Chinese edition's messages: one catalog per package, complete, with the placeholders of the English.

Every learner-facing sentence of cnn_utils (and of the hidden tests in cnn_grading) is an English str.format template
passed to cnn_utils.i18n.tr; cnn_utils/i18n/zh.py and cnn_grading/hidden/zh.py hold the Chinese. These tests find the
templates in the code (ast), check both catalogs against them, and run a few real checks in both languages.
"""

import ast
import os
import string
from pathlib import Path

import numpy as np
import pytest

from cnn_utils import checks, i18n
from cnn_utils.checks import core
from cnn_utils.i18n import zh

ROOT = Path(__file__).resolve().parent.parent
UTILS = ROOT / "cnn_utils"
GRADING = ROOT / "grading" / "cnn_grading"


def tr_calls(folder):
    """[(file, line, first argument node)] of every call tr(...) in the .py files under folder."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr":
                found.append((path.relative_to(ROOT), node.lineno, node.args[0] if node.args else None))
    return found


def templates(folder):
    return {node.value for _, _, node in tr_calls(folder)}


def hidden_catalog():
    from cnn_grading.hidden import zh as hidden_zh

    return hidden_zh.MESSAGES


def fields(template):
    """The placeholders of a template, with their conversion and format spec, as a sorted list."""
    parsed = string.Formatter().parse(template)
    return sorted((name, conversion or "", spec or "") for _, name, spec, conversion in parsed if name is not None)


@pytest.fixture
def language():
    """Switch the language for one test (set_language), then restore CNN_LANG as it was."""
    saved = os.environ.get(i18n.VARIABLE)
    yield i18n.set_language
    if saved is None:
        os.environ.pop(i18n.VARIABLE, None)
    else:
        os.environ[i18n.VARIABLE] = saved


# --- the catalogs against the code -----------------------------------------------------------------------------

@pytest.mark.parametrize("folder", [UTILS, GRADING], ids=["cnn_utils", "cnn_grading"])
def test_every_tr_call_has_a_literal_template(folder):
    calls = tr_calls(folder)
    assert calls, f"no tr() call found under {folder}"
    wrong = [f"{path}:{line}" for path, line, node in calls
             if not (isinstance(node, ast.Constant) and isinstance(node.value, str))]
    assert not wrong, f"tr() needs a literal template (the catalogs are checked against them): {wrong}"


def test_every_template_of_cnn_utils_has_its_chinese_and_every_entry_is_used():
    used = templates(UTILS)
    assert sorted(used - set(zh.MESSAGES)) == [], "templates without a Chinese entry in cnn_utils/i18n/zh.py"
    assert sorted(set(zh.MESSAGES) - used) == [], "entries of cnn_utils/i18n/zh.py that no tr() call uses"


def test_every_template_of_the_hidden_tests_has_its_chinese_and_every_entry_is_used():
    used, hidden = templates(GRADING), hidden_catalog()
    assert sorted(used - set(hidden) - set(zh.MESSAGES)) == [], "templates of cnn_grading without a Chinese entry"
    assert sorted(set(hidden) - used) == [], "entries of cnn_grading/hidden/zh.py that no tr() call uses"
    assert sorted(set(hidden) & set(zh.MESSAGES)) == [], "translated twice: keep one entry, in cnn_utils/i18n/zh.py"


@pytest.mark.parametrize("catalog", ["cnn_utils", "cnn_grading"])
def test_placeholders_match_between_the_languages(catalog):
    messages = zh.MESSAGES if catalog == "cnn_utils" else hidden_catalog()
    different = {english: chinese for english, chinese in messages.items() if fields(english) != fields(chinese)}
    assert not different, f"placeholders (names, conversions, format specs) differ: {different}"
    for english, chinese in messages.items():
        assert chinese.strip(), f"empty translation of {english!r}"


def test_chinese_text_uses_full_width_punctuation():
    """A comma or full stop right after a hanzi is written full-width (code, shapes and formulas keep theirs)."""
    def hanzi(c):
        return "\u4e00" <= c <= "\u9fff"
    for chinese in list(zh.MESSAGES.values()) + list(hidden_catalog().values()):
        for k in range(1, len(chinese)):
            if chinese[k] in ",;:?" and hanzi(chinese[k - 1]):
                pytest.fail(f"half-width {chinese[k]!r} after a hanzi in {chinese!r}")


def test_hidden_cases_stay_hidden_in_chinese():
    """assert_close recognises a hidden case from its context in either language: every translated context that
    names a hidden test case still does (隐藏测试)."""
    for messages in (zh.MESSAGES, hidden_catalog()):
        for english, chinese in messages.items():
            if "hidden test case" in english:
                assert core.is_hidden_context(chinese), chinese


# --- real checks, in both languages ----------------------------------------------------------------------------

def failure(function, *args, **kwargs):
    with pytest.raises(AssertionError) as raised:
        function(*args, **kwargs)
    return str(raised.value)


def test_a_wrong_value_in_english_and_in_chinese(language):
    expected = np.arange(12.0).reshape(3, 4)
    got = expected.copy()
    got[1, 2] = 99.0
    language("en")
    english = failure(checks.assert_close, got, expected, "Z", context="(stride 2, pad 1)")
    assert english == ("Z (stride 2, pad 1) has the right shape (3, 4) but 1 of its 12 values are wrong. First "
                       "difference at index (1, 2): expected 6, got 99. Largest absolute error 93, largest relative "
                       "error 15.5.")
    language("zh")
    chinese = failure(checks.assert_close, got, expected, "Z", context="(stride 2, pad 1)")
    assert chinese == ("Z (stride 2, pad 1)的形状(3, 4)是对的，但它的12个值中有1个不对。第一处差异在索引(1, 2)：应为6，"
                       "实际为99。最大绝对误差93，最大相对误差15.5。")


def test_a_wrong_shape_with_its_hint_in_chinese(language):
    language("zh")
    message = failure(checks.assert_shape, np.zeros((4, 5, 5, 2)), (4, 7, 7, 2), "x_pad",
                      hints=[((4, 5, 5, 2), "pad 是每一边的零的个数。")])
    assert message == "x_pad的形状不对：应为(4, 7, 7, 2)，实际为(4, 5, 5, 2)。提示：pad 是每一边的零的个数。"


def test_a_hidden_case_gives_no_expected_value_in_either_language(language):
    expected = np.linspace(0.0, 1.0, 6).reshape(2, 3)
    got = expected + np.array([[0, 0, 0], [0, 0.5, 0]])
    for code, where in (("en", "on a hidden test case (x (2, 3))"), ("zh", "（隐藏测试用例：x (2, 3)）")):
        language(code)
        message = failure(checks.assert_close, got, expected, "out", context=core.hidden_case("x (2, 3)"))
        assert where in message and "(1, 1)" in message
        assert "0.8" not in message and "1.3" not in message, message  # neither the expected value nor the student's
        assert "expected" not in message and "应为" not in message, message
    # an explicit flag says it too, whatever the context's words
    language("zh")
    message = failure(checks.assert_close, got, expected, "out", context="（第 2 步）", hidden=True)
    assert "应为" not in message and "(1, 1)" in message
    scalar = failure(checks.assert_close, 2.0, 1.0, "loss", context=core.hidden_case("3 个样本"))
    assert scalar == "loss （隐藏测试用例：3 个样本）不对：相对误差1。"


def test_a_visible_check_fails_in_chinese_with_the_right_shapes(language):
    def zero_pad(X, pad):
        return np.pad(X, pad)  # pads every axis: a classic mistake with its own hint

    language("zh")
    message = failure(checks.check_zero_pad, zero_pad)
    assert message.startswith("zero_pad(x, 2)（x的形状为(4, 3, 3, 2)）的形状不对：应为(4, 7, 7, 2)，实际为"
                              "(8, 7, 7, 6)。提示：四个轴都被填充了")
    language("en")
    message = failure(checks.check_zero_pad, zero_pad)
    assert message.startswith("zero_pad(x, 2) with x of shape (4, 3, 3, 2) has the wrong shape: expected (4, 7, 7, "
                              "2), got (8, 7, 7, 6). Hint: all four axes were padded")


def test_not_written_yet_and_the_summary_in_chinese(language, capsys):
    def conv_single_step(a_slice_prev, W, b):
        raise NotImplementedError()

    language("zh")
    with pytest.raises(NotImplementedError, match=r"^conv_single_step还没有写"):
        checks.check_conv_single_step(conv_single_step)
    checks.summary(["conv_single_step", "question 9"])
    out = capsys.readouterr().out
    assert "✘ conv_single_step: 还没有写" in out and "✘ 思考题9: 还没有检查" in out


def test_a_hidden_test_message_in_chinese(language):
    """The hidden tests' own catalog is registered when cnn_grading.hidden is imported."""
    from cnn_grading.hidden import layers as hidden_layers

    language("zh")
    assert hidden_layers._label((2, 5, 5, 3), 3, 2, 1) == "（隐藏测试用例：x (2, 5, 5, 3)，f 3，stride 2，pad 1）"
    language("en")
    assert hidden_layers._label((2, 5, 5, 3), 3, 2, 1) == "(a hidden test case: x (2, 5, 5, 3), f 3, stride 2, pad 1)"


def test_without_cnn_lang_the_messages_are_english(monkeypatch):
    monkeypatch.delenv(i18n.VARIABLE, raising=False)
    assert i18n.language() == "en"
    assert failure(checks.assert_shape, np.zeros(3), (4,), "b") == "b has the wrong shape: expected (4,), got (3,)."


# --- the grader's switch -----------------------------------------------------------------------------------------

def test_a_notebook_language_comes_from_its_metadata_and_is_restored(monkeypatch):
    monkeypatch.setenv(i18n.VARIABLE, "en")
    chinese = {"metadata": {"cnn_course": {"language": "zh"}}}
    assert i18n.notebook_language(chinese) == "zh"
    assert i18n.notebook_language({"metadata": {}}) == "en"
    assert i18n.notebook_language({"metadata": {"cnn_course": {"language": "klingon"}}}) == "en"
    with i18n.using_language(i18n.notebook_language(chinese)):
        assert i18n.tr("passed") == "通过"
    assert os.environ[i18n.VARIABLE] == "en"
    monkeypatch.delenv(i18n.VARIABLE)
    with pytest.raises(RuntimeError):
        with i18n.using_language("zh"):
            raise RuntimeError("a failure inside the block")
    assert i18n.VARIABLE not in os.environ


def test_the_verdicts_follow_the_language(language):
    from cnn_utils.runner import remote, verdict

    language("zh")
    ename, evalue = verdict.explain(remote.KernelLost("timed out", "the call was interrupted"))
    assert ename == verdict.TIMEOUT and evalue.startswith("单个测试的时间上限到了")
    language("en")
    assert verdict.explain(remote.KernelLost("timed out", "x"))[1].startswith("the function under test was still")


def test_the_grader_judges_a_notebook_in_its_language_and_restores_its_own(monkeypatch):
    """ResilientExecute.preprocess (the grader's and validate's executor) runs everything in the notebook's language;
    the kernel part is stubbed out here (the slow tier runs real notebooks)."""
    import nbformat

    from cnn_utils.runner.execute import ResilientExecute

    seen = []
    monkeypatch.setattr(ResilientExecute, "_preprocess",
                        lambda self, nb, resources=None, km=None: seen.append(
                            (i18n.tr("passed"), self.error_on_timeout["evalue"][:4])) or (nb, resources))
    monkeypatch.delenv(i18n.VARIABLE, raising=False)
    executor = ResilientExecute()
    nb = nbformat.v4.new_notebook(metadata={"cnn_course": {"language": "zh"}})
    executor.preprocess(nb, {})
    executor.preprocess(nbformat.v4.new_notebook(), {})
    assert seen == [("通过", "这个单元"), ("passed", "this")]
    assert i18n.VARIABLE not in os.environ
