"""Claims of gallery/learned_features/plot_train_cars_and_pedestrians.py."""

import numpy as np


def test_418_numbers_to_learn_400_held_out_images(example):
    assert example["n_weights"] == 418
    assert example["example"].test_images.shape[0] == 400
    assert np.bincount(example["y_train"]).tolist() == [600, 600]


def test_all_held_out_images_right_after_8_epochs_and_from_the_third(example):
    accuracy = example["history"].test_accuracy
    assert len(accuracy) == 8
    assert accuracy[-1] == 1.0
    assert accuracy[2] == 1.0  # the figure's title: "by the third epoch"
    # the alt text: "the test curve dipping once by one image" (1 of 400 = 0.0025)
    dips = [a for a in accuracy[2:] if a < 1.0]
    assert set(dips) == {1.0 - 1 / 400}
