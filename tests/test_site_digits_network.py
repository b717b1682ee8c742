"""convdemo.site.digits_network: the trained digits network as the "Draw a digit" page's asset.

The asset must be the network the digits pages train (same weights, bit for bit), the
held-out digits exactly as the data hold them, small, and the same bytes every build.
"""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

import convdemo
from convdemo.site import digits_network as dn

SIZE_LIMIT = 300 * 1024  # the target: at most 300 KB


@pytest.fixture(scope="module")
def example():
    return convdemo.trained_digits_cnn()


@pytest.fixture(scope="module")
def script():
    return dn.digits_network_script()


@pytest.fixture(scope="module")
def payload(script):
    prefix = f"window.{dn.GLOBAL_NAME} = "
    line = script.splitlines()[1]
    assert line.startswith(prefix) and line.endswith(";")
    assert dn.read_script(script) == json.loads(line[len(prefix) : -1])
    return dn.read_script(script)


def test_the_network_read_back_is_the_trained_one(payload, example):
    """What the browser tests compare the page with is the gallery's network, exactly."""
    again = dn.network_from_payload(payload)
    x = example.test_images[:50]
    for got, want in zip(again.trace(x), example.network.trace(x), strict=True):
        np.testing.assert_array_equal(got, want)


def _floats(text):
    return np.frombuffer(base64.b64decode(text), dtype="<f8")


def test_the_asset_is_small(script):
    size = len(script.encode("utf-8"))
    assert size <= SIZE_LIMIT, f"{dn.FILE_NAME} is {size} bytes, over {SIZE_LIMIT}"


def test_the_bytes_are_the_same_every_time(script, tmp_path):
    assert dn.digits_network_script() == script
    first = dn.write_digits_network(tmp_path).read_bytes()
    again = dn.write_digits_network(tmp_path).read_bytes()
    assert first == again == script.encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [dn.FILE_NAME]  # no temporary file left
    assert script.isascii()


def test_weights_are_the_trained_networks_bit_for_bit(payload, example):
    network = example.network
    layers = payload["layers"]
    assert [layer["name"] for layer in layers] == [layer.name for layer in network]
    assert [layer["type"] for layer in layers] == [
        "conv2d", "relu", "maxpool", "conv2d", "relu", "maxpool", "flatten", "linear",
    ]  # fmt: skip
    shapes = [layer.shape for layer in network.trace(np.zeros((1, 1, 28, 28)))]
    assert [tuple(layer["outputShape"]) for layer in layers] == [s[1:] for s in shapes]
    count = 0
    for entry, layer in zip(layers, network, strict=True):
        if "weight" in entry:
            weight = _floats(entry["weight"]).reshape(entry["shape"])
            np.testing.assert_array_equal(weight, layer.weight)
            np.testing.assert_array_equal(_floats(entry["bias"]), layer.bias)
            count += weight.size + layer.bias.size
    # 5x5x1x8 + 8, 3x3x8x16 + 16, 400x10 + 10: the "about 5,400 numbers"
    assert count == 200 + 8 + 1152 + 16 + 4000 + 10 == 5386


def test_the_shipped_digits_are_the_held_out_ones(payload, example):
    digits = payload["digits"]
    assert digits["count"] == 300 == len(digits["labels"])
    pixels = dn.decode_digits(base64.b64decode(digits["rle"]), digits["count"])
    index = np.array(digits["heldOutIndex"])
    np.testing.assert_array_equal(pixels[:, None] / np.float64(255), example.test_images[index])
    assert digits["labels"] == example.test_labels[index].tolist()
    assert np.bincount(digits["labels"]).tolist() == [30] * 10
    assert len(set(index.tolist())) == 300


def test_preprocessing_is_measured_on_the_training_digits(payload, example):
    pre = payload["preprocessing"]
    assert pre == dn.preprocessing(example.train_images)
    assert (pre["size"], pre["scale"], pre["box"]) == (28, 255, 20)
    assert np.allclose(pre["centreOfMass"], 14, atol=0.1)  # MNIST centres the ink's mass
    assert f"is {pre['box']} pixels" in pre["description"]


def test_the_held_out_accuracy_is_the_gallerys(payload, example):
    assert payload["heldOut"]["accuracy"] == example.history.test_accuracy[-1]
    assert payload["source"] == "convdemo.trained_digits_cnn()"


def test_encoding_round_trips_any_bytes():
    rng = np.random.default_rng(0)
    pixels = (rng.random((5, 28, 28)) < 0.3) * rng.integers(1, 256, (5, 28, 28))
    pixels[0] = 0
    pixels[1] = 255  # runs longer than 255
    pixels = pixels.astype(np.uint8)
    np.testing.assert_array_equal(dn.decode_digits(dn.encode_digits(pixels), 5), pixels)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: dn.encode_digits(np.zeros((1, 28, 28))), TypeError, "pixels must be uint8"),
        (lambda: dn.encode_digits(np.zeros((28, 28), np.uint8)), ValueError, r"\(N, 28, 28\)"),
        (lambda: dn.decode_digits(b"\x00", 1), ValueError, "ends inside image 0"),
        (lambda: dn.decode_digits(bytes([0, 255]), 1), ValueError, "overruns image 0"),
        (lambda: dn.layer_list("net"), TypeError, "network must be a convdemo.Stack"),
        (
            lambda: dn.layer_list(convdemo.Stack([convdemo.Sigmoid()])),
            TypeError,
            r"cannot compute Sigmoid",
        ),
        (
            lambda: dn.shipped_digits(np.zeros((3, 28, 28)), np.zeros(3)),
            ValueError,
            r"test_images must be \(N, 1, 28, 28\)",
        ),
        (
            lambda: dn.shipped_digits(np.full((10, 1, 28, 28), 0.3), np.arange(10), 1),
            ValueError,
            r"k / 255",
        ),
        (
            lambda: dn.shipped_digits(np.zeros((10, 1, 28, 28)), np.arange(10), 2),
            ValueError,
            "the digit 0 has 1 held-out images, not 2",
        ),
        (lambda: dn.preprocessing(np.zeros((2, 27, 28))), ValueError, "images must be"),
        (lambda: dn.read_script("x = 1;"), ValueError, "must be a digits_network.js script"),
        (
            lambda: dn.network_from_payload({"layers": [{"type": "dropout"}]}),
            ValueError,
            "unknown layer type 'dropout'",
        ),
        (lambda: dn.preprocessing(np.full((1, 28, 28), 2.0)), ValueError, "values in 0..1"),
    ],
)
def test_bad_input_is_refused_clearly(call, error, match):
    with pytest.raises(error, match=match):
        call()
