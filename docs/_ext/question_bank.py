"""The "Check yourself" question bank: prediction questions whose numbers come from convdemo.

Every question is built by a function below, at build time. The numbers a question shows
(its windows, kernels and maps), its answer and its wrong answers are computed by
:mod:`convdemo` — never typed. A wrong answer is what a reader gets from one known slip
or misconception (forgetting the bias, reading only one channel, forgetting the padding,
thinking a feature map is yes/no, ...): :data:`MISCONCEPTIONS` names each one, with the
section of the site that answers it, and tests/test_questions.py recomputes each wrong answer
through the reasoning its misconception names. Where one wrong idea shows differently in two
kinds of question (a forgotten stride in an output size, or in a receptive field), each kind
has its own text.

Setups that a page also shows are built by the page's own functions
(:mod:`convdemo.site.answer_examples`, the landing example, the smiley drawing and
detector), never typed here a second time; tests/test_questions.py enforces it.

Two kinds of question:

* **numeric**: the reader types a number; ``answer`` (shown to ``decimals`` places) and
  ``distractors``, the wrong numbers that reveal a misconception;
* **choice**: the reader picks one of ``choices``; the right one has no misconception.

This module needs numpy and convdemo only (no Sphinx): the extension
(``convdemo_questions.py``) renders it, and tests/test_questions.py and
tests/browser/test_questions.py check it.
"""

# ruff: noqa: RUF001 (the questions are typeset text: × and − are meant)
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

import convdemo as cd
from convdemo.site.answer_examples import FACE_BIAS, contrast_stripes, edge_both_ways, face_parts
from convdemo.site.landing import LANDING_CHANNELS, landing_example, landing_peaks

# --------------------------------------------------------------------------- the model

#: The language of the texts as written here (the message ids of convdemo.po).
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Num:
    """A computed number in a text: written for the language (``0,5`` in Italian), with
    ``decimals`` places, a true minus sign and no -0 (see :func:`fmt`)."""

    value: float
    decimals: int = 0


@dataclass(frozen=True)
class NumList:
    """Computed numbers shown as a list: ``[0.0, 1.5]`` in English, ``[0,0; 1,5]`` in a
    language whose decimal separator is the comma (see :func:`fmt_list`)."""

    values: tuple[float, ...]
    decimals: int = 0


@dataclass(frozen=True)
class Joined:
    """Fields written one after the other: ``before``, the items joined by ``separator``,
    ``after`` (signs and brackets, the same in every language)."""

    items: tuple
    separator: str = ", "
    before: str = ""
    after: str = ""


class Text(str):
    """A computed text: an English template with named fields, and the fields.

    As a str it is the English text (what tests and the English site read). :func:`say`
    writes it in another language: the template is looked up in convdemo.po and formatted
    after the lookup, every field in that language. A field is a :class:`Num`, a
    :class:`NumList`, another :class:`Text` (translated too), an int, a tuple of fields
    (joined with ", "), a :class:`Joined` or a str that is not prose (a shape, a list of
    sizes: left as it is).
    A translation never types a number: the numbers are the fields, computed once.
    """

    template: str
    fields: dict

    def __new__(cls, template: str, **fields) -> Text:
        if not isinstance(template, str):
            raise TypeError(f"template must be a str, got {type(template).__name__}")
        self = super().__new__(cls, template.format(**_fields(fields, SOURCE_LANGUAGE)))
        self.template = template
        self.fields = fields
        return self

    def __reduce__(self):  # pickles (Sphinx's parallel build) as the template and its fields
        return (_make_text, (self.template, self.fields))


def _make_text(template: str, fields: dict) -> Text:
    return Text(template, **fields)


def _field(value: object, language: str | None) -> str:
    if isinstance(value, Text):
        return say(value, language)
    if isinstance(value, Num):
        return fmt(value.value, value.decimals, language)
    if isinstance(value, NumList):
        return fmt_list(value.values, value.decimals, language)
    if isinstance(value, tuple):
        return ", ".join(_field(v, language) for v in value)
    if isinstance(value, Joined):
        inner = value.separator.join(_field(v, language) for v in value.items)
        return value.before + inner + value.after
    if isinstance(value, bool) or not isinstance(value, (int, np.integer, str)):
        raise TypeError(
            f"a text's field must be a Num, NumList, Text, int, tuple or str, got {value!r}"
        )
    return str(value)


def _fields(fields: dict, language: str | None) -> dict[str, str]:
    return {name: _field(value, language) for name, value in fields.items()}


def say(text: str, language: str | None) -> str:
    """``text`` in ``language``: a :class:`Text` is looked up by its template and formatted
    with its fields written for the language; a plain str is looked up as it is. English
    (or a message the catalogue lacks) gives the English text.

    >>> say(Text("{n} pixels", n=Num(0.5, 1)), "en")
    '0.5 pixels'
    """
    from convdemo.site.i18n import translator

    _ = translator(language) if is_prose(text) else str
    if isinstance(text, Text):
        return _(text.template).format(**_fields(text.fields, language))
    return _(text)


def is_prose(text: str) -> bool:
    """Whether a text (its template) has words to translate: ``{values}`` alone has none."""
    template = text.template if isinstance(text, Text) else text
    return any(c.isalpha() for c in re.sub(r"\{\w+\}", "", template))


def messages_of(text: str) -> list[str]:
    """The catalogue messages that :func:`say` looks up for ``text`` (its template and
    those of the texts in its fields)."""
    if not isinstance(text, Text):
        return [text] if is_prose(text) else []
    found = [text.template] if is_prose(text) else []
    stack = list(text.fields.values())
    while stack:
        value = stack.pop()
        if isinstance(value, Text):
            found += messages_of(value)
        elif isinstance(value, tuple):
            stack += list(value)
        elif isinstance(value, Joined):
            stack += list(value.items)
    return found


T = Text  # short, for the builders below


@dataclass(frozen=True)
class Misconception:
    """A known wrong idea (or slip), and the section that answers it."""

    says: str  # completes "This is the answer you get if you think / if you ..."
    label: str  # a Sphinx label: the section that answers it
    fix: str  # one sentence that sets it right


# The gallery's examples that answer the slips of arithmetic (sphinx-gallery's labels).
ONE_NUMBER = "sphx_glr_auto_examples_basics_plot_one_output_number.py"
ARITHMETIC = "sphx_glr_auto_examples_basics_plot_convolution_arithmetic.py"

MISCONCEPTIONS: dict[str, Misconception] = {
    # the five misconceptions the site exists to undo
    "yes-no": Misconception(
        "think a feature map is a yes/no map of where a feature is",
        "answer-graded",
        "A feature map is graded: each number says how much of the feature is there.",
    ),
    "one-channel": Misconception(
        "think a layer-2 kernel looks at one channel",
        "answer-channels",
        "A layer-2 kernel has a slice for every input channel and adds all of them up.",
    ),
    "linear-stack": Misconception(
        "think two stacked linear convolutions can do more than one",
        "answer-nonlinearity",
        "Two linear convolutions are exactly one convolution, with the composed kernel.",
    ),
    "rf-kernel": Misconception(
        "think the receptive field equals the kernel size",
        "answer-receptive-fields",
        "Every stacked layer widens what a unit sees of the image.",
    ),
    "one-concept": Misconception(
        "think one channel means one human concept",
        "answer-hierarchy",
        "A channel responds to whatever drives its weights; names are approximations.",
    ),
    # slips in the arithmetic
    # how the core misconceptions show in particular questions
    "step-keeps-grading": Misconception(
        "think a step keeps how strong a response was, as a ReLU does",
        "answer-graded",
        "A step outputs 1 for every response above its threshold, faint or strong: after it "
        "the two cannot be told apart.",
    ),
    "contrast-blind": Misconception(
        "think the response only records that there is an edge, not how strong it is",
        "answer-graded",
        "A convolution is a weighted sum: twice the contrast gives twice the response.",
    ),
    "linear-flip": Misconception(
        "think the stack answers like one linear filter, whose answer changes sign when "
        "the edge does",
        "answer-nonlinearity",
        "The ReLU between the layers keeps each channel's positive part, so the stack "
        "answers the edge's strength whichever way round: no linear filter can.",
    ),
    "parts-anywhere": Misconception(
        "think layer 2 counts the parts wherever they are",
        "answer-channels",
        "Each weight of the layer-2 kernel sits at one offset: the parts must be in place.",
    ),
    # slips in the arithmetic
    "forget-bias": Misconception(
        "forget the bias",
        "worked-example",
        "The bias is added to the weighted sum, before the activation.",
    ),
    "bias-sign": Misconception(
        "subtract the bias instead of adding it",
        "worked-example",
        "The bias is added with its sign: a negative bias lowers the sum.",
    ),
    "forget-relu": Misconception(
        "forget the ReLU",
        "answer-graded",
        "The ReLU turns every negative number into 0 and keeps the rest.",
    ),
    "forget-padding": Misconception(
        "forget the padding",
        ARITHMETIC,
        "Padding adds zeros on each side, so it adds 2p to the length.",
    ),
    "pad-one-side": Misconception(
        "put all the padding a kernel needs on each side, as if it went on one side only",
        ARITHMETIC,
        "Zeros go on both sides: a k-wide kernel needs (k − 1) / 2 on each.",
    ),
    # a stride shows in two ways: in output sizes, and in receptive fields
    "forget-stride": Misconception(
        "forget the stride",
        ARITHMETIC,
        "A stride s keeps only every s-th position: divide, round down, add 1.",
    ),
    "forget-stride-rf": Misconception(
        "forget that a stride or a pooling moves the units of later layers apart",
        "answer-receptive-fields",
        "After a stride (or pooling) s neighbouring units are s times further apart in the "
        "image, so every later 3×3 layer adds 2 × that distance, not 2.",
    ),
    "jumps-add": Misconception(
        "add the strides instead of multiplying them",
        "answer-receptive-fields",
        "Each stride spaces out the units of the layer before it, so the distances multiply.",
    ),
    "pool-no-jump": Misconception(
        "think a pooling leaves the units where they were",
        "answer-receptive-fields",
        "A 2×2 pooling keeps one unit in two along each axis, like a stride of 2.",
    ),
    "forget-dilation": Misconception(
        "forget the dilation",
        ARITHMETIC,
        "Dilation d spreads the taps: a 3-tap kernel spans 2d + 1 pixels.",
    ),
    "flip-kernel": Misconception(
        "flip the kernel (the textbook convolution)",
        ONE_NUMBER,
        "Deep-learning convolution slides the kernel as it is, without flipping it.",
    ),
    "no-sum": Misconception(
        "multiply only the centre pixel by the centre weight",
        ONE_NUMBER,
        "Every output number is the sum of all the window's products.",
    ),
    "kernel-sizes-add": Misconception(
        "add up the kernel sizes",
        "answer-receptive-fields",
        "Neighbouring windows overlap: each 3×3 layer adds 2 pixels, not 3.",
    ),
    "composed-same-size": Misconception(
        "think two kernels compose into one of the same size",
        "answer-nonlinearity",
        "Each 3×3 kernel reaches 1 pixel past its centre; one after the other they "
        "reach 2: a 5×5 kernel.",
    ),
}


@dataclass(frozen=True)
class Grid:
    """A small array shown with the question (an HTML table)."""

    caption: str
    values: np.ndarray
    decimals: int = 0


@dataclass(frozen=True)
class Distractor:
    """A wrong number, and the misconception that gives it."""

    value: float
    misconception: str


@dataclass(frozen=True)
class Choice:
    """One option of a choice question; ``misconception`` is None for the right one."""

    text: str
    misconception: str | None = None


@dataclass(frozen=True)
class Question:
    """One question of the bank. ``inputs`` are what tests recompute the answer from."""

    id: str
    part: str
    prompt: str
    solution: tuple[str, ...]
    grids: tuple[Grid, ...] = ()
    answer: float | None = None
    decimals: int = 0
    distractors: tuple[Distractor, ...] = ()
    choices: tuple[Choice, ...] = ()
    inputs: dict = field(default_factory=dict, compare=False)

    @property
    def kind(self) -> str:
        return "choice" if self.choices else "numeric"

    @property
    def correct(self) -> int:
        """Index of the right choice (choice questions)."""
        return next(i for i, c in enumerate(self.choices) if c.misconception is None)

    @property
    def answer_text(self) -> str:
        """The right answer as the English page shows it."""
        return self.answer_in(SOURCE_LANGUAGE)

    def answer_in(self, language: str | None) -> str:
        """The right answer written in ``language``."""
        if self.kind == "choice":
            return say(self.choices[self.correct].text, language)
        return fmt(self.answer, self.decimals, language)

    def texts(self) -> list[str]:
        """Every text of the question (prompt, solution, choices, grid captions)."""
        return [
            self.prompt,
            *self.solution,
            *(c.text for c in self.choices),
            *(g.caption for g in self.grids),
        ]


PARTS: dict[str, str] = {
    "basics": "Basics: one convolution",
    "part-1": "1. A feature map says how much, not whether",
    "part-2": "2. Channels combine",
    "part-3": "3. Receptive fields grow",
    "part-4": "4. Non-linearity",
    "part-5": "5. A hierarchy, in practice",
}

#: The section each part's "not quite" feedback and "More:" link point to (Sphinx labels).
PART_LABELS: dict[str, str] = {
    "basics": "gallery-basics",
    "part-1": "answer-graded",
    "part-2": "answer-channels",
    "part-3": "answer-receptive-fields",
    "part-4": "answer-nonlinearity",
    "part-5": "answer-hierarchy",
}


def fmt(value: float, decimals: int = 0, language: str | None = None) -> str:
    """A number as the questions show it: ``decimals`` places, a true minus sign, no -0,
    the decimal separator of ``language`` (``0,5`` in Italian)."""
    from convdemo.site.i18n import format_number

    rounded = round(float(value), decimals)
    if rounded == 0:
        rounded = 0.0
    return format_number(rounded, language, digits=decimals).replace("-", "\u2212")


def fmt_list(values, decimals: int = 0, language: str | None = None) -> str:
    """Numbers as a list: ``[0.0, 1.5]``; ``[0,0; 1,5]`` where the comma is the decimal
    separator (as :func:`convdemo.site.i18n.localise_numbers` writes lists)."""
    texts = [fmt(v, decimals, language) for v in np.ravel(values)]
    separator = "; " if "," in fmt(0.5, 1, language) else ", "
    return "[" + separator.join(texts) + "]"


def _order(qid: str, choices: list[Choice]) -> tuple[Choice, ...]:
    """The choices in a fixed order that does not put the right one first every time."""
    return tuple(sorted(choices, key=lambda c: hashlib.sha256((qid + c.text).encode()).digest()))


def _rf(layers) -> int:
    return cd.receptive_field(layers)[-1].size[0]


def _w3() -> np.ndarray:
    return np.ones((3, 3))


# --------------------------------------------------------------------------- basics


def basics_window_sum() -> Question:
    window = np.array([[1.0, 2.0, 4.0], [0.0, 3.0, 5.0], [2.0, 1.0, 3.0]])
    kernel = cd.named_kernel("sobel_x")
    answer = float(cd.conv2d(window, kernel)[0, 0])
    flipped = float(cd.conv2d(window, kernel[::-1, ::-1])[0, 0])
    centre = float(window[1, 1] * kernel[1, 1])
    products = window * kernel
    terms = tuple(Joined((Num(p),), "", "(", ")") for p in products.ravel())
    return Question(
        id="basics-window-sum",
        part="basics",
        prompt="The Sobel-x kernel sits on this 3×3 window. What number does the convolution "
        "write at this position?",
        grids=(Grid("window", window), Grid("kernel (Sobel-x)", kernel)),
        answer=answer,
        distractors=(
            Distractor(flipped, "flip-kernel"),
            Distractor(centre, "no-sum"),
        ),
        solution=(
            T(
                "Multiply each pixel by the weight over it and add all nine products: "
                "{terms} = {answer}.",
                terms=Joined(terms, " + "),
                answer=Num(answer),
            ),
            "The right column is brighter than the left one, so the answer is positive.",
        ),
        inputs={"window": window, "kernel": kernel},
    )


def basics_window_bias() -> Question:
    window = np.array([[0.0, 1.0, 0.0], [1.0, 2.0, 1.0], [0.0, 1.0, 0.0]])
    kernel = cd.named_kernel("gaussian_blur")
    bias = -0.5
    answer = float(cd.conv2d(window, kernel, bias)[0, 0])
    no_bias = float(cd.conv2d(window, kernel)[0, 0])
    subtracted = float(cd.conv2d(window, kernel, -bias)[0, 0])
    return Question(
        id="basics-window-bias",
        part="basics",
        prompt=T(
            "A blur kernel with bias {bias} sits on this window. What number comes "
            "out (before any activation)?",
            bias=Num(bias, 1),
        ),
        grids=(Grid("window", window), Grid("kernel (Gaussian blur)", kernel, 4)),
        answer=answer,
        decimals=2,
        distractors=(
            Distractor(no_bias, "forget-bias"),
            Distractor(subtracted, "bias-sign"),
        ),
        solution=(
            T(
                "The weighted sum of the nine products is {no_bias}; adding the bias "
                "{bias} gives {answer}.",
                no_bias=Num(no_bias, 2),
                bias=Num(bias, 1),
                answer=Num(answer, 2),
            ),
        ),
        inputs={"window": window, "kernel": kernel, "bias": bias},
    )


def basics_output_size() -> Question:
    size, kernel, padding, stride = 8, 3, 1, 2
    answer = cd.conv_output_size(size, kernel, stride=stride, padding=padding)
    return Question(
        id="basics-output-size",
        part="basics",
        prompt=T(
            "An {size}×{size} image, a {kernel}×{kernel} kernel, padding {padding}, "
            "stride {stride}. How many rows does the feature map have?",
            size=size,
            kernel=kernel,
            padding=padding,
            stride=stride,
        ),
        answer=answer,
        distractors=(
            Distractor(cd.conv_output_size(size, kernel, stride=stride), "forget-padding"),
            Distractor(cd.conv_output_size(size, kernel, padding=padding), "forget-stride"),
        ),
        solution=(
            T(
                "Padding makes the length {size} + 2×{padding} = {padded}. "
                "The kernel fits {fits} times at stride 1; stride "
                "{stride} keeps one position in {stride}: floor(({padded} − {kernel}) / "
                "{stride}) + 1 = {answer}.",
                size=size,
                padding=padding,
                padded=size + 2 * padding,
                fits=size + 2 * padding - kernel + 1,
                stride=stride,
                kernel=kernel,
                answer=answer,
            ),
        ),
        inputs={"size": size, "kernel": kernel, "padding": padding, "stride": stride},
    )


def basics_output_dilation() -> Question:
    size, kernel, dilation = 9, 3, 2
    answer = cd.conv_output_size(size, kernel, dilation=dilation)
    span = dilation * (kernel - 1) + 1
    return Question(
        id="basics-output-dilation",
        part="basics",
        prompt=T(
            "A {size}-pixel row, a {kernel}-tap kernel with dilation {dilation}, no "
            "padding, stride 1. How long is the output?",
            size=size,
            kernel=kernel,
            dilation=dilation,
        ),
        answer=answer,
        distractors=(Distractor(cd.conv_output_size(size, kernel), "forget-dilation"),),
        solution=(
            T(
                "With dilation {dilation} the {kernel} taps span {span} pixels, so the kernel "
                "fits {size} − {span} + 1 = {answer} times.",
                dilation=dilation,
                kernel=kernel,
                span=span,
                size=size,
                answer=answer,
            ),
        ),
        inputs={"size": size, "kernel": kernel, "dilation": dilation},
    )


def basics_same_padding() -> Question:
    size, kernel = 10, 5
    answer = next(p for p in range(kernel) if cd.conv_output_size(size, kernel, padding=p) == size)
    # all the zeros the kernel needs, counted as if they went on one side only
    one_side = next(p for p in range(kernel) if cd.conv_output_size(size + p, kernel) == size)
    return Question(
        id="basics-same-padding",
        part="basics",
        prompt=T(
            "How much padding (on each side) keeps a {size}×{size} image {size}×{size} "
            "under a {kernel}×{kernel} kernel at stride 1?",
            size=size,
            kernel=kernel,
        ),
        answer=answer,
        distractors=(Distractor(one_side, "pad-one-side"),),
        solution=(
            T(
                "A {kernel}-wide kernel shortens the row by {lost}; zeros on both sides must "
                "make that up: {lost} / 2 = {answer} on each side.",
                kernel=kernel,
                lost=kernel - 1,
                answer=answer,
            ),
        ),
        inputs={"size": size, "kernel": kernel},
    )


def basics_flat_region() -> Question:
    window = np.full((3, 3), 0.5)
    kernel = cd.named_kernel("outline")
    answer = float(cd.conv2d(window, kernel)[0, 0])
    centre = float(window[1, 1] * kernel[1, 1])
    return Question(
        id="basics-flat-region",
        part="basics",
        prompt="The outline kernel (8 in the centre, −1 around it) on a flat grey patch. What "
        "does it answer?",
        grids=(Grid("window", window, 1), Grid("kernel (outline)", kernel)),
        answer=answer,
        decimals=1,
        distractors=(Distractor(centre, "no-sum"),),
        solution=(
            T(
                "The weights add up to {total}, so on a flat patch the centre's "
                "{centre} is cancelled by the eight neighbours: {answer}. Edge "
                "and line kernels answer 0 where nothing changes.",
                total=Num(kernel.sum()),
                centre=Num(centre, 1),
                answer=Num(answer, 1),
            ),
        ),
        inputs={"window": window, "kernel": kernel},
    )


# --------------------------------------------------------------------------- part 1


def _edges_row() -> tuple[np.ndarray, np.ndarray]:
    """The answer page's three stripes of growing contrast and their Sobel-x row."""
    image = contrast_stripes()
    return image, cd.conv2d(image, cd.named_kernel("sobel_x"))[image.shape[0] // 2 - 1]


def part1_relu_map() -> Question:
    _, response = _edges_row()
    relu, step = cd.relu(response), cd.step(response)
    return Question(
        id="part-1-relu-map",
        part="part-1",
        prompt="A Sobel-x feature map (one row) of three stripes of growing contrast. What does a "
        "ReLU leave of it?",
        grids=(Grid("feature map row", response[None], 1),),
        choices=_order(
            "part-1-relu-map",
            [
                Choice(T("{values}", values=NumList(tuple(relu), 1))),
                Choice(T("{values}", values=NumList(tuple(step), 0)), "yes-no"),
                Choice(T("{values}", values=NumList(tuple(response), 1)), "forget-relu"),
            ],
        ),
        solution=(
            T(
                "ReLU keeps positive numbers and sets negative ones to 0: {relu}. "
                "The faint, middle and strong edges keep their different strengths.",
                relu=NumList(tuple(relu), 1),
            ),
        ),
        inputs={"response": response},
    )


def part1_step_map() -> Question:
    _, response = _edges_row()
    step, relu = cd.step(response), cd.relu(response)
    faint, strong = _faint_and_strong(response)
    answer = float(step[strong] - step[faint])
    return Question(
        id="part-1-step-map",
        part="part-1",
        prompt=T(
            "A Sobel-x feature map (one row) of three stripes of growing contrast goes "
            "through a step activation. The strong edge ({strong}) minus the "
            "faint edge ({faint}): what is it after the step?",
            strong=Num(response[strong], 1),
            faint=Num(response[faint], 1),
        ),
        grids=(Grid("feature map row", response[None], 1),),
        answer=answer,
        decimals=1,
        distractors=(Distractor(float(relu[strong] - relu[faint]), "step-keeps-grading"),),
        solution=(
            T(
                "A step turns every positive number into 1: {step}. The faint and the "
                "strong edge both become 1, so the difference is {answer}: the grading "
                "is gone. After a ReLU it would still be {relu}.",
                step=NumList(tuple(step)),
                answer=Num(answer, 1),
                relu=Num(relu[strong] - relu[faint], 1),
            ),
        ),
        inputs={"response": response},
    )


def part1_contrast() -> Question:
    kernel = cd.named_kernel("sobel_x")
    low, high = 0.5, 1.0
    image = np.zeros((3, 4))
    image[:, 2:] = low
    r_low = float(cd.conv2d(image, kernel)[0, 1])
    answer = float(cd.conv2d(image * high / low, kernel)[0, 1])
    return Question(
        id="part-1-contrast",
        part="part-1",
        prompt=T(
            "A vertical edge from 0 to {low} gives a Sobel-x response of "
            "{r_low}. What does an edge from 0 to {high} give?",
            low=Num(low, 1),
            r_low=Num(r_low, 1),
            high=Num(high, 1),
        ),
        grids=(
            Grid(T("image (contrast {low})", low=Num(low, 1)), image, 1),
            Grid("kernel (Sobel-x)", kernel),
        ),
        answer=answer,
        decimals=1,
        distractors=(
            Distractor(r_low, "contrast-blind"),
            Distractor(float(cd.step(r_low)), "yes-no"),
        ),
        solution=(
            T(
                "A convolution is a weighted sum, so twice the contrast gives twice the "
                "response: {r_low} × {factor} = {answer}.",
                r_low=Num(r_low, 1),
                factor=Num(high / low),
                answer=Num(answer, 1),
            ),
        ),
        inputs={"image": image, "factor": high / low},
    )


def part1_what_a_number_says() -> Question:
    return Question(
        id="part-1-what-a-number-says",
        part="part-1",
        prompt="What does one number of a first-layer feature map tell the next layer?",
        choices=_order(
            "part-1-what-a-number-says",
            [
                Choice("How strongly the window there matches the kernel's pattern."),
                Choice("Whether the feature is present there: yes or no.", "yes-no"),
                Choice("Which human concept the window shows.", "one-concept"),
            ],
        ),
        solution=(
            "It is a weighted sum of the window: a big number for a strong match, a small one "
            "for a faint match, negative for the opposite pattern. Only a step activation "
            "would make it yes/no.",
        ),
    )


def part1_relu_tells_apart() -> Question:
    _, response = _edges_row()
    i_faint, i_strong = _faint_and_strong(response)
    faint, strong = float(response[i_faint]), float(response[i_strong])
    relu = cd.relu(np.array([faint, strong]))
    step = cd.step(np.array([faint, strong]))
    return Question(
        id="part-1-relu-tells-apart",
        part="part-1",
        prompt=T(
            "A faint edge scores {faint}, a strong one {strong}. After a "
            "ReLU, can the next layer tell them apart?",
            faint=Num(faint, 1),
            strong=Num(strong, 1),
        ),
        choices=_order(
            "part-1-relu-tells-apart",
            [
                Choice(T("Yes: they stay {a} and {b}.", a=Num(relu[0], 1), b=Num(relu[1], 1))),
                Choice(T("No: both become {one}.", one=Num(step[0])), "yes-no"),
            ],
        ),
        solution=(
            T(
                "ReLU leaves positive numbers unchanged: {a} and {b}. "
                "Only a step would turn both into {one}.",
                a=Num(relu[0], 1),
                b=Num(relu[1], 1),
                one=Num(step[0]),
            ),
        ),
        inputs={"values": np.array([faint, strong])},
    )


# --------------------------------------------------------------------------- part 2


def _smiley_scores(arrangement: str) -> dict[str, float]:
    """What the face unit of :func:`convdemo.smiley_face_detector` makes of one drawing:
    its output, and what each of its two kernel slices adds (channel 0: eyes, 1: mouth)."""
    detector = cd.smiley_face_detector()
    _, layer1, pre2, out2 = detector.trace(cd.draw_smiley(arrangement)[None])
    w2 = detector[2].weight
    b2 = float(detector[2].bias[0])
    eyes = float(cd.conv2d(layer1[:1], w2[:, :1]).max())
    mouth = float(cd.conv2d(layer1[1:], w2[:, 1:]).max())
    return {
        "out": float(out2.max()),
        "pre": float(pre2.max()),
        "no_bias": float(cd.relu(cd.conv2d(layer1, w2)).max()),
        "eyes": eyes,
        "mouth": mouth,
        "eyes_only_out": float(cd.relu(eyes + b2)),
        "bias": b2,
    }


def part2_face_score() -> Question:
    s = _smiley_scores("face")
    return Question(
        id="part-2-face-score",
        part="part-2",
        prompt=T(
            "{face_unit} It reads this drawing of a face. What is its highest output?",
            face_unit=_face_unit(),
        ),
        grids=(Grid("the drawing (the rest of it is 0)", _crop(cd.draw_smiley("face"))),),
        answer=s["out"],
        distractors=(
            Distractor(s["no_bias"], "forget-bias"),
            Distractor(s["eyes_only_out"], "one-channel"),
        ),
        solution=(
            T(
                "The eye slice adds {eyes}, the mouth slice {mouth}: "
                "{no_bias} in all. With the bias, {no_bias} − "
                "{minus_bias} = {pre}, and the ReLU keeps it: {out}.",
                eyes=Num(s["eyes"]),
                mouth=Num(s["mouth"]),
                no_bias=Num(s["no_bias"]),
                minus_bias=Num(-s["bias"]),
                pre=Num(s["pre"]),
                out=Num(s["out"]),
            ),
        ),
        inputs={"arrangement": "face"},
    )


def part2_mouth_above_eyes() -> Question:
    s = _smiley_scores("swapped")
    face = _smiley_scores("face")
    return Question(
        id="part-2-mouth-above-eyes",
        part="part-2",
        prompt=T(
            "{face_unit} On a drawn face it outputs {face}. What is its "
            "highest output on this drawing: the same strokes, with the mouth above the eyes?",
            face_unit=_face_unit(),
            face=Num(face["out"]),
        ),
        grids=(Grid("the drawing (the rest of it is 0)", _crop(cd.draw_smiley("swapped"))),),
        answer=s["out"],
        distractors=(
            Distractor(s["pre"], "forget-relu"),
            Distractor(face["out"], "parts-anywhere"),
        ),
        solution=(
            T(
                "Nowhere do eyes and mouth both sit where the kernel wants them: the best "
                "position gets {no_bias} from the weights, {pre} with the "
                "bias, and the ReLU makes it {out}. The face is in the arrangement, "
                "not in the parts.",
                no_bias=Num(s["no_bias"]),
                pre=Num(s["pre"]),
                out=Num(s["out"]),
            ),
        ),
        inputs={"arrangement": "swapped"},
    )


def _two_channel_window() -> tuple[np.ndarray, np.ndarray]:
    x = np.array(
        [
            [[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [1.0, 0.0, 0.0]],
            [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [2.0, 2.0, 2.0]],
        ]
    )
    w = np.array(
        [
            [[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [1.0, 0.0, 0.0]],
            [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0]],
        ]
    )
    return x, w[None]


def part2_two_channels() -> Question:
    x, w = _two_channel_window()
    answer = float(cd.conv2d(x, w)[0, 0, 0])
    first = float(cd.conv2d(x[:1], w[:, :1])[0, 0, 0])
    second = float(cd.conv2d(x[1:], w[:, 1:])[0, 0, 0])
    return Question(
        id="part-2-two-channels",
        part="part-2",
        prompt="Layer 1 gave two channels; layer 2's kernel has one 3×3 slice for each. What "
        "does layer 2 output here?",
        grids=(
            Grid("channel 0 (left edge)", x[0]),
            Grid("channel 1 (bottom line)", x[1]),
            Grid("kernel slice 0", w[0, 0]),
            Grid("kernel slice 1", w[0, 1]),
        ),
        answer=answer,
        distractors=(
            Distractor(first, "one-channel"),
            Distractor(second, "one-channel"),
        ),
        solution=(
            T(
                "Slice 0 on channel 0 gives {first}, slice 1 on channel 1 gives "
                "{second}; layer 2 adds them: {answer}. Neither channel alone holds "
                'this "corner".',
                first=Num(first),
                second=Num(second),
                answer=Num(answer),
            ),
        ),
        inputs={"x": x, "w": w},
    )


def part2_kernel_weights() -> Question:
    channels, k = 8, 3
    layer = cd.Conv2d(np.zeros((1, channels, k, k)))
    answer = int(layer.weight[0].size)
    return Question(
        id="part-2-kernel-weights",
        part="part-2",
        prompt=T(
            "Layer 1 has {channels} channels. How many weights does ONE {k}×{k} kernel of "
            "layer 2 have (without the bias)?",
            channels=channels,
            k=k,
        ),
        answer=answer,
        distractors=(Distractor(k * k, "one-channel"),),
        solution=(
            T(
                "One {k}×{k} slice per input channel: {channels} × {k2} = {answer}. Its shape "
                "is {shape}.",
                k=k,
                channels=channels,
                k2=k * k,
                answer=answer,
                shape=str(layer.weight[0].shape),
            ),
        ),
        inputs={"channels": channels, "k": k},
    )


def part2_what_layer2_reads() -> Question:
    return Question(
        id="part-2-what-layer2-reads",
        part="part-2",
        prompt='Layer 1 produced an "eyes" channel and a "mouth" channel. What does one '
        "layer-2 kernel read?",
        choices=_order(
            "part-2-what-layer2-reads",
            [
                Choice("Both channels at once, each through its own slice, summed."),
                Choice("One channel: the one it is connected to.", "one-channel"),
                Choice("Either channel, but only where it says yes.", "yes-no"),
            ],
        ),
        solution=(
            "Its weight has shape (C_out, C_in, kh, kw): a slice for every input channel. That "
            'is how "eyes here and a mouth below" becomes one number.',
        ),
    )


def part2_new_feature() -> Question:
    s = _smiley_scores("face")
    return Question(
        id="part-2-new-feature",
        part="part-2",
        prompt='Where is the "face" that layer 2 detects?',
        choices=_order(
            "part-2-new-feature",
            [
                Choice("In the arrangement of the eye and mouth channels, read together."),
                Choice("Already in the eye channel, which layer 2 copies.", "one-channel"),
                Choice("Anywhere eyes and a mouth appear, in any order.", "parts-anywhere"),
            ],
        ),
        solution=(
            T(
                "The eye channel alone brings {eyes}, which the bias "
                "({bias}) wipes out; the face unit fires only where both channels have "
                "their parts at the right offsets.",
                eyes=Num(s["eyes"]),
                bias=Num(s["bias"]),
            ),
        ),
        inputs={"arrangement": "face"},
    )


# --------------------------------------------------------------------------- part 3


def part3_four_stride2() -> Question:
    w = _w3()
    layers = [cd.Conv2d(w), cd.Conv2d(w, stride=2), cd.Conv2d(w), cd.Conv2d(w)]
    answer = _rf(layers)
    return Question(
        id="part-3-four-stride2",
        part="part-3",
        prompt="Four stacked 3×3 convolutions; the second has stride 2, the others stride 1. "
        "How many pixels wide is the receptive field of a unit of the fourth?",
        answer=answer,
        distractors=(
            Distractor(3, "rf-kernel"),
            Distractor(_rf([cd.Conv2d(w)] * 4), "forget-stride-rf"),
            Distractor(3 * 4, "kernel-sizes-add"),
        ),
        solution=tuple(
            [
                "Each 3×3 layer adds 2 × (the distance between neighbouring units before it); "
                "the stride doubles that distance for the layers after it.",
                T(
                    "Sizes after each layer: {sizes}, so {answer} pixels.",
                    sizes=tuple(int(r.size[0]) for r in cd.receptive_field(layers)),
                    answer=answer,
                ),
            ]
        ),
        inputs={"strides": (1, 2, 1, 1)},
    )


def part3_five_convs() -> Question:
    n = 5
    answer = _rf([cd.Conv2d(_w3())] * n)
    return Question(
        id="part-3-five-convs",
        part="part-3",
        prompt=T(
            "{n} stacked 3×3 convolutions, stride 1. How many pixels wide is the "
            "receptive field of the last one?",
            n=n,
        ),
        answer=answer,
        distractors=(Distractor(3, "rf-kernel"), Distractor(3 * n, "kernel-sizes-add")),
        solution=(
            T(
                "The first sees 3; each of the other {others} adds 2: 2×{n} + 1 = {answer}.",
                others=n - 1,
                n=n,
                answer=answer,
            ),
        ),
        inputs={"n": n},
    )


def part3_pooling() -> Question:
    w = _w3()
    layers = [cd.Conv2d(w), cd.MaxPool2d(2), cd.Conv2d(w), cd.Conv2d(w)]
    answer = _rf(layers)
    return Question(
        id="part-3-pooling",
        part="part-3",
        prompt="conv 3×3, max-pool 2×2 (stride 2), conv 3×3, conv 3×3, all convolutions at "
        "stride 1. Receptive field of the last layer, in pixels?",
        answer=answer,
        distractors=(
            Distractor(_rf([x for x in layers if isinstance(x, cd.Conv2d)]), "forget-stride-rf"),
            Distractor(3, "rf-kernel"),
        ),
        solution=(
            T(
                "Sizes after each layer: {sizes}. After the pooling neighbouring units are 2 "
                "pixels apart, so each 3×3 layer adds 2 × 2 = 4.",
                sizes=tuple(int(r.size[0]) for r in cd.receptive_field(layers)),
            ),
        ),
        inputs={"layers": "conv pool conv conv"},
    )


def part3_dilation() -> Question:
    w = _w3()
    dilations = (1, 2, 4)
    answer = _rf([cd.Conv2d(w, dilation=d) for d in dilations])
    return Question(
        id="part-3-dilation",
        part="part-3",
        prompt="Three 3×3 convolutions with dilation 1, 2 and 4. How wide is the receptive "
        "field of the third?",
        answer=answer,
        distractors=(
            Distractor(_rf([cd.Conv2d(w)] * 3), "forget-dilation"),
            Distractor(3, "rf-kernel"),
        ),
        solution=(
            T(
                "A dilated 3-tap kernel spans 2d + 1 pixels, so the layers add {adds} to a "
                "start of 1: {answer}.",
                adds=tuple(2 * d for d in dilations),
                answer=answer,
            ),
        ),
        inputs={"dilations": dilations},
    )


def part3_layer3_sees() -> Question:
    sizes = [r.size[0] for r in cd.receptive_field([cd.Conv2d(_w3())] * 3)]
    size = sizes[-1]
    return Question(
        id="part-3-layer3-sees",
        part="part-3",
        prompt="Every kernel of a 3-layer network is 3×3 (stride 1). What can a unit of layer 3 "
        "respond to?",
        choices=_order(
            "part-3-layer3-sees",
            [
                Choice(T("A pattern up to {size}×{size} pixels of the image.", size=size)),
                Choice("Only a 3×3 patch of the image, like every layer.", "rf-kernel"),
                Choice(T("A pattern up to {n}×{n} pixels.", n=3 * 3), "kernel-sizes-add"),
            ],
        ),
        solution=(
            T(
                "Layer 3 reads 3×3 units of layer 2, which read 3×3 of layer 1, which read "
                "3×3 of the image: {sizes} pixels.",
                sizes=" → ".join(map(str, sizes)),
            ),
        ),
        inputs={"n": 3},
    )


def part3_jump() -> Question:
    w = _w3()
    layers = [cd.Conv2d(w, stride=2), cd.Conv2d(w, stride=2), cd.MaxPool2d(2)]
    answer = cd.receptive_field(layers)[-1].jump[0]
    strides = [2, 2, 2]
    no_pool = cd.receptive_field(layers[:-1])[-1].jump[0]
    return Question(
        id="part-3-jump",
        part="part-3",
        prompt="Two 3×3 convolutions at stride 2, then a 2×2 max-pool (stride 2). How many "
        "input pixels apart are the centres of neighbouring units after the pool?",
        answer=answer,
        distractors=(
            Distractor(sum(strides), "jumps-add"),
            Distractor(no_pool, "pool-no-jump"),
        ),
        solution=(
            T(
                "Each stride spaces out the units of the layer before it, so the distances "
                "multiply: {product} = {answer}.",
                product=" × ".join(map(str, strides)),
                answer=answer,
            ),
        ),
        inputs={"strides": strides},
    )


# --------------------------------------------------------------------------- part 4


def part4_composed_size() -> Question:
    k1, k2 = cd.named_kernel("sobel_x"), cd.named_kernel("gaussian_blur")
    answer = cd.compose_kernels(k1, k2).shape[0]
    return Question(
        id="part-4-composed-size",
        part="part-4",
        prompt="Two 3×3 convolutions, no activation between them, are exactly one convolution. "
        "How big is its kernel?",
        answer=answer,
        distractors=(
            Distractor(k1.shape[0], "composed-same-size"),
            Distractor(k1.shape[0] + k2.shape[0], "kernel-sizes-add"),
        ),
        solution=(
            T(
                "The composed kernel (convdemo.compose_kernels) is {answer}×{answer}: each "
                "kernel reaches {reach} pixel past its centre, one after the other they reach "
                "{both}, like the receptive field of two layers.",
                answer=answer,
                reach=k1.shape[0] // 2,
                both=answer // 2,
            ),
        ),
        inputs={"k1": k1, "k2": k2},
    )


def part4_edge_both_ways() -> Question:
    o = _edge_outputs()
    return Question(
        id="part-4-edge-both-ways",
        part="part-4",
        prompt=T(
            "Layer 1 has two channels: channel 0 is Sobel-x (shown), channel 1 minus "
            "Sobel-x; then a ReLU; layer 2 adds the two channels. On this stripe the rising "
            "edge gives {rise}. What does the falling edge give?",
            rise=Num(o["relu_rise"]),
        ),
        grids=_edge_grids(o),
        answer=o["relu_fall"],
        distractors=(
            Distractor(-o["relu_rise"], "linear-flip"),
            Distractor(o["linear_fall"], "forget-relu"),
        ),
        solution=(
            T(
                "At the falling edge Sobel-x gives {sobel} and minus Sobel-x "
                "{minus}; the ReLU keeps {minus}, so layer 2 "
                "outputs {out}: the edge's strength whichever way round, which "
                "no single linear filter can give.",
                sobel=Num(o["sobel_fall"]),
                minus=Num(-o["sobel_fall"]),
                out=Num(o["relu_fall"]),
            ),
        ),
        inputs={"edge": "falling"},
    )


def part4_without_relu() -> Question:
    o = _edge_outputs()
    return Question(
        id="part-4-without-relu",
        part="part-4",
        prompt="Layer 1 has two channels: channel 0 is Sobel-x (shown), channel 1 minus "
        "Sobel-x; layer 2 adds the two channels. There is NO activation between the layers. "
        "What do they output at the falling edge of this stripe?",
        grids=_edge_grids(o),
        answer=o["linear_fall"],
        distractors=(
            Distractor(o["relu_fall"], "linear-stack"),
            Distractor(o["sobel_fall"], "one-channel"),
        ),
        solution=(
            T(
                "Sobel-x gives {sobel}, minus Sobel-x {minus}, and "
                "layer 2 adds them: {out}. The stack IS one kernel, and that "
                "kernel is all zeros; only a ReLU between the layers would keep the edge.",
                sobel=Num(o["sobel_fall"]),
                minus=Num(-o["sobel_fall"]),
                out=Num(o["linear_fall"]),
            ),
        ),
        inputs={"edge": "falling"},
    )


def part4_what_linear_stack_does() -> Question:
    n = 10
    size = _rf([cd.Conv2d(_w3())] * n)
    return Question(
        id="part-4-what-linear-stack-does",
        part="part-4",
        prompt=T(
            "A stack of {n} 3×3 convolutions with no activation between them can detect ...",
            n=n,
        ),
        choices=_order(
            "part-4-what-linear-stack-does",
            [
                Choice(
                    T(
                        "... exactly what one {size}×{size} convolution, with the composed "
                        "kernel, can.",
                        size=size,
                    )
                ),
                Choice(
                    "... patterns no single convolution can, because it is deeper.", "linear-stack"
                ),
                Choice("... only 3×3 patterns, like each of its kernels.", "rf-kernel"),
            ],
        ),
        solution=(
            T(
                "Convolution is linear, and linear maps compose into one linear map: one big "
                "kernel, {size}×{size} here. Depth buys new patterns only with a "
                "non-linearity between the layers.",
                size=size,
            ),
        ),
        inputs={"n": n},
    )


def part4_face_relu() -> Question:
    f = _face_at_best()
    raw, bias = f["raw"], f["bias"]
    answer = float(cd.relu(raw + bias))
    eyes_only = float(cd.relu(f["eyes"] + bias))
    return Question(
        id="part-4-face-relu",
        part="part-4",
        prompt=T(
            "The answer page's face kernel has an eye slice (channel 0) and a mouth slice "
            "(channel 1). On the face the eye slice adds {eyes} and the mouth slice "
            "{mouth}. With a bias of {bias} and a ReLU, what does the unit output there?",
            eyes=Num(f["eyes"]),
            mouth=Num(f["mouth"]),
            bias=Num(bias, 1),
        ),
        answer=answer,
        decimals=1,
        distractors=(
            Distractor(raw, "forget-bias"),
            Distractor(eyes_only, "one-channel"),
        ),
        solution=(
            T(
                "{eyes} + {mouth} = {raw}; {raw} + ({bias}) = {pre}, and the ReLU keeps it: "
                "{answer}. Where only the eyes match the sum is below {minus_bias}, and the "
                "ReLU gives 0.",
                eyes=Num(f["eyes"]),
                mouth=Num(f["mouth"]),
                raw=Num(raw),
                bias=Num(bias, 1),
                pre=Num(raw + bias, 1),
                answer=Num(answer, 1),
                minus_bias=Num(-bias, 1),
            ),
        ),
        inputs={},
    )


# --------------------------------------------------------------------------- part 5


def _pool_stack() -> list:
    w = _w3()
    return [cd.Conv2d(w), cd.ReLU(), cd.MaxPool2d(2)] * 2 + [cd.Conv2d(w), cd.ReLU()]


def part5_pooled_rf() -> Question:
    layers = _pool_stack()
    answer = _rf(layers)
    no_pool = _rf([layer for layer in layers if not isinstance(layer, cd.MaxPool2d)])
    return Question(
        id="part-5-pooled-rf",
        part="part-5",
        prompt="Three blocks: conv 3×3 (stride 1) + ReLU, with a 2×2 max-pool (stride 2) after "
        "the first two. How many pixels does a unit of the third convolution see?",
        answer=answer,
        distractors=(Distractor(no_pool, "forget-stride-rf"), Distractor(3, "rf-kernel")),
        solution=(
            T(
                "Sizes after each convolution and pooling: {sizes}: room for parts made of "
                "corners made of edges ({answer} pixels).",
                sizes=tuple(
                    int(r.size[0])
                    for r in cd.receptive_field(layers)
                    if not r.name.startswith("ReLU")
                ),
                answer=answer,
            ),
        ),
        inputs={"blocks": 3},
    )


def _landing_corners() -> dict[str, float]:
    """The landing page's corner unit at its bright rectangle and its dim square."""
    peaks = landing_peaks(landing_example())
    return {"bright": peaks["bright rectangle"][0], "dim": peaks["dim square"][0]}


def part5_corner_strength() -> Question:
    c = _landing_corners()
    return Question(
        id="part-5-corner-strength",
        part="part-5",
        prompt='The landing page\'s "top-left corner" unit reads edge channels. How does it '
        "answer a bright rectangle's corner and a half-as-bright square's corner?",
        choices=_order(
            "part-5-corner-strength",
            [
                Choice(
                    T(
                        "{bright} and {dim}: a dimmer corner, a smaller number.",
                        bright=Num(c["bright"], 1),
                        dim=Num(c["dim"], 1),
                    )
                ),
                Choice("The same number: a corner is there or not.", "yes-no"),
            ],
        ),
        solution=(
            T(
                "The graded edge strengths add up: the bright corner scores {bright}, "
                'the dim one {dim}. Layer 2 inherits "how much" from layer 1.',
                bright=Num(c["bright"], 1),
                dim=Num(c["dim"], 1),
            ),
        ),
        inputs={},
    )


def part5_channel_names() -> Question:
    return Question(
        id="part-5-channel-names",
        part="part-5",
        prompt="A channel of a trained network fires most for eyes, but also for wheels and some "
        "buttons. What is the best reading?",
        choices=_order(
            "part-5-channel-names",
            [
                Choice(
                    "It detects a shape those share (a round dark blob); a name like "
                    '"eye" is a shorthand.'
                ),
                Choice("It is the eye channel; the wheels are errors.", "one-concept"),
                Choice("It fires yes for eyes and no for everything else.", "yes-no"),
            ],
        ),
        solution=(
            "A channel responds to whatever pattern its weights match. Trained channels are "
            "often polysemantic; the hierarchy is made of such patterns, not of words.",
        ),
    )


def part5_where_corner_comes_from() -> Question:
    example = landing_example()
    n = example["layer2"].shape[-1]
    seen = _rf(example["net"])
    channels = tuple(
        T("channel {index}: {what}", index=i, what=T(what)) for i, what in LANDING_CHANNELS.items()
    )
    return Question(
        id="part-5-where-corner-comes-from",
        part="part-5",
        prompt=T(
            "On the landing page, layer 1 finds edges in {n} "
            'channels ({channels}, ...) and layer 2 has a "top-left corner" unit. Where does '
            "the corner come from?",
            n=example["layer1"].shape[0],
            channels=channels,
        ),
        choices=_order(
            "part-5-where-corner-comes-from",
            [
                Choice(
                    "From a left-edge channel and a top-edge channel, read together at "
                    "chosen offsets."
                ),
                Choice("From the left-edge channel alone.", "one-channel"),
                Choice("From a 3×3 window of the image, like layer 1.", "rf-kernel"),
            ],
        ),
        solution=(
            T(
                "Its {n}×{n} kernel has one slice per edge channel: a left edge below it, a "
                "top edge to its right. Stacked on 3×3 edges it sees {seen}×{seen} pixels of "
                "the image.",
                n=n,
                seen=seen,
            ),
        ),
    )


def part5_hierarchy_order() -> Question:
    return Question(
        id="part-5-hierarchy-order",
        part="part-5",
        prompt="A small network trained on handwritten digits: what do the units of its first "
        "and second layer respond to?",
        choices=_order(
            "part-5-hierarchy-order",
            [
                Choice(
                    "Layer 1 to edges and strokes; layer 2 to their combinations "
                    "(corners, curves, parts)."
                ),
                Choice("Each layer to one digit.", "one-concept"),
                Choice("Both to the same edges: layer 2 sees the same window.", "rf-kernel"),
            ],
        ),
        solution=(
            "Each layer combines the channels of the one below over a larger window, so "
            "later units respond to bigger, more specific arrangements.",
        ),
    )


def _faint_and_strong(response: np.ndarray) -> tuple[int, int]:
    """Where the faint (first) and the strongest rising edge are in the row."""
    return int(np.argmax(response > 0)), int(np.argmax(response))


def _crop(image: np.ndarray, margin: int = 1) -> np.ndarray:
    """The part of a drawing that holds its strokes, with ``margin`` blank pixels around."""
    rows, cols = np.nonzero(image)
    top, left = max(rows.min() - margin, 0), max(cols.min() - margin, 0)
    return image[top : rows.max() + margin + 1, left : cols.max() + margin + 1]


def _face_unit() -> Text:
    """The smiley detector's face unit, in words: enough to answer its questions."""
    eyes = _smiley_scores("eyes_only")["eyes"]
    mouth = _smiley_scores("mouth_only")["mouth"]
    bias = _smiley_scores("face")["bias"]
    return T(
        "The smiley detector's face unit (layer 2) adds what its eye slice finds in layer 1's "
        "eye channel (channel 0: {eyes} when two eyes sit where the slice wants them) "
        "and what its mouth slice finds in the mouth channel (channel 1: {mouth} for a "
        "mouth below the eyes), then its bias {bias}, then a ReLU.",
        eyes=Num(eyes),
        mouth=Num(mouth),
        bias=Num(bias),
    )


def _edge_outputs() -> dict[str, float]:
    """The answer page's "edge, whichever way round" stacks at the stripe's two edges."""
    relu_stack, row = edge_both_ways()
    linear_stack, _ = edge_both_ways(with_relu=False)
    sobel = relu_stack[0].weight[0, 0]
    sobel_out = cd.conv2d(row, sobel)[0]
    relu_out = relu_stack.forward(row[None])[0, 0]
    linear_out = linear_stack.forward(row[None])[0, 0]
    fall, rise = int(np.argmin(sobel_out)), int(np.argmax(sobel_out))
    return {
        "row": row,
        "sobel": sobel,
        "relu_fall": float(relu_out[fall]),
        "relu_rise": float(relu_out[rise]),
        "linear_fall": float(linear_out[fall]),
        "linear_rise": float(linear_out[rise]),
        "sobel_fall": float(sobel_out[fall]),
        "sobel_rise": float(sobel_out[rise]),
    }


def _edge_grids(o: dict) -> tuple[Grid, ...]:
    return (
        Grid("input (a bright stripe)", o["row"]),
        Grid("Sobel-x (channel 0)", o["sobel"]),
    )


def _face_at_best() -> dict[str, float]:
    """The answer page's face kernel on its eye and mouth channels, at its best position."""
    eyes, mouth, face = face_parts()
    raw_map = cd.conv2d(np.stack([eyes, mouth]), face)[0]
    at = np.unravel_index(int(np.argmax(raw_map)), raw_map.shape)
    eye_part = float(cd.conv2d(eyes[None], face[:, :1])[0][at])
    return {
        "raw": float(raw_map[at]),
        "eyes": eye_part,
        "mouth": float(cd.conv2d(mouth[None], face[:, 1:])[0][at]),
        "bias": FACE_BIAS,
    }


# --------------------------------------------------------------------------- the bank

BUILDERS: tuple[Callable[[], Question], ...] = (
    basics_window_sum,
    basics_window_bias,
    basics_output_size,
    basics_output_dilation,
    basics_same_padding,
    basics_flat_region,
    part1_relu_map,
    part1_step_map,
    part1_contrast,
    part1_what_a_number_says,
    part1_relu_tells_apart,
    part2_face_score,
    part2_mouth_above_eyes,
    part2_two_channels,
    part2_kernel_weights,
    part2_what_layer2_reads,
    part2_new_feature,
    part3_four_stride2,
    part3_five_convs,
    part3_pooling,
    part3_dilation,
    part3_layer3_sees,
    part3_jump,
    part4_composed_size,
    part4_edge_both_ways,
    part4_without_relu,
    part4_what_linear_stack_does,
    part4_face_relu,
    part5_pooled_rf,
    part5_corner_strength,
    part5_channel_names,
    part5_where_corner_comes_from,
    part5_hierarchy_order,
)

#: The before/after diagnostic: ten questions, each aimed at one misconception.
DIAGNOSTIC: tuple[str, ...] = (
    "basics-window-sum",
    "basics-output-size",
    "part-1-what-a-number-says",
    "part-1-step-map",
    "part-2-what-layer2-reads",
    "part-2-mouth-above-eyes",
    "part-3-four-stride2",
    "part-4-what-linear-stack-does",
    "part-4-without-relu",
    "part-5-channel-names",
)


def build_bank() -> dict[str, Question]:
    """Every question, by id, in reading order (built fresh: each call recomputes)."""
    bank: dict[str, Question] = {}
    for builder in BUILDERS:
        question = builder()
        if question.id in bank:
            raise ValueError(f"two questions have the id {question.id!r}")
        bank[question.id] = question
    return bank


def questions_of(bank: dict[str, Question], part: str) -> list[Question]:
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}; got {part!r}")
    return [q for q in bank.values() if q.part == part]
