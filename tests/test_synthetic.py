"""The smiley drawings and the hand-built face detector: the numbers the channels example prints."""

import numpy as np
import pytest

import convdemo as cd
from convdemo.synthetic import SMILEY_ARRANGEMENTS, draw_smiley, smiley_face_detector


def per_channel_contributions(arrangement):
    """Layer-2 pre-activation split by input channel (without the bias)."""
    detector = smiley_face_detector()
    maps = detector.trace(draw_smiley(arrangement)[None])[1]  # ReLU'd layer-1 maps
    w2 = detector[2].weight
    eye = cd.conv2d(maps[0], w2[0, 0])
    mouth = cd.conv2d(maps[1], w2[0, 1])
    return maps, eye, mouth, detector[2].bias[0]


def test_parts_are_where_they_should_be():
    face = draw_smiley()
    assert face.sum() == 4 + 5  # two 2-pixel eyes, a 5-pixel mouth
    np.testing.assert_array_equal(np.flatnonzero(face[8]), [4, 5, 6, 7, 8])
    np.testing.assert_array_equal(np.argwhere(face[:6]), [[3, 4], [3, 8], [4, 4], [4, 8]])
    assert draw_smiley("eyes_only").sum() == 4
    assert draw_smiley("mouth_only").sum() == 5
    assert draw_smiley("blank").sum() == 0
    np.testing.assert_array_equal(np.sort(draw_smiley("swapped").ravel()), np.sort(face.ravel()))


def test_layer1_channels_separate_eyes_from_mouth():
    maps, _, _, _ = per_channel_contributions("face")
    eye_map, mouth_map = maps
    np.testing.assert_array_equal(np.argwhere(eye_map), [[3, 4], [3, 8], [4, 4], [4, 8]])
    assert set(eye_map[eye_map > 0]) == {2.0}
    np.testing.assert_array_equal(mouth_map[8, 4:9], [2, 4, 4, 4, 2])
    assert mouth_map.sum() == 16.0


@pytest.mark.parametrize(
    ("arrangement", "eye", "mouth", "fires"),
    [("face", 8, 8, 4), ("eyes_only", 8, 0, 0), ("mouth_only", 0, 8, 0), ("blank", 0, 0, 0)],
)
def test_face_unit_is_the_sum_of_channel_contributions(arrangement, eye, mouth, fires):
    _, eye_part, mouth_part, bias = per_channel_contributions(arrangement)
    centre = (3, 4)  # the face centre (6, 6) in layer-2 coordinates
    assert (eye_part[centre], mouth_part[centre], bias) == (eye, mouth, -12.0)
    out = smiley_face_detector().forward(draw_smiley(arrangement)[None])[0]
    assert out[centre] == fires == max(eye + mouth + bias, 0)
    assert out.max() == fires  # and nowhere else


def test_swapped_face_never_clears_the_bias():
    detector = smiley_face_detector()
    pre = detector.trace(draw_smiley("swapped")[None])[2]
    assert pre.max() == -8.0


def test_face_unit_fires_where_both_layer1_maps_are_zero():
    # the exact point of the question: the face centre is blank in both layer-1 maps
    maps, *_ = per_channel_contributions("face")
    assert maps[0][6, 6] == maps[1][6, 6] == 0.0
    assert smiley_face_detector().forward(draw_smiley()[None])[0, 3, 4] == 4.0


def test_detector_finds_the_face_in_a_wider_scene():
    scene = sum(
        draw_smiley(a, shape=(13, 60), centre=(6, 6 + 12 * i))
        for i, a in enumerate(["eyes_only", "swapped", "face", "mouth_only"])
    )
    out = smiley_face_detector().forward(scene[None])[0]
    assert np.argwhere(out).tolist() == [[3, 28]]  # the third drawing, centre col 30 -> 28


def test_bad_input():
    with pytest.raises(ValueError, match="arrangement must be one of face"):
        draw_smiley("nose")
    with pytest.raises(ValueError, match=r"centre \(1, 6\) does not fit"):
        draw_smiley(centre=(1, 6))
    with pytest.raises(ValueError, match="does not fit in shape"):
        draw_smiley(shape=(5, 5))
    with pytest.raises(TypeError, match="shape must be an integer"):
        draw_smiley(shape=(13.0, 13))
    with pytest.raises(ValueError, match="centre must be a"):
        draw_smiley(centre=6)
    assert SMILEY_ARRANGEMENTS[0] == "face"


def test_swapped_face_lines_up_one_eye_at_best():
    # the gallery's table: the best-placed unit gets 4 from the eye slice and 0 from the mouth
    _, eye, mouth, bias = per_channel_contributions("swapped")
    best = np.unravel_index(np.argmax(eye + mouth), eye.shape)
    assert (eye[best], mouth[best], eye[best] + mouth[best] + bias) == (4.0, 0.0, -8.0)
