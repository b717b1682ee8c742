"""Claims of gallery/feature_maps/plot_strong_edges_not_grass.py."""

import numpy as np
import pytest


def test_grass_marked_as_the_first_paragraph_states(example):
    share = example["share"]
    assert share["from ReLU maps"] == pytest.approx(0.001, abs=0.0005)  # "0.1%"
    assert share["from step maps"] == pytest.approx(0.99, abs=0.005)  # "99%"


def test_both_detectors_mark_the_tripod(example):
    tripod = np.s_[340:470, 280:306]  # the tripod's central column
    for out in example["marked"].values():
        assert out[tripod].max() == 1.0
