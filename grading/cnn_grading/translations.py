"""The Chinese edition (中文版), built from the English sources and one translation catalog per notebook.

English `solutions/` is the single truth. zh/translations/<assignment>.md holds, for every cell of the English
notebook that has words in it, the translated cell under a header naming the cell's id, its type and a hash of the
English source it translates:

    <!-- cell 7f3433da code en:1a2b3c4d5e6f -->
    (the whole cell, translated: markdown, or code with its comments, docstrings and sentences in Chinese)

`build` writes zh/solutions/<assignment>/ from the two (the set-up cell also switches the checks' messages to Chinese,
the notebook's metadata says it is the Chinese edition) and zh/notebooks/ through `nbgrader generate_assignment` with
zh/nbgrader_config.py, as notebooks/ is made from solutions/. A translated code cell must be the English code: the
same syntax tree once sentences are set aside (docstrings, strings of two words or more or with Chinese in them, the
text of f-strings, whose fields may change order), so names, grade ids, points and tests are the same in both
editions. Test cells are never translated.

    python -m cnn_grading.translations check     what is missing, stale (the English changed) or not the same code
    python -m cnn_grading.translations update    add an entry (English text, marked "todo") for each new cell, drop
                                                 entries of cells that are gone; stale entries are listed, not changed
    python -m cnn_grading.translations build     write zh/solutions and zh/notebooks
"""

import ast
import copy
import hashlib
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

LANGUAGE = "zh"
EDITION = "zh"  # the folder of the edition: zh/translations, zh/solutions, zh/notebooks, zh/nbgrader_config.py
HEADER = re.compile(r"^<!-- cell (?P<id>\S+) (?P<kind>markdown|code) en:(?P<hash>[0-9a-f]{12})(?P<todo> todo)? -->$")
# Prepended to the set-up cell: the checks and figures of cnn_utils speak the notebook's language (cnn_utils.i18n)
LANGUAGE_LINES = 'import os\nos.environ["CNN_LANG"] = "zh"  # 检查信息和图中的文字使用中文\n'
WORDS = re.compile(r"[A-Za-z]{2,}[^\S\n]+[A-Za-z]{2,}")
HANZI = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # CJK punctuation, hanzi, full-width forms


def is_sentence(text):
    """Text a translation may change: two English words in a row, or any Chinese."""
    return bool(WORDS.search(text) or HANZI.search(text))


class TranslationError(Exception):
    """The catalogs and the English sources disagree; the message lists every problem."""


@dataclass
class Entry:
    cell_id: str
    kind: str
    english_hash: str
    text: str
    todo: bool = False

    def header(self):
        return f"<!-- cell {self.cell_id} {self.kind} en:{self.english_hash}{' todo' if self.todo else ''} -->"


def english_hash(source):
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]


def is_test_cell(cell):
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def python_source(source):
    """A cell's source as plain Python (IPython magics and shell escapes turned into calls)."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def needs_translation(cell):
    """Markdown cells, and code cells (not tests) with a comment or a sentence in a string."""
    if cell.cell_type == "markdown":
        return bool(cell.source.strip())
    if cell.cell_type != "code" or is_test_cell(cell):
        return False
    import io
    import tokenize

    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(python_source(cell.source)).readline))
    except (tokenize.TokenError, SyntaxError):
        return True
    return any(t.type == tokenize.COMMENT or (t.type == tokenize.STRING and WORDS.search(t.string)) for t in tokens)


def _code_shape(source):
    """The syntax tree of a code cell with its sentences set aside: what must not change in a translation."""
    tree = ast.parse(python_source(source))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(
                    first.value.value, str):
                first.value.value = "<sentence>"  # a docstring, however short
        if isinstance(node, ast.JoinedStr):
            fields = sorted(ast.dump(v) for v in node.values if isinstance(v, ast.FormattedValue))
            node.values = [ast.Constant(value=field) for field in fields]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and is_sentence(node.value):
            node.value = "<sentence>"
    return ast.dump(tree)


def same_code(english, translated):
    """"" when the translated cell is the English code, else why not."""
    try:
        if _code_shape(english) == _code_shape(translated):
            return ""
    except SyntaxError as error:
        return f"the translated cell is not valid Python: {error}"
    return ("the translated code differs from the English beyond comments and sentences (names, numbers, one-word "
            "strings and f-string fields must stay as they are)")


# -- catalogs -----------------------------------------------------------------------------------------------------
def catalog_path(root, assignment):
    return Path(root) / EDITION / "translations" / f"{assignment}.md"


def read_catalog(path):
    """{cell id: Entry} from a catalog file ({} when there is none)."""
    entries, current, lines = {}, None, []

    def close():
        if current:
            current.text = "\n".join(lines).strip("\n")
            entries[current.cell_id] = current

    if not Path(path).exists():
        return entries
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        match = HEADER.match(line)
        if match:
            close()
            current, lines = Entry(match["id"], match["kind"], match["hash"], "", bool(match["todo"])), []
        elif current:
            lines.append(line)
    close()
    return entries


def write_catalog(path, assignment, entries):
    path.parent.mkdir(parents=True, exist_ok=True)
    parts = [f"<!-- 翻译目录 {assignment}: translations of solutions/{assignment}, one entry per cell; "
             "see docs/translating.md -->"]
    parts += [f"{entry.header()}\n{entry.text}\n" for entry in entries]
    path.write_text("\n".join(parts), encoding="utf-8")


def english_notebook(root, assignment):
    return nbformat.read(Path(root) / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)


def assignments(root):
    return sorted(p.name for p in (Path(root) / "solutions").iterdir() if p.is_dir() and not p.name.startswith("."))


def problems(root, assignment):
    """Every disagreement between an English notebook and its catalog, as sentences."""
    found = []
    entries = read_catalog(catalog_path(root, assignment))
    cells = {cell.id: cell for cell in english_notebook(root, assignment).cells}
    for cell in cells.values():
        if not needs_translation(cell):
            continue
        entry = entries.get(cell.id)
        where = f"{assignment}, cell {cell.id}"
        if entry is None:
            found.append(f"{where}: no translation (run `python -m cnn_grading.translations update`)")
        elif entry.todo:
            found.append(f"{where}: still marked todo")
        elif entry.english_hash != english_hash(cell.source):
            found.append(f"{where}: stale, the English changed since it was translated; revise the translation, then "
                         f"set its header's hash to en:{english_hash(cell.source)}")
        elif entry.kind != cell.cell_type:
            found.append(f"{where}: the entry is {entry.kind}, the cell is {cell.cell_type}")
        elif cell.cell_type == "code" and (why := same_code(cell.source, entry.text)):
            found.append(f"{where}: {why}")
    for cell_id in entries.keys() - {i for i, c in cells.items() if needs_translation(c)}:
        found.append(f"{assignment}, cell {cell_id}: translates no cell that needs one (removed? a test cell?)")
    return found


def update(root, assignment):
    """Add a todo entry (the English text) for every untranslated cell, drop orphans, keep the rest as they are."""
    path = catalog_path(root, assignment)
    old = read_catalog(path)
    entries = []
    for cell in english_notebook(root, assignment).cells:
        if needs_translation(cell):
            entries.append(old.get(cell.id) or Entry(cell.id, cell.cell_type, english_hash(cell.source), cell.source,
                                                     todo=True))
    write_catalog(path, assignment, entries)
    return [e.cell_id for e in entries if e.todo]


# -- building the edition -----------------------------------------------------------------------------------------
def translated_notebook(root, assignment):
    """The Chinese solution notebook, in memory. Raises TranslationError when the catalog is not complete."""
    found = problems(root, assignment)
    if found:
        raise TranslationError("\n".join(found))
    entries = read_catalog(catalog_path(root, assignment))
    nb = copy.deepcopy(english_notebook(root, assignment))
    for cell in nb.cells:
        if cell.id in entries:
            cell.source = entries[cell.id].text
    setup = next(cell for cell in nb.cells if cell.cell_type == "code")
    setup.source = LANGUAGE_LINES + setup.source
    nb.metadata["cnn_course"] = {"language": LANGUAGE}
    return nb


def solution_text(nb):
    return nbformat.writes(nb) + "\n"


def build(root, only=None, release=True):
    """Write zh/solutions/<assignment>/ (the notebook, plus the English folder's other files) and, with `release`,
    zh/notebooks/<assignment>/ through nbgrader. Returns the assignments written."""
    root = Path(root).resolve()
    chosen = only or assignments(root)
    for assignment in chosen:
        nb = translated_notebook(root, assignment)
        source, target = root / "solutions" / assignment, root / EDITION / "solutions" / assignment
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(f"{assignment}.ipynb", ".ipynb_checkpoints"))
        (target / f"{assignment}.ipynb").write_text(solution_text(nb), encoding="utf-8")
    if release:
        generate_releases(root / EDITION, chosen)
    return chosen


def generate_releases(course_root, chosen):
    """zh/notebooks/<assignment> from zh/solutions/<assignment>, by nbgrader, as the English release is made."""
    from .cli import nbgrader_api

    api = nbgrader_api(course_root)
    try:
        for assignment in chosen:
            result = api.generate_assignment(assignment, force=True)
            if not result["success"]:
                raise TranslationError(f"nbgrader generate_assignment {assignment} failed:\n{result.get('log', '')}"
                                       f"{result.get('error', '')}")
    finally:
        (Path(course_root) / "gradebook.db").unlink(missing_ok=True)


def main(argv):
    import argparse

    parser = argparse.ArgumentParser(prog="python -m cnn_grading.translations", description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["check", "update", "build"])
    parser.add_argument("assignments", nargs="*", help="default: every assignment")
    parser.add_argument("--root", default=".", help="the repository root (default: the current directory)")
    args = parser.parse_args(argv)
    root = Path(args.root)
    chosen = args.assignments or assignments(root)
    if args.action == "update":
        for assignment in chosen:
            todo = update(root, assignment)
            print(f"{catalog_path(root, assignment)}: {len(todo)} cell(s) to translate")
        return 0
    found = [problem for assignment in chosen for problem in problems(root, assignment)]
    if found:
        print("\n".join(found), file=sys.stderr)
        return 1
    if args.action == "build":
        for assignment in build(root, chosen):
            print(f"wrote {Path(EDITION, 'solutions', assignment)} and {Path(EDITION, 'notebooks', assignment)}")
    else:
        print(f"{len(chosen)} catalog(s) complete and up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
