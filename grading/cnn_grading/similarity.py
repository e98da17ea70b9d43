"""Similarity report: which submissions of an assignment share unusually much code, for the instructor to review.

    python -m cnn_grading.similarity ASSIGNMENT [--root .] [--threshold T] [--out DIR]

What is compared: the exercise cells (nbgrader `solution: true`) of every `submitted/<student>/<assignment>/*.ipynb`,
with the template lines removed (every line of the released student version's same cell: signature, docstring,
`return`), pairwise between students, and each student against the public solutions (`solutions/<assignment>/`)
and against `cnn_utils.reference` (the source of the module's functions). Code the release notebook itself shows (its
other code cells, the code in its instructions) is boilerplate: it counts for no one.

How: copydetect's fingerprints (https://github.com/blingenf/copydetect): the code is tokenized with Pygments and
every name is replaced by one letter, so renamed variables change nothing; every k-gram of the result is hashed
(winnowing), and two documents are compared by the fingerprints they share, which does not depend on the order of
functions or blocks. `similarity a->b` is the fraction of a's fingerprinted code that is also in b (copydetect's
similarity score), so it is asymmetric: a short submission wholly contained in a long one has a->b near 1.

Output, in --out (default `<root>/reports/similarity/<assignment>/`): `similarity.csv` (every pair, per exercise and
"all"), `skipped.csv` (every submission that could not be compared, with the reason) and `report.html` (every pair
whose similarity reaches the threshold in either direction, side by side, the shared regions highlighted, and the
skipped list). Every submitted student is either in similarity.csv or in skipped.csv.

The report is evidence for a person to look at, nothing more: it reads submissions and never writes a grade, the
gradebook or anything under submitted/. See docs/grading.md, "Similarity report".
"""

import argparse
import ast
import csv
import html
import importlib.util
import io
import re
import sys
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import nbformat
from copydetect import CodeFingerprint, compare_files
from copydetect.utils import get_token_coverage, highlight_overlap

# Flag a pair when its similarity reaches this in either direction. Measured on tests/test_similarity.py's cases
# (k = 30): deliberate copies score 0.78 to 1.00 (renamed variables and reordered helpers 1.00, statements split and
# moved 0.79, a renamed public solution 1.00; a student who copied one of two substantial exercises 1.00 on it and
# 0.63 on the whole); independent solutions of other shapes at most 0.36 (loops with helpers against
# cnn_utils.reference), mostly under 0.3. 0.5 lies in that gap with a margin on both sides: half of one side's code
# found in the other. Canonical loops written from the notebook's recipe score 0.18 to 0.76 against the public
# solution, which is the same recipe, so some of those pairs are flagged too (docs/grading.md, "Similarity report").
DEFAULT_THRESHOLD = 0.5
# copydetect's noise threshold k: matches shorter than k characters of tokenized code (names replaced by V, whitespace
# and comments dropped: `Z[i, h, w, c] = 0` is 12 characters, two nested `for` headers 30) are ignored. copydetect's
# default, 25, let the shared loop scaffolding of two independent loop solutions reach 0.48; 30 brings it to 0.36;
# 35 and more lowered the renamed copy (0.88) without lowering the recipe pairs.
NOISE = 30
# winnowing window: 1 keeps every k-gram (guarantee threshold = noise threshold), affordable for notebook cells.
WINDOW = 1
# A per-exercise comparison is only made when both sides have at least this many characters of tokenized code left
# after the template and the boilerplate are removed: the one-line exercises (`mask = x == np.max(x)`) are written
# the same way by everyone, and their few fingerprints would make any two students "identical".
MIN_CODE = 2 * NOISE
ALL = "all"
SHOWN = 20  # flagged pairs printed on the terminal; the report has them all
SIDE_BY_SIDE = 200  # flagged pairs shown side by side in the HTML (all of them are in its table and in the CSV)
STUDENT = "student"
SOLUTION = "solution"
REFERENCE = "reference"

_CSS = """
body { font-family: sans-serif; margin: 1.5em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em 0; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
.pair { margin-bottom: 2.5em; }
.side { display: flex; gap: 1em; }
.side > div { flex: 1; min-width: 0; }
pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; font-size: 85%; }
.hl { background: #ffb3b3; }
.note { color: #555; }
"""


@dataclass
class Document:
    """The code of one exercise (or of all exercises) of one student, or of the solution or the reference."""
    label: str
    kind: str  # STUDENT, SOLUTION or REFERENCE
    exercise: str
    code: str
    fingerprint: CodeFingerprint = None

    @property
    def size(self):
        """Characters of tokenized code that take part in the comparison."""
        return int(self.fingerprint.token_coverage) if self.fingerprint else 0

    @property
    def title(self):
        return {SOLUTION: "the public solution", REFERENCE: "cnn_utils.reference"}.get(self.kind, self.label)


@dataclass
class Comparison:
    a: Document
    b: Document
    similarity_ab: float
    similarity_ba: float
    slices: tuple

    @property
    def score(self):
        return max(self.similarity_ab, self.similarity_ba)

    @property
    def pair(self):
        return (self.a.kind, self.a.label, self.b.kind, self.b.label)


@dataclass
class Report:
    assignment: str
    threshold: float
    exercises: list
    comparisons: list = field(default_factory=list)
    skipped: dict = field(default_factory=dict)  # student -> reason
    notes: dict = field(default_factory=dict)  # student -> [remark], for submissions that were compared anyway
    students: list = field(default_factory=list)  # compared
    missing: list = field(default_factory=list)  # what could not be compared against (no solutions, ...)

    def flagged(self):
        return [c for c in self.comparisons if c.score >= self.threshold]


class Skip(Exception):
    """A submission that cannot be compared; the message is the reason shown to the instructor."""


# --- reading notebooks --------------------------------------------------------------------------------------------

def read_notebook(path):
    """The notebook at path as nbformat 4, or Skip with a reason a person understands."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise Skip(f"{Path(path).name} is not UTF-8 text") from None
    except OSError as e:
        raise Skip(f"{Path(path).name} cannot be read ({e.strerror})") from None
    if not text.strip():
        raise Skip(f"{Path(path).name} is empty")
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as e:  # NotJSONError, a JSON that is no notebook, an unknown nbformat version ...
        first = str(e).strip().splitlines()[0][:120] if str(e).strip() else type(e).__name__
        raise Skip(f"{Path(path).name} is not a valid notebook: {first}") from None
    if not isinstance(nb.get("cells"), list):
        raise Skip(f"{Path(path).name} is not a valid notebook: it has no list of cells")
    return nb


def _source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _defined_functions(source):
    return re.findall(r"^def\s+([A-Za-z_]\w*)\s*\(", source, flags=re.MULTILINE)


def exercise_cells(nb):
    """{grade_id: source} of the cells nbgrader marks as exercises (metadata solution: true), in notebook order."""
    cells = {}
    for cell in nb.get("cells", []):
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if cell.get("cell_type") == "code" and meta.get("solution") and meta.get("grade_id"):
            cells.setdefault(meta["grade_id"], _source(cell))
    return cells


def cells_by_function(nb, release_cells):
    """Exercise cells recognised by the functions they define, for a notebook whose nbgrader metadata is gone (a
    copy-paste into a new notebook): {grade_id: source} for every code cell that defines the exercise's function."""
    wanted = {}
    for grade_id, source in release_cells.items():
        for name in _defined_functions(source):
            wanted.setdefault(name, grade_id)
    cells = {}
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = _source(cell)
        for name in _defined_functions(source):
            if name in wanted:
                cells.setdefault(wanted[name], source)
    return cells


# --- what is compared ---------------------------------------------------------------------------------------------

def template_lines(source):
    return {line.strip() for line in source.splitlines() if line.strip()}


def drop_docstrings(source):
    """source without the docstrings of its functions, classes and module, when it parses (else unchanged).

    Done before the template's lines are removed: the template's docstring shares its lines of bare quotes with any
    other docstring, and a docstring that lost only its quotes would be read as code."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return source
    drop = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str) and first.lineno != getattr(node, "lineno", None)):
                drop.update(range(first.lineno, first.end_lineno + 1))
    return "\n".join(line for n, line in enumerate(source.splitlines(), 1) if n not in drop)


def strip_template(source, template):
    """source without docstrings, without the lines that are also lines of the template (compared without their
    indentation), without nbgrader's solution markers and without blank lines at either end."""
    kept = [line for line in drop_docstrings(source).splitlines()
            if line.strip() not in template and line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")]
    return "\n".join(kept).strip("\n")


def markdown_code(text):
    """The code a markdown cell shows: fenced blocks and `inline` spans."""
    snippets = re.findall(r"```[^\n]*\n(.*?)```", text, flags=re.DOTALL)
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    snippets += re.findall(r"``(.+?)``|`([^`\n]+)`", text)
    return [s if isinstance(s, str) else (s[0] or s[1]) for s in snippets]


def boilerplate_sources(release):
    """Everything the release notebook hands every student: its code cells (the exercise templates included) and the
    code in its instructions. Each snippet on its own, so that no k-gram spans two of them."""
    sources = []
    for cell in release.cells:
        if cell.cell_type == "code":
            sources.append(_source(cell))
        elif cell.cell_type == "markdown":
            sources += markdown_code(_source(cell))
    return [s for s in sources if s.strip()]


def reference_functions(module_name="cnn_utils.reference"):
    """{function name: source} of the top-level functions of the module, or of every module of the package (read
    from the files, not imported: importing runs code, and a package may load its functions lazily)."""
    spec = importlib.util.find_spec(module_name)
    if spec is None:
        raise ModuleNotFoundError(f"no module named {module_name!r}")
    if spec.submodule_search_locations:
        files = sorted(f for folder in spec.submodule_search_locations for f in Path(folder).rglob("*.py"))
    else:
        files = [Path(spec.origin)]
    functions = {}
    for path in files:
        source = path.read_text(encoding="utf-8")
        for node in ast.parse(source).body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("__"):
                functions.setdefault(node.name, ast.get_source_segment(source, node))
    return functions


def fingerprint(document, boilerplate):
    """copydetect's fingerprint of the document, without the boilerplate's hashes.

    The boilerplate is removed here rather than with CodeFingerprint's own `boilerplate` argument, which assumes the
    document's hashes are unique (numpy's intersect1d(assume_unique=True)) and so drops one occurrence of any k-gram
    that a document repeats, boilerplate or not."""
    fp = CodeFingerprint(f"{document.label}.py", NOISE, WINDOW, fp=io.StringIO(document.code), language="python")
    if boilerplate:
        fp.hashes = fp.hashes - boilerplate
        fp.hash_idx = {h: i for h, i in fp.hash_idx.items() if h not in boilerplate}
        fp.token_coverage = get_token_coverage(fp.hash_idx, fp.k, len(fp.filtered_code))
    document.fingerprint = fp
    return document


def compare(a, b):
    if not a.fingerprint.hashes or not b.fingerprint.hashes:
        return Comparison(a, b, 0.0, 0.0, None)
    _, (ab, ba), slices = compare_files(a.fingerprint, b.fingerprint)
    return Comparison(a, b, float(ab), float(ba), slices if len(slices[0]) else None)


def _joined(parts):
    """All exercises of one side in one document, each under a comment naming it (comments are not fingerprinted)."""
    return "\n\n".join(f"# ---- {exercise} ----\n{code}" for exercise, code in parts if code.strip())


# --- the report ---------------------------------------------------------------------------------------------------

def build(root, assignment, threshold=DEFAULT_THRESHOLD, reference_module="cnn_utils.reference"):
    """Compare every submission of the assignment; a Report. Raises FileNotFoundError when the release notebook is
    missing (without it there is no template to remove)."""
    root = Path(root)
    release_path = root / "notebooks" / assignment / f"{assignment}.ipynb"
    if not release_path.is_file():
        raise FileNotFoundError(f"no release notebook {release_path}: generate the student version first "
                                f"(nbgrader generate_assignment {assignment})")
    try:
        release = read_notebook(release_path)
    except Skip as e:
        raise FileNotFoundError(f"the release notebook {release_path} cannot be read: {e}") from None
    release_cells = exercise_cells(release)
    if not release_cells:
        raise FileNotFoundError(f"the release notebook {release_path} has no exercise cells (nbgrader metadata)")
    exercises = list(release_cells)
    templates = {e: template_lines(s) for e, s in release_cells.items()}
    every_template = set().union(*templates.values())
    report = Report(assignment, threshold, exercises)

    boilerplate = set()
    for source in boilerplate_sources(release):
        boilerplate |= CodeFingerprint("boilerplate.py", NOISE, 1, fp=io.StringIO(source), language="python").hashes

    # {(kind, label): {exercise: code}}; kind first, so that a student called "solution" stays a student
    sides = {}
    for folder in sorted(p for p in (root / "submitted").glob(f"*/{assignment}") if p.is_dir()):
        student = folder.parent.name
        try:
            codes, notes = _submission(folder, assignment, release_cells, templates)
            report.notes[student] = notes
            sides[STUDENT, student] = codes
        except Skip as e:
            report.skipped[student] = str(e)

    solution_path = root / "solutions" / assignment / f"{assignment}.ipynb"
    solution_cells = {}
    if not solution_path.is_file():
        report.missing.append(f"the public solution: there is no {solution_path}")
    else:
        try:
            solution_cells = exercise_cells(read_notebook(solution_path))
        except Skip as e:
            report.missing.append(f"the public solution: {e}")
        else:
            if not solution_cells:
                report.missing.append(f"the public solution: {solution_path} has no exercise cells")
    if solution_cells:
        sides[SOLUTION, SOLUTION] = {e: strip_template(solution_cells.get(e, ""), templates[e]) for e in exercises}

    try:
        functions = reference_functions(reference_module)
    except Exception as e:  # noqa: BLE001 (an instructor's broken install must not stop the report)
        functions = {}
        report.missing.append(f"{reference_module}: cannot be imported ({type(e).__name__}: {e})")
    if functions:
        # per exercise: the reference functions of the same names, else the whole module
        codes = {}
        for e in exercises:
            names = [n for n in _defined_functions(release_cells[e]) if n in functions]
            source = "\n\n".join(functions[n] for n in names) if names else "\n\n".join(functions.values())
            codes[e] = strip_template(source, templates[e])
        sides[REFERENCE, REFERENCE] = codes

    # the documents: one per side and exercise, plus "all"
    docs = {}  # (label, exercise) -> Document
    for (kind, label), codes in sides.items():
        if len(exercises) > 1:
            for e in exercises:
                docs[kind, label, e] = fingerprint(Document(label, kind, e, codes.get(e, "")), boilerplate)
        if kind == REFERENCE:
            names = [n for e in exercises for n in _defined_functions(release_cells[e]) if n in functions]
            whole = ("\n\n".join(functions[n] for n in dict.fromkeys(names)) if names
                     else "\n\n".join(functions.values()))
            code = strip_template(whole, every_template)
        else:
            code = _joined((e, codes.get(e, "")) for e in exercises)
        docs[kind, label, ALL] = fingerprint(Document(label, kind, ALL, code), boilerplate)

    students = sorted(label for kind, label in sides if kind == STUDENT)
    for student in students:
        if docs[STUDENT, student, ALL].size < MIN_CODE:
            written = docs[STUDENT, student, ALL].code.strip()
            report.skipped[student] = ("nothing written in the exercise cells (only the template)" if not written else
                                       "too little code of its own to compare (after the template and the code "
                                       "the notebook shows are removed)")
            report.notes.pop(student, None)
    report.students = [s for s in students if s not in report.skipped]

    compared = [(STUDENT, s) for s in report.students]
    others = [side for side in ((SOLUTION, SOLUTION), (REFERENCE, REFERENCE)) if side in sides]
    pairs = list(combinations(compared, 2)) + [(s, o) for s in compared for o in others]
    for a, b in pairs:
        report.comparisons.append(compare(docs[(*a, ALL)], docs[(*b, ALL)]))
        if len(exercises) > 1:
            for e in exercises:
                da, db = docs[(*a, e)], docs[(*b, e)]
                if da.size >= MIN_CODE and db.size >= MIN_CODE:
                    report.comparisons.append(compare(da, db))
    report.comparisons.sort(key=lambda c: (-c.score, c.a.label, c.b.label, c.a.exercise != ALL, c.a.exercise))
    return report


def _submission(folder, assignment, release_cells, templates):
    """({exercise: code without the template}, [notes]) of one student's folder, or Skip."""
    expected = folder / f"{assignment}.ipynb"
    paths = sorted(folder.glob("*.ipynb"), key=lambda p: (p != expected, p.name))
    if not paths:
        raise Skip("no notebook (.ipynb) in the submission folder")
    cells, notes, reasons = {}, [], []
    for path in paths:
        try:
            nb = read_notebook(path)
        except Skip as e:
            reasons.append(str(e))
            continue
        found = {e: s for e, s in exercise_cells(nb).items() if e in release_cells}
        if not found:
            found = cells_by_function(nb, release_cells)
            if found:
                notes.append(f"{path.name}: no nbgrader metadata, exercise cells recognised by the functions they "
                             "define")
        if not found:
            reasons.append(f"{path.name} has no exercise cells")
        for e, s in found.items():
            cells.setdefault(e, s)
    if not cells:
        raise Skip("; ".join(reasons))
    notes += reasons  # other notebooks of the folder that could not be used
    return {e: strip_template(cells.get(e, ""), templates[e]) for e in release_cells}, notes


# --- writing it ---------------------------------------------------------------------------------------------------

def write_csv(report, folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "similarity.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["student_a", "student_b", "kind_b", "exercise", "similarity_a_b", "similarity_b_a",
                      "code_a", "code_b", "flagged"])
        for c in report.comparisons:
            out.writerow([c.a.label, c.b.label, c.b.kind, c.a.exercise, f"{c.similarity_ab:.3f}",
                          f"{c.similarity_ba:.3f}", c.a.size, c.b.size, int(c.score >= report.threshold)])
    with open(folder / "skipped.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["student", "reason"])
        for student, reason in sorted(report.skipped.items()):
            out.writerow([student, reason])


def _highlighted(document, slices):
    if slices is None:
        return html.escape(document.code)
    text, _ = highlight_overlap(document.code, slices, "<span class='hl'>", "</span>", escape_html=True)
    return text


def write_html(report, folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    e = html.escape
    flagged = report.flagged()
    # one entry per pair: its "all" comparison when that is flagged, otherwise each flagged exercise
    entries = [c for c in flagged if c.a.exercise == ALL]
    shown = {c.pair for c in entries}
    entries += [c for c in flagged if c.a.exercise != ALL and c.pair not in shown]
    best = {}
    for c in flagged:
        best[c.pair] = max(best.get(c.pair, 0), c.score)
    entries.sort(key=lambda c: (-best[c.pair], -c.score))  # a pair by its highest comparison, "all" or an exercise
    per_pair = {}
    for c in flagged:
        if c.a.exercise != ALL:
            per_pair.setdefault(c.pair, []).append(c)

    out = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Similarity report: {e(report.assignment)}"
           f"</title><style>{_CSS}</style></head><body>",
           f"<h1>Similarity report: {e(report.assignment)}</h1>",
           "<p class='note'>For the instructor's review only. A high similarity is a reason to look at two "
           "submissions, not a finding: this report never changes a grade.</p>",
           f"<p>{len(report.students)} submissions compared, {len(report.skipped)} skipped. Compared: the exercise "
           f"cells ({', '.join(e(x) for x in report.exercises)}) without the lines of the released template and "
           "without code the release notebook shows (what is shown below is what was compared), pairwise and "
           "against the public solution and cnn_utils.reference. Flagged: similarity &ge; "
           f"{report.threshold:.2f} in either direction. <i>a&rarr;b</i> is the fraction of a's code found in b "
           f"(copydetect fingerprints, k = {NOISE} characters of tokenized code).</p>"]
    for missing in report.missing:
        out.append(f"<p class='note'>Not compared against {e(missing)}</p>")
    out.append(f"<h2>Flagged ({len(entries)})</h2>")
    if entries:
        out.append("<table><tr><th>#</th><th>a</th><th>b</th><th>exercise</th><th>a&rarr;b</th><th>b&rarr;a</th>"
                   "</tr>")
        for n, c in enumerate(entries, 1):
            number = f"<a href='#pair{n}'>{n}</a>" if n <= SIDE_BY_SIDE else str(n)
            out.append(f"<tr><td>{number}</td><td>{e(c.a.title)}</td><td>{e(c.b.title)}</td>"
                       f"<td>{e(c.a.exercise)}</td><td>{c.similarity_ab:.2f}</td><td>{c.similarity_ba:.2f}</td></tr>")
        out.append("</table>")
    else:
        out.append("<p>No pair reaches the threshold.</p>")
    if len(entries) > SIDE_BY_SIDE:
        out.append(f"<p class='note'>Side by side below: the first {SIDE_BY_SIDE} of {len(entries)}; raise "
                   "--threshold to see fewer, closer pairs.</p>")
    for n, c in enumerate(entries[:SIDE_BY_SIDE], 1):
        out.append(f"<div class='pair' id='pair{n}'><h3>{n}. {e(c.a.title)} &harr; {e(c.b.title)} "
                   f"({e(c.a.exercise)}): {c.similarity_ab:.2f} / {c.similarity_ba:.2f}</h3>")
        details = per_pair.get(c.pair, []) if c.a.exercise == ALL else []
        if details:
            out.append("<p>Flagged exercises: " + ", ".join(
                f"{e(d.a.exercise)} ({d.similarity_ab:.2f} / {d.similarity_ba:.2f})" for d in details) + "</p>")
        out.append("<div class='side'>")
        for doc, slices, sim in ((c.a, c.slices[0] if c.slices else None, c.similarity_ab),
                                 (c.b, c.slices[1] if c.slices else None, c.similarity_ba)):
            out.append(f"<div><h4>{e(doc.title)}: {sim:.0%} of its code found in the other</h4>"
                       f"<pre>{_highlighted(doc, slices)}</pre></div>")
        out.append("</div></div>")
    out.append(f"<h2>Skipped ({len(report.skipped)})</h2>")
    if report.skipped:
        out.append("<table><tr><th>student</th><th>reason</th></tr>")
        out += [f"<tr><td>{e(s)}</td><td>{e(r)}</td></tr>" for s, r in sorted(report.skipped.items())]
        out.append("</table>")
    else:
        out.append("<p>None.</p>")
    notes = {s: n for s, n in report.notes.items() if n}
    if notes:
        out.append("<h2>Notes</h2><table><tr><th>student</th><th>note</th></tr>")
        out += [f"<tr><td>{e(s)}</td><td>{e('; '.join(n))}</td></tr>" for s, n in sorted(notes.items())]
        out.append("</table>")
    out.append("</body></html>")
    (folder / "report.html").write_text("\n".join(out), encoding="utf-8")


# --- command line -------------------------------------------------------------------------------------------------

def _threshold(text):
    value = float(text)
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"the threshold is a fraction in (0, 1], got {text}")
    return value


def _arguments(parser, root_default="."):
    parser.add_argument("assignment", metavar="ASSIGNMENT")
    parser.add_argument("--root", default=root_default, help="the course directory (default: the current directory)")
    parser.add_argument("--threshold", type=_threshold, default=DEFAULT_THRESHOLD,
                        help="flag pairs whose similarity reaches this in either direction "
                             f"(default: {DEFAULT_THRESHOLD})")
    parser.add_argument("--out", metavar="DIR",
                        help="where to write the report (default: <root>/reports/similarity/<assignment>)")
    return parser


def add_parser(subparsers):
    """Register the `similarity` subcommand on an argparse subparsers object (its handler is args.run(args));
    returns its parser. Its --root defaults to "." without overwriting a --root that the main parser already read
    (argparse lets a subcommand's defaults replace the main parser's values)."""
    s = subparsers.add_parser(
        "similarity", help="similarity report of an assignment's submissions (for review; never changes a grade)",
        description=__doc__.split("\n\n")[0])
    _arguments(s, root_default=argparse.SUPPRESS).set_defaults(run=run)
    return s


def run(args):
    root = getattr(args, "root", None) or "."
    out = Path(args.out) if args.out else Path(root, "reports", "similarity", args.assignment)
    try:
        report = build(root, args.assignment, args.threshold)
    except FileNotFoundError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    write_csv(report, out)
    write_html(report, out)
    flagged = report.flagged()
    best = {}
    for c in flagged:  # the highest comparison of each pair, "all" or an exercise
        if c.pair not in best or c.score > best[c.pair].score:
            best[c.pair] = c
    print(f"{args.assignment}: {len(report.students)} submissions compared, {len(report.skipped)} skipped, "
          f"{len(best)} pairs at or above {args.threshold:.2f}")
    ranked = sorted(best.values(), key=lambda c: -c.score)
    for c in ranked[:SHOWN]:
        print(f"  {c.a.title} ~ {c.b.title}: {c.similarity_ab:.2f} / {c.similarity_ba:.2f} ({c.a.exercise})")
    if len(ranked) > SHOWN:
        print(f"  ... and {len(ranked) - SHOWN} more in the report")
    for student, reason in sorted(report.skipped.items()):
        print(f"  skipped {student}: {reason}")
    print(f"Report: {out / 'report.html'} (every pair: {out / 'similarity.csv'})")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m cnn_grading.similarity", description=__doc__.split("\n\n")[0])
    return run(_arguments(parser).parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
