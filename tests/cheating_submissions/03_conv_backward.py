"""Attacks on notebook 3's grading (see __init__.py for the format).

Not in tests/test_trust.py's batch by default (IN_BATCH): grading the numeric gradient takes over a minute, and
05_vectorize.py's numeric_gradient_of_the_stand_in shows the same hole in seconds. CNN_TRUST_ALL=1 includes it.

Notebook 3's kernel has notebook 2's conv_forward (the students import it from cnn_utils.reference) and the course's
gradient checker, cnn_utils.gradcheck: the two together compute every gradient of a convolution.
"""

IN_BATCH = False

CHEATS = {
    "numeric_gradient_of_the_reference": {
        "what": "conv_backward without a backward pass: centred differences (cnn_utils.gradcheck.numeric_gradient) "
                "of the course's conv_forward, which a convolution, linear in each input, makes exact",
        "defence": "hidden",
        "cells": {"conv_backward": '''
from cnn_utils.gradcheck import numeric_gradient


def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    A, Wc, bc = A_prev.astype(float).copy(), W.astype(float).copy(), b.astype(float).copy()
    forward = lambda: conv_forward(A, Wc, bc, hparameters)[0]
    return numeric_gradient(forward, A, dZ), numeric_gradient(forward, Wc, dZ), numeric_gradient(forward, bc, dZ)
'''},
        "loses": {"conv_backward"},
    },
}

HONEST = {}
