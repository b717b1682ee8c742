"""Claims of gallery/channels/plot_eyes_and_mouth_make_a_face.py."""


def test_eyes_bring_8_a_mouth_8_and_the_bias_takes_12(example):
    parts = example["parts"]
    assert parts["face"] == (8, 8)
    assert parts["eyes only"] == (8, 0)
    assert parts["mouth only"] == (0, 8)
    assert example["bias"] == -12


def test_only_eyes_above_a_mouth_fire(example):
    assert example["face_unit"] == {
        "face": 4,
        "mouth above eyes": 0,
        "eyes only": 0,
        "mouth only": 0,
    }
    # swapped: at best one eye lines up with the eye slice, never the mouth
    assert example["parts"]["mouth above eyes"] == (4, 0)
