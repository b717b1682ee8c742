"""The printable worksheet's problems and their answers, computed by convdemo.

Four problems a class can work by hand, each the site's answer in miniature:

1. one output number of a 3x3 convolution (a window, a kernel, a bias);
2. the face detector's two kernel slices over the eye and mouth maps, for the face and
   for one drawing with a part missing or misplaced: two channel contributions, their
   sum with the bias, and the ReLU;
3. the receptive field of one output pixel after two and three stacked 3x3
   convolutions, to shade on a pixel grid;
4. "how much, not whether": a weak and a strong stroke through one layer-1 kernel,
   what ReLU and a step leave of each, and which of them a next layer can tell apart;
5. non-linearity: a row through two 1x3 kernels equals the row through their one composed
   1x5 kernel, and a ReLU between the two layers breaks that equality;
6. hierarchy: two layer-2 corner units read a vertical-stroke and a horizontal-stroke
   channel; for three arrangements of the strokes, which unit fires.

The problems are drawn from a seeded generator (:data:`WORKSHEET_SEED` by default),
so a release's worksheet and its answer key never change. The answers come from the
package's own functions (:func:`convdemo.conv2d`, :func:`convdemo.receptive_field`, the
:func:`convdemo.smiley_face_detector`), never from a second formula.
:mod:`convdemo.site.worksheet_pdf` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._checks import as_int
from ..activations import relu, step
from ..compose import compose_kernels
from ..conv import conv2d
from ..kernels import named_kernel
from ..layers import Conv2d
from ..receptive_field import receptive_field
from ..synthetic import draw_smiley, smiley_face_detector

__all__ = [
    "CORNERS",
    "WORKSHEET_SEED",
    "FaceProblem",
    "FieldProblem",
    "GradingProblem",
    "HierarchyProblem",
    "LinearStackProblem",
    "WindowProblem",
    "Worksheet",
    "worksheet_problems",
]

#: The seed of the published worksheet (a release's worksheet is stable).
WORKSHEET_SEED = 2026

# Problem 3: the pixel grid to shade (odd, so the output pixel has a centre).
_FIELD_GRID = 11
# Problem 2: the drawing the face detector reads.
_FACE_IMAGE_SHAPE = (9, 9)
# ... the face, and one of these beside it (drawn by the seed).
_RIVAL_ARRANGEMENTS = ("swapped", "eyes_only", "mouth_only")
# Problem 5: the row's length (two 1x3 layers leave 3 outputs).
_ROW_LENGTH = 7
#: Problem 6: the four corners, by name -> (vertical arm, horizontal arm) from the corner
#: cell: "down" or "up", "right" or "left".
CORNERS = {
    "top-left": ("down", "right"),
    "top-right": ("down", "left"),
    "bottom-left": ("up", "right"),
    "bottom-right": ("up", "left"),
}


@dataclass(frozen=True)
class WindowProblem:
    """Problem 1: one output number of a 3x3 convolution.

    Attributes
    ----------
    window, kernel : numpy.ndarray
        The 3x3 image window and the 3x3 kernel (small integers).
    bias : float
        Added to the sum.
    products : numpy.ndarray
        ``window * kernel``, element by element.
    answer : float
        The output number: ``conv2d(window, kernel) + bias``.
    """

    window: np.ndarray
    kernel: np.ndarray
    bias: float
    products: np.ndarray
    answer: float


@dataclass(frozen=True)
class FaceProblem:
    """Problem 2: the layer-2 face score at the drawing's centre, channel by channel.

    Attributes
    ----------
    arrangement : str
        What the drawing shows (see :func:`convdemo.draw_smiley`).
    eye_window, mouth_window : numpy.ndarray
        The 7x5 windows of the layer-1 eye and mouth maps (after ReLU) that the
        centre output reads.
    eye_slice, mouth_slice : numpy.ndarray
        The layer-2 kernel's slices for those two channels.
    bias : float
        Layer 2's bias.
    eye_contribution, mouth_contribution : float
        Each channel's sum of products.
    pre_activation : float
        The two contributions plus the bias.
    value : float
        After ReLU: the face score.
    """

    arrangement: str
    eye_window: np.ndarray
    mouth_window: np.ndarray
    eye_slice: np.ndarray
    mouth_slice: np.ndarray
    bias: float
    eye_contribution: float
    mouth_contribution: float
    pre_activation: float
    value: float


@dataclass(frozen=True)
class FieldProblem:
    """Problem 3: the pixels one output sees after two and after three 3x3 layers.

    Attributes
    ----------
    grid : int
        The pixel grid is ``grid x grid``.
    pixel : (int, int)
        The output pixel (row, col); with padding 1 it sits over the same input pixel.
    sizes : tuple of int
        The receptive field's side after layers 1, 2 and 3 (from
        :func:`convdemo.receptive_field`).
    boxes : tuple of (int, int, int, int)
        ``(top, left, height, width)`` of the field after two and after three layers.
    """

    grid: int
    pixel: tuple[int, int]
    sizes: tuple[int, ...]
    boxes: tuple[tuple[int, int, int, int], ...]


@dataclass(frozen=True)
class GradingProblem:
    """Problem 4: a weak and a strong stroke through a kernel, then ReLU or a step.

    Attributes
    ----------
    weak_ink, strong_ink : float
        The strokes' brightness.
    kernel : numpy.ndarray
        The layer-1 kernel (the vertical-line detector).
    weak, strong : numpy.ndarray
        One row of each stroke's layer-1 map, before the activation.
    weak_relu, strong_relu, weak_step, strong_step : numpy.ndarray
        That row after ReLU and after a step at 0.
    relu_tells_apart, step_tells_apart : bool
        Whether the two rows still differ after each activation (what a next layer
        can read).
    """

    weak_ink: float
    strong_ink: float
    kernel: np.ndarray
    weak: np.ndarray
    strong: np.ndarray
    weak_relu: np.ndarray
    strong_relu: np.ndarray
    weak_step: np.ndarray
    strong_step: np.ndarray
    relu_tells_apart: bool
    step_tells_apart: bool


@dataclass(frozen=True)
class LinearStackProblem:
    """Problem 5: two linear layers are one kernel; a ReLU between them is not.

    Attributes
    ----------
    row : numpy.ndarray
        ``(1, 7)``: the input row (small integers).
    first, second : numpy.ndarray
        ``(1, 3)`` each: the two layers' kernels.
    composed : numpy.ndarray
        ``(1, 5)``: :func:`convdemo.compose_kernels` of the two, the one kernel equal to both.
    layer1, layer2 : numpy.ndarray
        The row after the first layer ``(1, 5)`` and after the second ``(1, 3)``.
    one_kernel : numpy.ndarray
        The row through the composed kernel: equal to ``layer2``.
    layer1_relu, with_relu : numpy.ndarray
        ``layer1`` after a ReLU, and that through the second kernel: differs from
        ``one_kernel`` where the ReLU removed a negative number.
    """

    row: np.ndarray
    first: np.ndarray
    second: np.ndarray
    composed: np.ndarray
    layer1: np.ndarray
    layer2: np.ndarray
    one_kernel: np.ndarray
    layer1_relu: np.ndarray
    with_relu: np.ndarray


@dataclass(frozen=True)
class HierarchyProblem:
    """Problem 6: which layer-2 corner unit fires for which arrangement of strokes.

    Layer 1 gives two channels: channel 0 marks vertical strokes, channel 1 horizontal
    strokes. Each layer-2 unit has a 3x3 slice per channel, 1 on the arm of its corner
    (see :data:`CORNERS`), and a bias; then ReLU.

    Attributes
    ----------
    units : tuple of str
        The corners the two units detect (unit 0, unit 1).
    kernels : numpy.ndarray
        ``(2, 2, 3, 3)``: unit, channel, row, column.
    bias : float
        Each unit's bias.
    arrangements : tuple of str
        The three corners drawn in the layer-1 maps.
    maps : numpy.ndarray
        ``(3, 2, 3, 3)``: arrangement, channel, row, column.
    sums : numpy.ndarray
        ``(3, 2)``: each unit's sum of products (before the bias), per arrangement.
    outputs : numpy.ndarray
        ``(3, 2)``: after the bias and ReLU.
    fires : tuple of str
        Per arrangement, which unit fires: ``"unit 0"``, ``"unit 1"`` or ``"neither"``.
    """

    units: tuple[str, str]
    kernels: np.ndarray
    bias: float
    arrangements: tuple[str, str, str]
    maps: np.ndarray
    sums: np.ndarray
    outputs: np.ndarray
    fires: tuple[str, ...]


@dataclass(frozen=True)
class Worksheet:
    """The six problems of one worksheet, with their answers.

    ``faces`` holds problem 2 twice: for the face, and for a drawing that is no face.
    """

    seed: int
    window: WindowProblem
    faces: tuple[FaceProblem, FaceProblem]
    field: FieldProblem
    grading: GradingProblem
    linear: LinearStackProblem
    hierarchy: HierarchyProblem


def _window_problem(rng: np.random.Generator) -> WindowProblem:
    window = rng.integers(0, 4, size=(3, 3)).astype(float)
    kernel = rng.integers(-1, 2, size=(3, 3)).astype(float)
    while not kernel.any():  # an all-zero kernel teaches nothing
        kernel = rng.integers(-1, 2, size=(3, 3)).astype(float)
    bias = float(rng.integers(-3, 4))
    answer = float(conv2d(window, kernel, bias=bias)[0, 0])
    return WindowProblem(window, kernel, bias, window * kernel, answer)


def _face_problem(arrangement: str) -> FaceProblem:
    detector = smiley_face_detector()
    image = draw_smiley(arrangement, shape=_FACE_IMAGE_SHAPE)
    _, maps, pre, _ = detector.trace(image[None])  # after each layer
    layer2 = detector[2]
    kh, kw = layer2.weight.shape[2:]
    row, col = (pre.shape[1] - 1) // 2, (pre.shape[2] - 1) // 2  # the centre output
    eye_window = maps[0, row : row + kh, col : col + kw]
    mouth_window = maps[1, row : row + kh, col : col + kw]
    eye_slice, mouth_slice = layer2.weight[0, 0], layer2.weight[0, 1]
    # Each channel alone through layer 2 (no bias): its contribution to the centre.
    eye = float(conv2d(eye_window, eye_slice)[0, 0])
    mouth = float(conv2d(mouth_window, mouth_slice)[0, 0])
    bias = float(layer2.bias[0])
    return FaceProblem(
        arrangement=arrangement,
        eye_window=eye_window,
        mouth_window=mouth_window,
        eye_slice=eye_slice,
        mouth_slice=mouth_slice,
        bias=bias,
        eye_contribution=eye,
        mouth_contribution=mouth,
        pre_activation=float(pre[0, row, col]),
        value=float(relu(pre[0, row, col])),
    )


def _field_problem(rng: np.random.Generator) -> FieldProblem:
    kernel = np.ones((3, 3))
    fields = receptive_field([Conv2d(kernel, padding=1) for _ in range(3)])
    sizes = tuple(int(f.size[0]) for f in fields)
    reach = (sizes[-1] - 1) // 2  # the largest field must fit on the grid
    pixel = tuple(int(v) for v in rng.integers(reach, _FIELD_GRID - reach, size=2))
    boxes = []
    for f in fields[1:]:
        # Output (r, c) sees the input pixels centred on start + jump * (r, c).
        top = int(f.start[0] + f.jump[0] * pixel[0]) - (f.size[0] - 1) // 2
        left = int(f.start[1] + f.jump[1] * pixel[1]) - (f.size[1] - 1) // 2
        boxes.append((top, left, int(f.size[0]), int(f.size[1])))
    return FieldProblem(_FIELD_GRID, pixel, sizes, tuple(boxes))


def _grading_problem(rng: np.random.Generator) -> GradingProblem:
    kernel = named_kernel("vertical_line")
    weak_ink = float(rng.integers(2, 5)) / 10  # 0.2 .. 0.4
    strong_ink = 1.0

    def middle_row(ink: float) -> np.ndarray:
        image = np.zeros((5, 9))
        image[:, 4] = ink  # one vertical stroke
        return conv2d(image, kernel)[1]

    weak, strong = middle_row(weak_ink), middle_row(strong_ink)
    weak_relu, strong_relu = relu(weak), relu(strong)
    weak_step, strong_step = step(weak), step(strong)
    return GradingProblem(
        weak_ink=weak_ink,
        strong_ink=strong_ink,
        kernel=kernel,
        weak=weak,
        strong=strong,
        weak_relu=weak_relu,
        strong_relu=strong_relu,
        weak_step=weak_step,
        strong_step=strong_step,
        relu_tells_apart=not np.array_equal(weak_relu, strong_relu),
        step_tells_apart=not np.array_equal(weak_step, strong_step),
    )


def _linear_problem(rng: np.random.Generator) -> LinearStackProblem:
    def kernel() -> np.ndarray:
        while True:  # two taps at least: one tap only shifts the row
            k = rng.integers(-1, 2, size=(1, 3)).astype(float)
            if np.count_nonzero(k) >= 2:
                return k

    while True:  # until the ReLU changes the answer
        row = rng.integers(0, 4, size=(1, _ROW_LENGTH)).astype(float)
        first, second = kernel(), kernel()
        layer1 = conv2d(row, first)
        layer2 = conv2d(layer1, second)
        layer1_relu = relu(layer1)
        with_relu = conv2d(layer1_relu, second)
        signs = (layer1 > 0).any() and (layer1 < 0).any()  # the ReLU keeps some, drops some
        if signs and not np.array_equal(with_relu, layer2):
            break
    composed = compose_kernels(first, second)
    return LinearStackProblem(
        row=row,
        first=first,
        second=second,
        composed=composed,
        layer1=layer1,
        layer2=layer2,
        one_kernel=conv2d(row, composed),
        layer1_relu=layer1_relu,
        with_relu=with_relu,
    )


def _corner_cells(corner: str) -> tuple[np.ndarray, np.ndarray]:
    """A corner in a 3x3 window, its corner cell in the middle: (vertical arm, horizontal
    arm) as 0/1 grids, each arm two cells long."""
    vertical, horizontal = CORNERS[corner]
    v, h = np.zeros((3, 3)), np.zeros((3, 3))
    rows = slice(1, 3) if vertical == "down" else slice(0, 2)
    cols = slice(1, 3) if horizontal == "right" else slice(0, 2)
    v[rows, 1] = 1.0
    h[1, cols] = 1.0
    return v, h


def _hierarchy_problem(rng: np.random.Generator) -> HierarchyProblem:
    names = list(CORNERS)
    picked = [names[int(i)] for i in rng.permutation(len(names))]
    units = (picked[0], picked[1])
    # the two units' corners and one that neither detects, in a shuffled order
    arrangements = tuple(picked[int(i)] for i in rng.permutation(3))
    kernels = np.stack([np.stack(_corner_cells(u)) for u in units])  # (2 units, 2 channels, 3, 3)
    arm_cells = float(kernels[0].sum())
    bias = -(arm_cells - 1)  # only the whole corner, every arm cell, clears it
    maps = np.stack([np.stack(_corner_cells(a)) for a in arrangements])
    sums = np.array([[float(conv2d(m, k[None])[0, 0, 0]) for k in kernels] for m in maps])
    outputs = np.array(
        [[float(conv2d(m, k[None], bias=[bias])[0, 0, 0]) for k in kernels] for m in maps]
    )
    outputs = relu(outputs)
    fires = tuple("neither" if not (o > 0).any() else f"unit {int(np.argmax(o))}" for o in outputs)
    return HierarchyProblem(
        units=units,
        kernels=kernels,
        bias=bias,
        arrangements=arrangements,  # type: ignore[arg-type]
        maps=maps,
        sums=sums,
        outputs=outputs,
        fires=fires,
    )


def worksheet_problems(seed: int = WORKSHEET_SEED) -> Worksheet:
    """The worksheet's six problems and their answers, drawn with ``seed``.

    Parameters
    ----------
    seed : int, default :data:`WORKSHEET_SEED`
        Seed of the generator the problems are drawn from (>= 0); the same seed gives
        the same worksheet.

    Returns
    -------
    Worksheet
        ``window``, ``faces``, ``field``, ``grading``, ``linear`` and ``hierarchy``: each
        problem's data and answer.

    Raises
    ------
    TypeError
        If ``seed`` is not an integer.
    ValueError
        If ``seed`` is negative.

    Examples
    --------
    >>> sheet = worksheet_problems(seed=0)
    >>> problem = sheet.window
    >>> float((problem.window * problem.kernel).sum() + problem.bias) == problem.answer
    True
    >>> sheet.field.sizes
    (3, 5, 7)
    >>> [(f.arrangement, f.value > 0) for f in sheet.faces]
    [('face', True), ('mouth_only', False)]
    >>> face = sheet.faces[0]
    >>> face.eye_contribution + face.mouth_contribution + face.bias == face.pre_activation
    True
    >>> sheet.grading.relu_tells_apart, sheet.grading.step_tells_apart
    (True, False)
    >>> import numpy as np
    >>> linear = sheet.linear
    >>> np.array_equal(linear.one_kernel, linear.layer2)
    True
    >>> np.array_equal(linear.with_relu, linear.layer2)
    False
    >>> sheet.hierarchy.units, sheet.hierarchy.fires
    (('bottom-left', 'top-right'), ('neither', 'unit 1', 'unit 0'))
    """
    seed = as_int(seed, "seed", minimum=0)
    rng = np.random.default_rng(seed)
    return Worksheet(
        seed=seed,
        window=_window_problem(rng),
        faces=(
            _face_problem("face"),
            _face_problem(_RIVAL_ARRANGEMENTS[int(rng.integers(len(_RIVAL_ARRANGEMENTS)))]),
        ),
        field=_field_problem(rng),
        grading=_grading_problem(rng),
        linear=_linear_problem(rng),
        hierarchy=_hierarchy_problem(rng),
    )
