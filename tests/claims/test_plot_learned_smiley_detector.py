"""The numbers gallery/learned_features/plot_learned_smiley_detector.py prints and states."""

import numpy as np
import pytest

import convdemo as cd


def test_training_reaches_full_test_accuracy(example):
    history = example["history"]
    assert history.test_accuracy == [
        0.7, 0.73, 0.825, 0.9225, 0.955, 0.9625, 0.975, 1.0, 0.9925, 1.0
    ]  # fmt: skip
    assert history.loss[-1] == pytest.approx(0.02644237071758827, abs=1e-6)
    assert len(example["y_test"]) == 400


def test_layer1_kernels_resemble_named_kernels(example):
    detectors = example["detectors"]
    assert len(detectors) == 8
    assert all(cd.named_kernel(n).sum() == 0 for n in detectors)
    best = example["best_matches"]
    assert [name for name, _ in best] == ["horizontal_line", "laplacian", "prewitt_x", "prewitt_x"]
    assert [c for _, c in best] == pytest.approx(
        [-0.9415580119499993, -0.648945196067519, -0.9014638940185249, 0.7364030596473556],
        abs=1e-6,
    )


def test_layer1_roles_from_eyes_and_mouth(example):
    eyes, mouth, empty = example["eyes"], example["mouth"], example["empty"]
    assert eyes == pytest.approx([1.2262262538, 0.5009884156, 2.3623154471, 2.6269977964], abs=1e-6)
    assert mouth == pytest.approx(
        [4.1630253751, 0.5009884156, 1.1750918295, 1.3630758469], abs=1e-6
    )
    assert [c for c in range(4) if eyes[c] > mouth[c]] == [2, 3]  # eye channels
    assert [c for c in range(4) if mouth[c] > eyes[c]] == [0]  # mouth channel
    assert empty[1].min() == empty[1].max() == pytest.approx(0.45098157719750587, abs=1e-6)
    assert np.all(empty[[0, 2, 3]] == 0)
    network = example["network"]
    assert network[0].bias[1] == pytest.approx(0.45098157719750587, abs=1e-6)
    assert example["learned"][1].sum() == pytest.approx(-5.124526644111945, abs=1e-6)


def test_face_unit_separation(example):
    separation, faces, scrambled = example["separation"], example["faces"], example["scrambled"]
    assert separation == pytest.approx(
        [0.367575, 0.899525, 0.3781, 0.91395, 0.911925, 0.29825, 0.906725, 0.567375], abs=1e-9
    )
    assert example["face_unit"] == int(separation.argmax()) == 3
    assert faces[:, 3].mean() == pytest.approx(1.3164745424, abs=1e-6)
    assert scrambled[:, 3].mean() == pytest.approx(0.3309718911, abs=1e-6)


def test_units_on_clean_drawings(example):
    clean = example["clean"]
    assert cd.SMILEY_ARRANGEMENTS == ("face", "swapped", "eyes_only", "mouth_only", "blank")
    assert clean.shape == (5, 8)
    assert clean[:, 3] == pytest.approx(
        [3.9768771809, 0.8373556463, 0.6449549024, 1.6717138077, 0.0], abs=1e-6
    )
    favourite = [cd.SMILEY_ARRANGEMENTS[a] for a in clean.argmax(axis=0)]
    assert [u for u in range(8) if favourite[u] == "face"] == [1, 3, 4, 6]
    assert favourite[2] == "mouth_only" and favourite[5] == "eyes_only"
    assert clean[3, 2] == pytest.approx(6.2600356568, abs=1e-6)
    assert clean[2, 5] == pytest.approx(2.7085190946, abs=1e-6)
    assert example["readout"] == pytest.approx(
        [
            -1.1370250186,
            3.0747873638,
            -3.4271798129,
            2.6394808457,
            1.6711440171,
            -3.1352375748,
            3.1314330442,
            1.5066097823,
        ],
        abs=1e-6,
    )


def test_circuit_of_the_face_unit(example):
    assert example["network"][3].bias[3] == pytest.approx(-0.43005629556693303, abs=1e-6)
    edges = example["edges"]
    assert [e.in_channel for e in edges] == [1, 3, 0, 2]
    rows = {e.in_channel: np.clip(e.weights, 0, None).sum(axis=1) for e in edges}
    exc = {e.in_channel: e.excitation for e in edges}
    inh = {e.in_channel: e.inhibition for e in edges}
    assert rows[1] == pytest.approx([0, 0, 0])  # the background brake: all negative
    assert inh[1] == pytest.approx(-6.4090437218094465, abs=1e-6)
    assert rows[3] == pytest.approx([2.9278300138, 0.9432290404, 0.0], abs=1e-6)
    assert rows[0] == pytest.approx([0.0, 0.6129351632, 2.6680253076], abs=1e-6)
    assert rows[2] == pytest.approx([1.5307181585, 0.2081901204, 0.6133497828], abs=1e-6)
    assert exc[3] == pytest.approx(3.8710590542163685, abs=1e-6)
    assert exc[2] == pytest.approx(2.352258061760558, abs=1e-6)
    assert exc[0] == pytest.approx(3.280960470803598, abs=1e-6)
    assert example["top_share_eyes"] == pytest.approx(0.7164263188, abs=1e-6)
    assert example["bottom_share_mouth"] == pytest.approx(2.6680253076 / 3.2809604708, abs=1e-6)
    # the mouth slice is negative along its top row (a mouth up there means "swapped")
    assert np.all(edges[2].weights[0] < 0)


def test_hand_built_unit_on_the_noisy_test_set(example):
    faces, scrambled = example["hand_faces"], example["hand_scrambled"]
    assert np.mean(faces > 0) == pytest.approx(0.26)
    assert np.mean(scrambled > 0) == 0.0
    assert example["hand_separation"] == pytest.approx(0.63)
