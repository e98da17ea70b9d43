"""The course's fonts: Chinese text in figures renders with Course Sans SC, shipped here (OFL.txt, make_subset.py).

Latin text keeps matplotlib's usual DejaVu Sans; every character DejaVu Sans lacks (hanzi, full-width punctuation)
falls back to Course Sans SC, glyph by glyph, so a figure mixing both languages has no missing-glyph boxes.
"""

from pathlib import Path

COURSE_FONT = Path(__file__).resolve().parent / "CourseSansSC-Regular.otf"
FAMILY = "Course Sans SC"


def use_course_fonts():
    """Register Course Sans SC with matplotlib and make it the fallback of the usual sans-serif font."""
    import matplotlib
    from matplotlib import font_manager

    if FAMILY not in {font.name for font in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(COURSE_FONT))
    # a generic family resolves to one font; a list of families is what matplotlib falls back along, glyph by glyph
    families = [name for name in matplotlib.rcParams["font.family"] if name != FAMILY]
    matplotlib.rcParams["font.family"] = families + [FAMILY]
