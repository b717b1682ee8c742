"""The numbers gallery/learned_features/plot_learned_smiley_detector.py prints and states."""

import numpy as np
import pytest

import convdemo as cd

ROLES = {0: "mouth", 1: "background", 2: "eye", 3: "eye"}


@pytest.fixture(scope="module")
def example():
    return cd.trained_tiny_cnn("smiley")


def drawing(arrangement):
    return cd.draw_smiley(arrangement, shape=(15, 15))[None]


def test_training_reaches_full_test_accuracy(example):
    assert example.history.test_accuracy == [
        0.7, 0.73, 0.825, 0.9225, 0.955, 0.9625, 0.975, 1.0, 0.9925, 1.0
    ]  # fmt: skip
    assert example.history.loss[-1] == pytest.approx(0.02644237071758827, abs=1e-6)


def test_layer1_kernels_resemble_named_kernels(example):
    detectors = [n for n in cd.KERNEL_NAMES if cd.named_kernel(n).sum() == 0]
    assert len(detectors) == 8
    best = []
    for kernel in example.network[0].weight[:, 0]:
        corr = [np.corrcoef(kernel.ravel(), cd.named_kernel(n).ravel())[0, 1] for n in detectors]
        b = int(np.argmax(np.abs(corr)))
        best.append((detectors[b], corr[b]))
    assert [name for name, _ in best] == ["horizontal_line", "laplacian", "prewitt_x", "prewitt_x"]
    assert [c for _, c in best] == pytest.approx(
        [-0.9415580119499993, -0.648945196067519, -0.9014638940185249, 0.7364030596473556],
        abs=1e-6,
    )


def test_layer1_roles_from_eyes_and_mouth(example):
    layer1 = cd.Stack(example.network.layers[:2])
    eyes = layer1.forward(drawing("eyes_only")).max(axis=(1, 2))
    mouth = layer1.forward(drawing("mouth_only")).max(axis=(1, 2))
    assert eyes == pytest.approx([1.2262262538, 0.5009884156, 2.3623154471, 2.6269977964], abs=1e-6)
    assert mouth == pytest.approx(
        [4.1630253751, 0.5009884156, 1.1750918295, 1.3630758469], abs=1e-6
    )
    assert [c for c in range(4) if eyes[c] > mouth[c]] == [2, 3]  # eye channels
    assert [c for c in range(4) if mouth[c] > eyes[c]] == [0]  # mouth channel
    empty = layer1.forward(drawing("blank"))
    assert empty[1].min() == empty[1].max() == pytest.approx(0.45098157719750587, abs=1e-6)
    assert np.all(empty[[0, 2, 3]] == 0)
    assert example.network[0].bias[1] == pytest.approx(0.45098157719750587, abs=1e-6)
    assert example.network[0].weight[1].sum() == pytest.approx(-5.124526644111945, abs=1e-6)


def test_face_unit_separation(example):
    net, x, y = example.network, example.test_images, example.test_labels
    g = net.trace(x)[5]
    faces, scrambled = g[y == 1], g[y == 0]
    separation = np.array([(faces[:, u, None] > scrambled[None, :, u]).mean() for u in range(8)])
    assert separation == pytest.approx(
        [0.367575, 0.899525, 0.3781, 0.91395, 0.911925, 0.29825, 0.906725, 0.567375], abs=1e-9
    )
    assert int(separation.argmax()) == 3
    assert faces[:, 3].mean() == pytest.approx(1.3164745424, abs=1e-6)
    assert scrambled[:, 3].mean() == pytest.approx(0.3309718911, abs=1e-6)


def test_units_on_clean_drawings(example):
    net = example.network
    drawings = np.stack([cd.draw_smiley(a, shape=(15, 15)) for a in cd.SMILEY_ARRANGEMENTS])
    clean = net.trace(drawings[:, None])[5]
    assert cd.SMILEY_ARRANGEMENTS == ("face", "swapped", "eyes_only", "mouth_only", "blank")
    assert clean[:, 3] == pytest.approx(
        [3.9768771809, 0.8373556463, 0.6449549024, 1.6717138077, 0.0], abs=1e-6
    )
    favourite = [cd.SMILEY_ARRANGEMENTS[a] for a in clean.argmax(axis=0)]
    assert [u for u in range(8) if favourite[u] == "face"] == [1, 3, 4, 6]
    assert favourite[2] == "mouth_only" and favourite[5] == "eyes_only"
    assert clean[3, 2] == pytest.approx(6.2600356568, abs=1e-6)
    assert clean[2, 5] == pytest.approx(2.7085190946, abs=1e-6)
    readout = net[6].weight[1] - net[6].weight[0]
    assert readout == pytest.approx(
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
    layer = example.network[3]
    assert layer.bias[3] == pytest.approx(-0.43005629556693303, abs=1e-6)
    edges = cd.read_circuit(layer, 3)
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
    top_share_eyes = (rows[2][0] + rows[3][0]) / (exc[2] + exc[3])
    assert top_share_eyes == pytest.approx(0.7164263188, abs=1e-6)
    assert rows[0][2] / exc[0] == pytest.approx(2.6680253076 / 3.2809604708, abs=1e-6)
    # the mouth slice is negative along its top row (a mouth up there means "swapped")
    assert np.all(edges[2].weights[0] < 0)


def test_hand_built_unit_on_the_noisy_test_set(example):
    x, y = example.test_images, example.test_labels
    strongest = cd.smiley_face_detector().forward(x).max(axis=(1, 2, 3))
    faces, scrambled = strongest[y == 1], strongest[y == 0]
    assert np.mean(faces > 0) == pytest.approx(0.26)
    assert np.mean(scrambled > 0) == 0.0
    pairs = (faces[:, None] > scrambled[None, :]).mean() + 0.5 * (
        faces[:, None] == scrambled[None, :]
    ).mean()
    assert pairs == pytest.approx(0.63)
