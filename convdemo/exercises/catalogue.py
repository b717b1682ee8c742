"""The exercises: what each asks, its skeleton, its hints, its solution and its known mistakes.

They follow the answer page's five parts. Each :class:`Exercise` holds its statement and hints
(Markdown that both a Jupyter notebook and the site render), its reference solution (in
``convdemo.exercises.solutions``, whose signature and docstring *are* the skeleton) and one
mistaken solution per known mistake (``convdemo.exercises.wrong_solutions``).
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from . import solutions as s
from . import wrong_solutions as w
from .mistakes import MISTAKES

__all__ = ["ANSWER_PARTS", "EXERCISES", "Exercise"]

#: part of the answer page -> (its label on the site, its title)
ANSWER_PARTS: dict[int, tuple[str, str]] = {
    1: ("answer-graded", 'A feature map says "how much", not "whether"'),
    2: ("answer-channels", "Channels combine"),
    3: ("answer-receptive-fields", "Receptive fields grow"),
    4: ("answer-nonlinearity", "Non-linearity"),
    5: ("answer-hierarchy", "A hierarchy, in practice"),
}

BLANK = "    # Your code here: replace this line and the next.\n    raise NotImplementedError\n"


@dataclass(frozen=True)
class Exercise:
    """One exercise of the catalogue.

    Attributes
    ----------
    name : str
        Its name for :func:`convdemo.exercises.check`, e.g. ``"conv-one-cell"``.
    title : str
        What it asks, as a heading.
    part : int
        The part of the answer page it belongs to (1 to 5).
    statement : str
        The task, in Markdown.
    hints : tuple of str
        Hints, in Markdown, from gentle to nearly the answer.
    solution : callable
        The reference solution (plain loops).
    wrong_solutions : dict
        Known mistake's name -> a solution that makes it.

    Examples
    --------
    >>> exercise = EXERCISES[0]
    >>> exercise.name, exercise.function_name
    ('conv-one-cell', 'conv_one_cell')
    """

    name: str
    title: str
    part: int
    statement: str
    hints: tuple[str, ...]
    solution: Callable
    wrong_solutions: dict[str, Callable]

    @property
    def function_name(self) -> str:
        """The name of the function the learner writes."""
        return self.solution.__name__

    @property
    def mistakes(self) -> list:
        """The known mistakes the checker recognises (:class:`~convdemo.exercises.Mistake`)."""
        return MISTAKES[self.name]

    def solution_source(self) -> str:
        """The reference solution's source code."""
        return textwrap.dedent(inspect.getsource(self.solution))

    def skeleton(self) -> str:
        """The solution's signature and docstring, with a blank for the body.

        Examples
        --------
        >>> print(EXERCISES[2].skeleton().splitlines()[0])
        def output_size(size, kernel, stride=1, padding=0, dilation=1):
        """
        source = self.solution_source()
        function = ast.parse(source).body[0]
        docstring_end = function.body[0].end_lineno  # the docstring is the first statement
        return "\n".join(source.splitlines()[:docstring_end]) + "\n" + BLANK

    def wrong_source(self, mistake: str) -> str:
        """The source code of the solution that makes ``mistake``."""
        return textwrap.dedent(inspect.getsource(self.wrong_solutions[mistake]))


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "conv-one-cell",
        "The multiply-add of one output cell",
        1,
        "Every number of a feature map is a weighted sum: a kernel laid on a window of the "
        "image, each weight times the pixel under it, all added. Write `conv_one_cell`, which "
        "computes one output number of a convolution layer (no padding, stride 1) at "
        "`(row, col)`. It must agree with `convdemo.conv2d(image, kernel)[row, col]`.",
        (
            "The window of output cell `(row, col)` starts at `image[row, col]`: its top-left "
            "corner, not its centre.",
            "Two loops, over the kernel's rows `i` and columns `j`; `kernel[i, j]` multiplies "
            "`image[row + i, col + j]`.",
            "Do not flip the kernel: CNN layers compute a cross-correlation.",
        ),
        s.conv_one_cell,
        {
            "flipped kernel": w.conv_one_cell_flipped,
            "centred window": w.conv_one_cell_centred,
            "rows and columns swapped": w.conv_one_cell_swapped,
        },
    ),
    Exercise(
        "conv2d-loops",
        "A whole convolution layer in loops: padding and stride",
        1,
        "Now the whole layer: several input channels, several output channels, a bias per "
        "output channel, zero padding and a stride. Write `conv2d_loops` with plain loops "
        "(numpy for the arrays, not for the convolution). It must agree with "
        "`convdemo.conv2d(x, weight, bias, stride=stride, padding=padding)`.",
        (
            "First make the padded input: zeros of shape `(C_in, H + 2p, W + 2p)` with `x` "
            "copied into the middle.",
            "The output has `(H + 2p - kh) // stride + 1` rows (and the same for columns).",
            "Output `(o, y, z)` reads the window whose top-left corner is row `y * stride`, "
            "column `z * stride` of the padded input, in *every* input channel; add `bias[o]` "
            "once.",
        ),
        s.conv2d_loops,
        {
            "flipped kernel": w.conv2d_loops_flipped,
            "forgot the bias": w.conv2d_loops_no_bias,
            "read one channel": w.conv2d_loops_one_channel,
            "forgot the padding": w.conv2d_loops_no_padding,
            "stride applied to the input": w.conv2d_loops_stride_on_input,
            "forgot the stride": w.conv2d_loops_no_stride,
            "off-by-one output size": w.conv2d_loops_off_by_one,
        },
    ),
    Exercise(
        "output-size",
        "The output size",
        1,
        "How many numbers does a feature map have along one axis? Write `output_size` for "
        "any kernel size, stride, padding and dilation. It must agree with "
        "`convdemo.conv_output_size`.",
        (
            "A dilated kernel of `k` taps spans `dilation * (k - 1) + 1` pixels.",
            "The padded input is `size + 2 * padding` long; the first window fits once, and "
            "every `stride` pixels of room left fit one more.",
            "A last window that does not fit is dropped: round down (`//`).",
        ),
        s.output_size,
        {
            "off-by-one output size": w.output_size_off_by_one,
            "forgot the padding": w.output_size_no_padding,
            "padding on one side only": w.output_size_one_side,
            "forgot the dilation": w.output_size_no_dilation,
            "dilation times the kernel": w.output_size_dilation_times_kernel,
            "rounded up": w.output_size_rounded_up,
            "true division instead of floor division": w.output_size_true_division,
        },
    ),
    Exercise(
        "relu-vs-step",
        'ReLU, not a step: "how much", not "whether"',
        1,
        "A feature map is graded: an edge of twice the contrast gives twice the response. "
        "Write `relu_map`, the ReLU of a whole map, which keeps those strengths (a step "
        "function would keep only *whether*). It must agree with `convdemo.relu`. Then "
        "compare it with `convdemo.step` on the answer page's edge row.",
        (
            "Where the map is positive, keep the value itself; elsewhere, 0.",
            "`np.ndindex(feature_map.shape)` walks every index of an array of any shape.",
        ),
        s.relu_map,
        {
            "step instead of ReLU": w.relu_map_step,
            "no activation": w.relu_map_identity,
            "absolute value": w.relu_map_abs,
            "kept the negative part": w.relu_map_negated,
        },
    ),
    Exercise(
        "face-detector",
        "Two channels into a face detector",
        2,
        'Layer 1 has an "eyes" channel (1 where it found a dot) and a "mouth" channel. Write '
        "`face_detector`, layer 2's face unit at every window position: a kernel spanning "
        "*both* channels (two eyes on its top row, a mouth three rows below between them), "
        "plus a bias, through a ReLU. It must fire only where the parts are in the right "
        "arrangement, as on the answer page.",
        (
            "One window position `(r, c)` adds three numbers: `eyes[r, c]`, `eyes[r, c + 4]` "
            "and `mouth[r + 3, c + 2]`.",
            "Add `bias` to the sum and keep `max(total, 0)`.",
            "A 4 x 5 window fits `H - 3` times down and `W - 4` times across.",
        ),
        s.face_detector,
        {
            "read one channel": w.face_detector_eyes_only,
            "forgot the bias": w.face_detector_no_bias,
            "forgot the ReLU": w.face_detector_no_relu,
            "mouth above the eyes": w.face_detector_mouth_on_top,
            "channels swapped": w.face_detector_channels_swapped,
        },
    ),
    Exercise(
        "receptive-field",
        "The receptive-field recursion, with stride and dilation",
        3,
        "How many input pixels does a unit see after each layer? Write "
        "`receptive_field_sizes` for a stack of layers given as `(kernel, stride, dilation)`. "
        "It must agree with `convdemo.receptive_field`.",
        (
            "Start with a field of 1 pixel and a jump of 1 (neighbouring input pixels are 1 "
            "apart).",
            "Each layer adds `(dilation * (kernel - 1) + 1 - 1) * jump` pixels.",
            "*Then* the layer's stride multiplies the jump, for the layers after it.",
        ),
        s.receptive_field_sizes,
        {
            "forgot the dilation": w.receptive_field_sizes_no_dilation,
            "forgot the stride (the jump)": w.receptive_field_sizes_no_jump,
            "jump updated too early": w.receptive_field_sizes_jump_first,
            "dilation times the kernel": w.receptive_field_sizes_dilation_times_kernel,
        },
    ),
    Exercise(
        "compose-kernels",
        "The single kernel equal to two stacked linear convolutions",
        4,
        "Without an activation between them, two convolution layers are one: "
        "`conv(conv(x, k1), k2) == conv(x, k)` for a single bigger kernel `k`. Write "
        "`compose_two_kernels`, which finds it. It must agree with "
        "`convdemo.compose_kernels`.",
        (
            "Tap `(m, n)` of `k2` reads the layer-1 output at offset `(m, n)`, which itself "
            "read the image at offsets `(i, j)` of `k1`: the image pixel at offset "
            "`(i + m, j + n)`.",
            "So every pair of taps adds `k1[i, j] * k2[m, n]` into `k[i + m, j + n]`: four loops.",
        ),
        s.compose_two_kernels,
        {
            "flipped kernel (correlated instead of convolved)": w.compose_two_kernels_correlated,
            "only the overlap (valid part)": w.compose_two_kernels_valid,
            "multiplied the kernels elementwise": w.compose_two_kernels_elementwise,
            "added the kernels": w.compose_two_kernels_added,
        },
    ),
    Exercise(
        "layer2-unit",
        "One layer-2 unit of the digits network, by hand",
        5,
        "The network trained on real handwritten digits has 8 layer-1 maps. A layer-2 unit "
        "reads a 3 x 3 window of *all 8*. Write `layer2_unit`, which computes one unit's "
        "value from the 8 maps, its kernel and its bias; on the site, it is compared with "
        "what the trained network itself computes.",
        (
            "It is `conv_one_cell` once per map, all added: three loops (map, row, column).",
            "Add the bias once, then apply the ReLU.",
        ),
        s.layer2_unit,
        {
            "read one channel": w.layer2_unit_one_channel,
            "forgot the bias": w.layer2_unit_no_bias,
            "forgot the ReLU": w.layer2_unit_no_relu,
            "flipped kernel": w.layer2_unit_flipped,
            "centred window": w.layer2_unit_centred,
        },
    ),
)
