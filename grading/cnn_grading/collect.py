"""Collecting from an LMS: a `zip_collect` plugin that recognises the file names of common LMS bulk downloads."""

import os
import re
from pathlib import Path

from nbgrader.plugins.zipcollect import FileNameCollectorPlugin

LMS_PATTERNS = [
    # Canvas "Download Submissions": doejane_12345_6789012_01_padding.ipynb,
    # doejane_LATE_12345_6789012_01_padding-1.ipynb (late, second upload)
    ("canvas", r"^(?P<name>[a-z]+)_(?:late_)?(?P<user>\d+)_\d+_(?P<file>.+?)(?:-\d+)?\.ipynb$"),
    # Blackboard: 01_padding_jdoe_attempt_2024-01-30-15-00-00_01_padding.ipynb
    ("blackboard",
     r"^.*?_(?P<student>[^_]+)_attempt_(?P<timestamp>\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d)_(?P<file>.+)\.ipynb$"),
    # Moodle "Download all submissions": Jane Doe_123456_assignsubmission_file_/01_padding.ipynb
    ("moodle", r"^(?P<name>[^/]+?)_(?P<user>\d+)_assignsubmission_file_?/(?P<file>[^/]+)\.ipynb$"),
    # a folder per student: jdoe/01_padding.ipynb
    ("folder", r"^(?P<student>[^/]+)/(?P<file>[^/]+)\.ipynb$"),
]


def student_id_from(text):
    """A folder-safe student id: lower case letters, digits and underscores."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def match_lms_filename(relative_path, notebook_names=()):
    """{student_id, file_id[, timestamp]} for a path relative to the extracted folder, or None.

    LMS downloads often add a copy suffix to a re-uploaded file ("01_padding (1)", "01_padding-Copy1"): when the
    file name contains exactly one of the assignment's notebook names, that name is the file_id.
    """
    path = relative_path.replace(os.sep, "/")
    for kind, pattern in LMS_PATTERNS:
        tail = "/".join(path.split("/")[-2:]) if "/" in pattern else path.split("/")[-1]
        match = re.match(pattern, tail, re.I)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("student"):
            student = student_id_from(groups["student"])
        else:
            student = student_id_from(f"{groups['name']}_{groups['user']}")
        file_id = groups["file"]
        known = [name for name in notebook_names if name in file_id]
        if len(known) == 1:
            file_id = known[0]
        elif kind == "folder" and notebook_names:
            return None  # a stray file next to the student folders, not a submission
        found = {"student_id": student, "file_id": file_id}
        if groups.get("timestamp"):
            y, mo, d, h, mi, s = groups["timestamp"].split("-")
            found["timestamp"] = f"{y}-{mo}-{d} {h}:{mi}:{s}"
        return found
    return None


class LMSFileNameCollector(FileNameCollectorPlugin):
    """zip_collect plugin for LMS bulk downloads (Canvas, Blackboard, Moodle, or one folder per student).

    When `named_regexp` is configured it is used exactly as nbgrader's FileNameCollectorPlugin uses it; otherwise
    the patterns in LMS_PATTERNS are tried on the path relative to the extracted folder.
    """

    def collect(self, submitted_file):
        if self.named_regexp:
            return super().collect(submitted_file)
        if os.path.splitext(submitted_file)[1] not in self.valid_ext:
            return None
        app = self.parent
        relative = submitted_file
        names = ()
        if app is not None and hasattr(app, "coursedir"):
            extracted = app._format_collect_path(app.extracted_directory)
            relative = os.path.relpath(submitted_file, extracted)
            release = Path(app.coursedir.format_path(app.coursedir.release_directory, ".", app.coursedir.assignment_id))
            names = [p.stem for p in release.glob("*.ipynb")]
        found = match_lms_filename(relative, names)
        if found is None:
            self.log.warning("No LMS file-name pattern matches %s; skipped", relative)
        return found
