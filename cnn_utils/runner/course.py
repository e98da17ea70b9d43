"""Reading what a course folder holds: a submitted notebook file (never modified), the course's nbgrader settings."""

import json
import os
import stat
from pathlib import Path

import nbformat


def check_notebook_file(path):
    """(status, reason, notes, text) for one submitted notebook file; never modifies the file, never follows a link."""
    refused = special_file(path)
    if refused:
        return "invalid", refused, [], ""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        return "invalid", f"unreadable file ({error.strerror})", [], ""
    if not raw.strip():
        return "empty", f"empty file ({len(raw)} bytes)", [], ""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "invalid", "invalid notebook file: not a text (UTF-8) file", [], ""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"{error.msg} at line {error.lineno}, column {error.colno}"
        return "invalid", f"invalid notebook file: not JSON ({where})", [], ""
    except RecursionError:
        return "invalid", "invalid notebook file: JSON nested too deeply to be a notebook", [], ""
    if not isinstance(data, dict) or not ("cells" in data or "worksheets" in data):
        return "invalid", "invalid notebook file: JSON, but not a Jupyter notebook", [], ""
    major = data.get("nbformat")
    if not isinstance(major, int) or major > nbformat.current_nbformat:
        return "invalid", f"invalid notebook file: unknown notebook format version {major!r}", [], ""
    notes, upgraded = [], ""
    if raw.startswith(b"\xef\xbb\xbf"):  # a byte-order mark, which some editors write and nbformat refuses
        notes.append("the file starts with a byte-order mark: read without it")
        upgraded = text
    try:
        nb = nbformat.reads(text, as_version=4, capture_validation_error={})
        if major < 4:
            notes.append(f"saved in the old notebook format {major} (by an old Jupyter): converted to format 4 "
                         "for grading")
            upgraded = nbformat.writes(nb)
        try:
            nbformat.validate(nb)
        except nbformat.ValidationError:
            _, nb = nbformat.validator.normalize(nb)
            nbformat.validate(nb)
            notes.append("the notebook file had structural errors that were repaired for grading")
            upgraded = nbformat.writes(nbformat.from_dict(nb))
    except Exception as error:  # any other reason nbformat cannot use it
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return "invalid", f"invalid notebook file: {message[:150]}", [], ""
    if _tidy_nbgrader_metadata(nb):
        notes.append("cells' nbgrader metadata that nbgrader would refuse (another schema version, or no grade id): "
                     "set to nbgrader's version, or removed (the instructor's cells are restored when graded)")
        upgraded = nbformat.writes(nb)
    return "ok", "", notes, upgraded


def _tidy_nbgrader_metadata(nb):
    """nbgrader refuses a whole notebook for one cell whose nbgrader metadata has another schema version (or none),
    before anything can restore that cell: set the version to nbgrader's, and remove nbgrader metadata that names no
    grade id (no instructor's cell has such metadata). True when a cell changed."""
    from nbgrader.nbgraderformat import SCHEMA_VERSION

    changed = False
    for cell in nb.cells:
        metadata = cell.get("metadata", {})
        meta = metadata.get("nbgrader")
        if meta is None:
            continue
        if not isinstance(meta, dict) or not meta.get("grade_id"):
            del metadata["nbgrader"]
            changed = True
        elif meta.get("schema_version") != SCHEMA_VERSION:
            meta["schema_version"] = SCHEMA_VERSION
            changed = True
    return changed


def load_config(root, overrides=None):
    """The configuration `nbgrader` would use when run in `root` (its config files), plus `overrides`."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    for directory in list(reversed(jupyter_config_path())) + [str(root)]:
        if (Path(directory) / "nbgrader_config.py").is_file():
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=directory).load_config())
    config.CourseDirectory.root = str(root)
    for section, values in (overrides or {}).items():
        for name, value in values.items():
            config[section][name] = value
    return config


def special_file(path):
    """Why `path` is refused when it is not a plain file or folder (a symbolic link, a device, a pipe), else ""."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as error:
        return f"unreadable ({error.strerror})"
    if stat.S_ISLNK(mode):
        return "a symbolic link, not a file: refused (links in a submission are never followed)"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "not a regular file (a device, pipe or socket): refused"
    return ""
