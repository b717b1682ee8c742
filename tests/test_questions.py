"""The "Check yourself" question bank (docs/_ext/question_bank.py) against fresh computations.

Every numeric question's answer, and every wrong answer it names, is recomputed here by a
separate call to convdemo from the question's own inputs: the bank's number and the fresh
one must agree at the precision the question shows, and every wrong answer must differ from
the right one.
"""

from __future__ import annotations

import ast
import itertools
import re
import sys
from pathlib import Path

import numpy as np
import pytest

import convdemo as cd
from convdemo.site.answer_examples import FACE_BIAS, contrast_stripes, edge_both_ways, face_parts

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
        # forget the bias: the weighted sum through the ReLU
        "no_bias": float(cd.relu(_conv(hidden, w2))),
        # read one channel: the eye slice alone, with the bias and the ReLU
        "eyes_out": float(cd.relu(eyes + b2[0])),
    }


def _edge_stacks(edge: str) -> dict[str, float]:
    """The answer page's two edge stacks, recomputed channel by channel at one edge."""
    _, row = edge_both_ways()
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
                # subtract the bias: the same sum with the bias's sign turned round
                ("bias-sign", _conv(i["window"], i["kernel"], -i["bias"])),
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
            # all the zeros on one side: the padding that restores the size if added once
            one_side = [
                p
                for p in range(i["kernel"])
                if cd.conv2d(np.pad(x, ((p, 0), (p, 0))), k).shape[0] == same
            ]
            return [(None, pad[0]), ("pad-one-side", one_side[0])]
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
                # a step that kept the grading would be a ReLU
                ("step-keeps-grading", float(cd.relu(r)[strong] - cd.relu(r)[faint])),
            ]
        case "part-1-contrast":
            image, kernel = i["image"], cd.named_kernel("sobel_x")
            low = float(cd.conv2d(image, kernel)[0, 1])
            return [
                (None, float(cd.conv2d(image * i["factor"], kernel)[0, 1])),
                # the response only says "an edge": the same number at any contrast
                ("contrast-blind", low),
                # a yes/no map: 1 where there is an edge
                ("yes-no", float(cd.step(low))),
            ]
        case "part-2-face-score":
            s = _smiley("face")
            return [(None, s["out"]), ("forget-bias", s["no_bias"]), ("one-channel", s["eyes_out"])]
        case "part-2-mouth-above-eyes":
            s, face = _smiley("swapped"), _smiley("face")
            # the same parts, wherever they are, would answer as the face does
            parts = [cd.draw_smiley(a) for a in ("swapped", "face")]
            assert [int(p.sum()) for p in parts] == [int(parts[0].sum())] * 2
            return [(None, s["out"]), ("forget-relu", s["pre"]), ("parts-anywhere", face["out"])]
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
                # every layer at stride 1: the stride's spreading forgotten
                ("forget-stride-rf", _rf([cd.Conv2d(W3)] * len(layers))),
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
                ("forget-stride-rf", _rf([cd.Conv2d(W3)] * 3)),
                ("rf-kernel", W3.shape[0]),
            ]
        case "part-3-dilation":
            return [
                (None, _rf([cd.Conv2d(W3, dilation=d) for d in i["dilations"]])),
                ("forget-dilation", _rf([cd.Conv2d(W3)] * len(i["dilations"]))),
                ("rf-kernel", W3.shape[0]),
            ]
        case "part-3-jump":
            convs = [cd.Conv2d(W3, stride=s) for s in i["strides"][:-1]]
            pool = cd.MaxPool2d(i["strides"][-1])
            return [
                (None, cd.receptive_field([*convs, pool])[-1].jump[0]),
                ("jumps-add", sum(layer.stride[0] for layer in [*convs, pool])),
                ("pool-no-jump", cd.receptive_field(convs)[-1].jump[0]),
            ]
        case "part-4-composed-size":
            k = cd.compose_kernels(i["k1"], i["k2"])
            x = np.random.default_rng(0).normal(size=(12, 12))
            one = cd.conv2d(x, k)
            np.testing.assert_allclose(one, cd.conv2d(cd.conv2d(x, i["k1"]), i["k2"]), atol=1e-12)
            return [
                (None, k.shape[0]),
                ("composed-same-size", i["k1"].shape[0]),
                ("kernel-sizes-add", i["k1"].shape[0] + i["k2"].shape[0]),
            ]
        case "part-4-edge-both-ways":
            o, rising = _edge_stacks("falling"), _edge_stacks("rising")
            # a linear filter answers minus at the mirrored edge: f(-x) = -f(x)
            assert o["sobel"] == -rising["sobel"]
            return [
                (None, o["relu"]),
                ("linear-flip", -rising["relu"]),
                ("forget-relu", o["linear"]),
            ]
        case "part-4-without-relu":
            o = _edge_stacks("falling")
            # a linear stack credited with what the ReLU stack does; layer 2 reading channel 0
            return [(None, o["linear"]), ("linear-stack", o["relu"]), ("one-channel", o["sobel"])]
        case "part-4-face-relu":
            eyes, mouth, face = face_parts()
            raw = _conv(np.stack([eyes, mouth]), face)
            eyes_alone = _conv(eyes[None], face[:, :1])
            bias = FACE_BIAS
            return [
                (None, float(cd.relu(raw + bias))),
                ("forget-bias", raw),
                ("one-channel", float(cd.relu(eyes_alone + bias))),
            ]
        case "part-5-pooled-rf":
            block = [cd.Conv2d(W3), cd.ReLU()]
            pool = cd.MaxPool2d(2)
            return [
                (None, _rf([*block, pool, *block, pool, *block])),
                ("forget-stride-rf", _rf(block * 3)),
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
    image = contrast_stripes()  # the answer page's image
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
    assert (faint, strong) == (response[response > 0][0], response.max())
    assert qb.fmt(cd.relu(strong), 1) in BANK["part-1-relu-tells-apart"].answer_text
    sizes = [r.size[0] for r in cd.receptive_field([cd.Conv2d(W3)] * 3)]
    assert f"{sizes[-1]}\u00d7{sizes[-1]}" in BANK["part-3-layer3-sees"].answer_text


def test_each_kind_of_question_gets_its_own_stride_text():
    """A forgotten stride shows in output sizes (divide, round down, add 1) and in receptive
    fields (later layers' units move apart): two texts, each on its own kind of question."""
    users = {key: set() for key in ("forget-stride", "forget-stride-rf")}
    for q in NUMERIC:
        for d in q.distractors:
            if d.misconception in users:
                users[d.misconception].add(q.id)
    assert users["forget-stride"] == {"basics-output-size"}
    assert users["forget-stride-rf"] == {
        "part-3-four-stride2",
        "part-3-pooling",
        "part-5-pooled-rf",
    }
    assert "round down" in qb.MISCONCEPTIONS["forget-stride"].fix
    assert "round down" not in qb.MISCONCEPTIONS["forget-stride-rf"].fix
    assert "apart" in qb.MISCONCEPTIONS["forget-stride-rf"].says


def test_the_step_question_diagnoses_a_step_that_keeps_the_grading():
    """Who answers the ReLU difference thinks a step keeps the strengths, the opposite of
    "a feature map is yes/no" (the issue's misdiagnosis)."""
    q = BANK["part-1-step-map"]
    assert [d.misconception for d in q.distractors] == ["step-keeps-grading"]
    says = qb.MISCONCEPTIONS["step-keeps-grading"].says
    assert "keeps how strong" in says and "yes/no" not in says


def test_every_misconception_named_is_used_and_every_used_one_is_named():
    used = {d.misconception for q in NUMERIC for d in q.distractors}
    used |= {c.misconception for q in CHOICE for c in q.choices if c.misconception}
    assert used == set(qb.MISCONCEPTIONS)


@pytest.mark.parametrize("qid", qb.DIAGNOSTIC)
def test_diagnostic_questions_stand_alone(qid):
    """A diagnostic question is met alone: it never leans on another question's setup."""
    q = BANK[qid]
    assert not re.match(r"(the )?same\b", q.prompt, re.IGNORECASE), q.prompt
    assert "as above" not in q.prompt and "previous" not in q.prompt


@pytest.mark.parametrize("qid", list(BANK))
def test_no_text_is_an_unformatted_template(qid):
    q = BANK[qid]
    texts = [q.prompt, *q.solution, *(c.text for c in q.choices), *(g.caption for g in q.grids)]
    assert not [t for t in texts if "{" in t or "}" in t]


def test_questions_show_the_grids_they_are_about():
    for qid in ("part-4-without-relu", "part-4-edge-both-ways"):
        captions = [g.caption for g in BANK[qid].grids]
        _, row = edge_both_ways()
        np.testing.assert_array_equal(BANK[qid].grids[0].values, row)
        assert any("Sobel-x" in c for c in captions)
    for qid in ("part-2-face-score", "part-2-mouth-above-eyes"):
        (grid,) = BANK[qid].grids
        assert grid.values.sum() == cd.draw_smiley("face").sum()
        assert "bias" in BANK[qid].prompt
    contrast = BANK["part-1-contrast"]
    np.testing.assert_array_equal(contrast.grids[1].values, cd.named_kernel("sobel_x"))


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


# --------------------------------------------------------------------------- one source

#: Question-only setups: small windows that no page builds (a page's image, kernel or network
#: comes from the function that builds the page).
QUESTION_ONLY = {"basics_window_sum", "basics_window_bias", "_two_channel_window"}


def _numeric_literal(node: ast.AST) -> bool:
    """A list or tuple literal of numbers, nested at least once: an array typed by hand."""
    return (
        isinstance(node, ast.List | ast.Tuple)
        and any(isinstance(e, ast.List | ast.Tuple) for e in node.elts)
        and _typed_numbers(node)
    )


def _typed_numbers(node: ast.AST) -> bool:
    """A list or tuple literal whose leaves are all numbers typed in the source."""
    if isinstance(node, ast.List | ast.Tuple):
        return bool(node.elts) and all(_typed_numbers(e) for e in node.elts)
    if isinstance(node, ast.UnaryOp):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, int | float)


def _offences(source: str) -> list[str]:
    tree = ast.parse(source)
    found = []
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef) or fn.name in QUESTION_ONLY:
            continue
        for node in ast.walk(fn):
            if _numeric_literal(node):
                found.append(f"{fn.name}: an array literal (line {node.lineno})")
            if isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                if name in {"np.array", "np.asarray"} and _typed_numbers(node.args[0]):
                    found.append(f"{fn.name}: {name} of typed numbers (line {node.lineno})")
                if name.split(".")[-1] == "Stack":
                    found.append(f"{fn.name}: builds a network (line {node.lineno})")
    return found


def test_the_bank_declares_no_array_or_network_that_a_page_builds():
    """issue 22: the bank calls the functions that build the pages (the answer page's
    examples, the landing example, the smiley drawing and detector) instead of typing their
    arrays and networks a second time; only question-only windows are typed."""
    source = Path(qb.__file__).read_text(encoding="utf-8")
    assert _offences(source) == []
    for builder in ("contrast_stripes", "face_parts", "edge_both_ways", "landing_example"):
        assert f"{builder}(" in source, builder
    assert "smiley_face_detector(" in source and "draw_smiley(" in source


def test_the_one_source_check_catches_what_it_forbids():
    bad = (
        "def f():\n    a = np.array([1.0, 2.0])\n    b = [[1, 0], [0, -1]]\n"
        "    return cd.Stack([cd.Conv2d(a)])\n"
    )
    assert len(_offences(bad)) == 3
    assert _offences("def basics_window_sum():\n    w = np.array([[1.0, 2.0]])\n") == []
