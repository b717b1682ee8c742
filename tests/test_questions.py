"""The "Check yourself" question bank (docs/_ext/question_bank.py) against fresh computations.

Every numeric question's answer, and every wrong answer it names, is recomputed here by a
separate call to convdemo from the question's own inputs: the bank's number and the fresh
one must agree at the precision the question shows, and every wrong answer must differ from
the right one.
"""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import numpy as np
import pytest

import convdemo as cd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
import question_bank as qb

BANK = qb.build_bank()
CORE = ("yes-no", "one-channel", "linear-stack", "rf-kernel", "one-concept")


def _conv(x, w, b=None) -> float:
    return float(np.asarray(cd.conv2d(x, w, b)).max())


def _rf(layers) -> int:
    return cd.receptive_field(layers)[-1].size[0]


W3 = np.ones((3, 3))


def _smiley(arrangement: str) -> dict[str, float]:
    net = cd.smiley_face_detector()
    hidden = net[1].forward(net[0].forward(cd.draw_smiley(arrangement)[None]))
    w2, b2 = net[2].weight, net[2].bias
    pre = _conv(hidden, w2, b2)
    eyes = _conv(hidden[:1], w2[:, :1])
    return {
        "out": float(cd.relu(pre)),
        "pre": pre,
        "no_bias": _conv(hidden, w2),
        "eyes_out": float(cd.relu(eyes + b2[0])),
    }


def _edge_stacks(edge: str) -> dict[str, float]:
    row = np.zeros((3, 10))
    row[:, 3:7] = 1.0
    sobel = cd.named_kernel("sobel_x")
    response = cd.conv2d(row, sobel)[0]
    at = int(np.argmax(response) if edge == "rising" else np.argmin(response))
    layer1 = cd.conv2d(row[None], np.stack([sobel, -sobel])[:, None])[:, 0, at]
    return {
        "relu": float(cd.relu(layer1).sum()),
        "linear": float(layer1.sum()),
        "sobel": float(response[at]),
    }


def _fresh(q: qb.Question) -> list[tuple[str | None, float]]:
    """(None, the answer), then (misconception, value) of each wrong answer, in the bank's
    order — all computed here, from the question's inputs."""
    i = q.inputs
    match q.id:
        case "basics-window-sum":
            return [
                (None, _conv(i["window"], i["kernel"])),
                ("flip-kernel", _conv(i["window"], np.rot90(i["kernel"], 2))),
                ("no-sum", float(i["window"][1, 1] * i["kernel"][1, 1])),
            ]
        case "basics-window-bias":
            no_bias = _conv(i["window"], i["kernel"])
            return [
                (None, _conv(i["window"], i["kernel"], i["bias"])),
                ("forget-bias", no_bias),
                ("forget-bias", no_bias - i["bias"]),
            ]
        case "basics-output-size":
            x = np.zeros((i["size"], i["size"]))
            k = np.zeros((i["kernel"], i["kernel"]))
            return [
                (None, cd.conv2d(x, k, padding=i["padding"], stride=i["stride"]).shape[0]),
                ("forget-padding", cd.conv2d(x, k, stride=i["stride"]).shape[0]),
                ("forget-stride", cd.conv2d(x, k, padding=i["padding"]).shape[0]),
            ]
        case "basics-output-dilation":
            x, k = np.zeros((1, i["size"])), np.zeros((1, i["kernel"]))
            return [
                (None, cd.conv2d(x, k, dilation=i["dilation"]).shape[1]),
                ("forget-dilation", cd.conv2d(x, k).shape[1]),
            ]
        case "basics-same-padding":
            x, k = np.zeros((i["size"], i["size"])), np.zeros((i["kernel"], i["kernel"]))
            same = cd.conv2d(x, k, padding="same").shape[0]
            assert same == i["size"]
            pad = [p for p in range(i["kernel"]) if cd.conv2d(x, k, padding=p).shape[0] == same]
            return [(None, pad[0]), ("forget-padding", i["kernel"] - 1)]
        case "basics-flat-region":
            return [
                (None, _conv(i["window"], i["kernel"])),
                ("no-sum", float(i["window"][1, 1] * i["kernel"][1, 1])),
            ]
        case "part-1-step-map":
            r = i["response"]
            strong, faint = int(np.argmax(r)), int(np.argmax(r > 0))
            return [
                (None, float(cd.step(r)[strong] - cd.step(r)[faint])),
                ("yes-no", float(cd.relu(r)[strong] - cd.relu(r)[faint])),
            ]
        case "part-1-contrast":
            image, kernel = i["image"], cd.named_kernel("sobel_x")
            low = float(cd.conv2d(image, kernel)[0, 1])
            return [
                (None, float(cd.conv2d(image * i["factor"], kernel)[0, 1])),
                ("yes-no", low),
                ("yes-no", float(cd.step(low))),
            ]
        case "part-2-face-score":
            s = _smiley("face")
            return [(None, s["out"]), ("forget-bias", s["no_bias"]), ("one-channel", s["eyes_out"])]
        case "part-2-mouth-above-eyes":
            s, face = _smiley("swapped"), _smiley("face")
            return [
                (None, s["out"]),
                ("forget-bias", s["no_bias"]),
                ("forget-relu", s["pre"]),
                ("parts-anywhere", face["no_bias"]),
            ]
        case "part-2-two-channels":
            x, w = i["x"], i["w"]
            return [
                (None, _conv(x, w)),
                ("one-channel", _conv(x[:1], w[:, :1])),
                ("one-channel", _conv(x[1:], w[:, 1:])),
            ]
        case "part-2-kernel-weights":
            layer = cd.Conv2d(np.zeros((1, i["channels"], i["k"], i["k"])))
            return [(None, layer.weight.size), ("one-channel", layer.weight[0, 0].size)]
        case "part-3-four-stride2":
            layers = [cd.Conv2d(W3, stride=s) for s in i["strides"]]
            return [
                (None, _rf(layers)),
                ("rf-kernel", W3.shape[0]),
                ("forget-stride", _rf([cd.Conv2d(W3)] * len(layers))),
                ("kernel-sizes-add", W3.shape[0] * len(layers)),
            ]
        case "part-3-five-convs":
            return [
                (None, _rf([cd.Conv2d(W3)] * i["n"])),
                ("rf-kernel", W3.shape[0]),
                ("kernel-sizes-add", W3.shape[0] * i["n"]),
            ]
        case "part-3-pooling":
            return [
                (None, _rf([cd.Conv2d(W3), cd.MaxPool2d(2), cd.Conv2d(W3), cd.Conv2d(W3)])),
                ("forget-stride", _rf([cd.Conv2d(W3)] * 3)),
                ("rf-kernel", W3.shape[0]),
            ]
        case "part-3-dilation":
            return [
                (None, _rf([cd.Conv2d(W3, dilation=d) for d in i["dilations"]])),
                ("forget-dilation", _rf([cd.Conv2d(W3)] * len(i["dilations"]))),
                ("rf-kernel", W3.shape[0]),
            ]
        case "part-3-jump":
            rf = cd.receptive_field([cd.Conv2d(W3, stride=2), cd.MaxPool2d(2)])
            return [(None, rf[-1].jump[0]), ("forget-jump", rf[0].jump[0]), ("rf-kernel", 1)]
        case "part-4-composed-size":
            k = cd.compose_kernels(i["k1"], i["k2"])
            x = np.random.default_rng(0).normal(size=(12, 12))
            one = cd.conv2d(x, k)
            np.testing.assert_allclose(one, cd.conv2d(cd.conv2d(x, i["k1"]), i["k2"]), atol=1e-12)
            return [
                (None, k.shape[0]),
                ("linear-stack", i["k1"].shape[0]),
                ("kernel-sizes-add", i["k1"].size),
            ]
        case "part-4-edge-both-ways":
            o = _edge_stacks("falling")
            return [(None, o["relu"]), ("linear-stack", o["sobel"]), ("forget-relu", o["linear"])]
        case "part-4-without-relu":
            o = _edge_stacks("rising")
            return [(None, o["linear"]), ("linear-stack", o["relu"])]
        case "part-4-face-relu":
            layer1 = np.stack([i["eyes"], i["mouth"]])
            raw = _conv(layer1, i["face"])
            eyes = _conv(i["eyes"][None], i["face"][:, :1])
            return [
                (None, float(cd.relu(raw + i["bias"]))),
                ("forget-bias", raw),
                ("one-channel", float(cd.relu(eyes + i["bias"]))),
            ]
        case "part-5-pooled-rf":
            block = [cd.Conv2d(W3), cd.ReLU()]
            pool = cd.MaxPool2d(2)
            return [
                (None, _rf([*block, pool, *block, pool, *block])),
                ("forget-stride", _rf(block * 3)),
                ("rf-kernel", W3.shape[0]),
            ]
    raise KeyError(q.id)


NUMERIC = [q for q in BANK.values() if q.kind == "numeric"]
CHOICE = [q for q in BANK.values() if q.kind == "choice"]


def test_the_bank_covers_the_basics_and_the_five_parts():
    assert len(BANK) >= 30
    counts = {part: len(qb.questions_of(BANK, part)) for part in qb.PARTS}
    assert set(counts) == {"basics", *(f"part-{n}" for n in range(1, 6))}
    assert min(counts.values()) >= 4, counts
    assert NUMERIC and CHOICE


@pytest.mark.parametrize("qid", list(BANK))
def test_ids_are_stable_names_of_their_part(qid):
    q = BANK[qid]
    assert re.fullmatch(r"(basics|part-[1-5])-[a-z0-9]+(-[a-z0-9]+)*", qid)
    assert qid.startswith(q.part + "-")


@pytest.mark.parametrize("q", NUMERIC, ids=lambda q: q.id)
def test_numeric_answer_and_wrong_answers_equal_fresh_computations(q):
    fresh = _fresh(q)
    (key, answer), wrong = fresh[0], fresh[1:]
    assert key is None
    assert qb.fmt(answer, q.decimals) == qb.fmt(q.answer, q.decimals)
    np.testing.assert_allclose(q.answer, answer, rtol=0, atol=10.0**-q.decimals / 2)
    assert [(d.misconception, qb.fmt(d.value, q.decimals)) for d in q.distractors] == [
        (m, qb.fmt(v, q.decimals)) for m, v in wrong
    ]


@pytest.mark.parametrize("q", NUMERIC, ids=lambda q: q.id)
def test_every_wrong_number_differs_from_the_answer_and_from_each_other(q):
    shown = [qb.fmt(d.value, q.decimals) for d in q.distractors]
    assert q.distractors, f"{q.id} names no wrong answer"
    assert q.answer_text not in shown
    assert len(set(shown)) == len(shown), shown


@pytest.mark.parametrize("q", CHOICE, ids=lambda q: q.id)
def test_choice_questions_have_one_right_option_and_named_wrong_ones(q):
    right = [c for c in q.choices if c.misconception is None]
    assert len(right) == 1
    assert len(q.choices) >= 2
    texts = [c.text for c in q.choices]
    assert len(set(texts)) == len(texts)
    assert q.answer_text == right[0].text


def test_numbers_in_choices_are_fresh_computations():
    image = np.zeros((5, 12))
    for n, contrast in enumerate([0.1, 0.5, 1.0]):
        image[:, 4 * n + 2 : 4 * n + 4] = contrast
    response = cd.conv2d(image, cd.named_kernel("sobel_x"))[1]
    relu_map = BANK["part-1-relu-map"]
    np.testing.assert_array_equal(relu_map.inputs["response"], response)
    assert relu_map.answer_text == qb.fmt_list(cd.relu(response), 1)
    wrong = {c.misconception: c.text for c in relu_map.choices if c.misconception}
    assert wrong == {
        "yes-no": qb.fmt_list(cd.step(response)),
        "forget-relu": qb.fmt_list(response, 1),
    }
    faint, strong = BANK["part-1-relu-tells-apart"].inputs["values"]
    assert (faint, strong) == (response[1], response[9])
    assert qb.fmt(cd.relu(strong), 1) in BANK["part-1-relu-tells-apart"].answer_text
    sizes = [r.size[0] for r in cd.receptive_field([cd.Conv2d(W3)] * 3)]
    assert f"{sizes[-1]}\u00d7{sizes[-1]}" in BANK["part-3-layer3-sees"].answer_text


def test_wrong_options_name_known_misconceptions_and_cover_the_five():
    used = [d.misconception for q in NUMERIC for d in q.distractors]
    used += [c.misconception for q in CHOICE for c in q.choices if c.misconception]
    assert set(used) <= set(qb.MISCONCEPTIONS)
    assert set(CORE) <= set(used)


def test_the_diagnostic_is_ten_known_questions_on_the_five_misconceptions():
    ids = qb.DIAGNOSTIC
    assert len(ids) == len(set(ids)) == 10
    assert set(ids) <= set(BANK)
    reveals = {d.misconception for qid in ids for d in BANK[qid].distractors}
    reveals |= {c.misconception for qid in ids for c in BANK[qid].choices}
    assert set(CORE) <= reveals
    assert {BANK[qid].part for qid in ids} == set(qb.PARTS)


def test_the_bank_is_deterministic():
    again = qb.build_bank()
    assert list(again) == list(BANK)
    for qid, q in BANK.items():
        other = again[qid]
        assert (q.prompt, q.solution, q.answer_text, q.choices) == (
            other.prompt,
            other.solution,
            other.answer_text,
            other.choices,
        )
        assert [qb.fmt(d.value, q.decimals) for d in q.distractors] == [
            qb.fmt(d.value, q.decimals) for d in other.distractors
        ]


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [(-14.0, 0, "\u221214"), (-0.0001, 2, "0.00"), (0.5, 1, "0.5"), (72, 0, "72")],
)
def test_fmt(value, decimals, text):
    assert qb.fmt(value, decimals) == text


ROOT = Path(__file__).resolve().parents[1]
TOPICS = {
    "basics": "basics",
    "feature_maps": "part-1",
    "channels": "part-2",
    "receptive_fields": "part-3",
    "nonlinearity": "part-4",
    "learned_features": "part-5",
}


def test_each_part_of_the_answer_ends_with_its_check_yourself_block():
    text = (ROOT / "docs" / "answer.md").read_text(encoding="utf-8")
    labels = ["answer-graded", "answer-channels", "answer-receptive-fields"]
    labels += ["answer-nonlinearity", "answer-hierarchy"]
    starts = [text.index(f"({label})=") for label in labels] + [text.index("## See also")]
    for n, (start, end) in enumerate(itertools.pairwise(starts), start=1):
        blocks = re.findall(r"```\{questions\} (\S+)", text[start:end])
        assert blocks == [f"part-{n}"], (labels[n - 1], blocks)
        assert text[start:end].rstrip().endswith("```"), labels[n - 1]


@pytest.mark.parametrize(("topic", "part"), TOPICS.items())
def test_each_gallery_topic_has_its_check_yourself_block(topic, part):
    text = (ROOT / "gallery" / topic / "README.rst").read_text(encoding="utf-8")
    assert re.findall(r"^\.\. questions:: (\S+)$", text, re.MULTILINE) == [part]
    assert set(TOPICS.values()) == set(qb.PARTS)


def test_the_diagnostic_page_is_in_the_toctree_and_linked_from_the_landing_page():
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert re.search(r"^diagnostic$", index, re.MULTILINE)
    assert "<diagnostic>`" in index
    page = (ROOT / "docs" / "diagnostic.md").read_text(encoding="utf-8")
    assert "```{diagnostic}" in page and "local storage" in page
