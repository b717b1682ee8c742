"""convdemo: how the second convolution finds new features in the first one's feature map.

Everything the convdemo site shows is computed by this package, with numpy only:

- :func:`conv2d` and :func:`conv2d_backward`, the deep-learning convolution and its gradients;
- activations (:func:`relu`, :func:`step`, ...) and pooling, with their derivatives;
- layers (:class:`Conv2d`, :class:`ReLU`, :class:`MaxPool2d`, ...) chained in a :class:`Stack`;
- :func:`receptive_field` (analytic) and :func:`empirical_receptive_field` (measured);
- :func:`compose_kernels`, the one kernel equal to two stacked linear convolutions;
- :func:`named_kernel`, the classic image-processing kernels;
- :func:`draw_smiley` and :func:`smiley_face_detector`, the eyes + mouth = face example;
- :func:`tiny_cnn` and :func:`train`, a small network trained with the package's own
  backward pass, and tools to look inside it (:func:`top_activating_patches`, ...).

The code that makes the site and its downloads lives in :mod:`convdemo.site`, which this
package never imports: ``import convdemo`` loads numpy only. :func:`write_workbook` (the
worked example as a spreadsheet) is that subpackage's, loaded on first use.
"""

from .activations import (
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    step,
    step_derivative,
    tanh,
    tanh_derivative,
)
from .compose import compose_kernels
from .conv import conv2d, conv2d_backward
from .geometry import conv_output_size
from .interpret import (
    CircuitEdge,
    TopPatches,
    activation_maximisation,
    occlusion_sensitivity,
    read_circuit,
    top_activating_patches,
)
from .kernels import KERNEL_NAMES, kernel_description, named_kernel
from .layers import (
    AvgPool2d,
    Conv2d,
    Flatten,
    GlobalAvgPool2d,
    Layer,
    LeakyReLU,
    Linear,
    MaxPool2d,
    ReLU,
    Sigmoid,
    Stack,
    Step,
    Tanh,
)
from .pooling import avg_pool2d, avg_pool2d_backward, max_pool2d, max_pool2d_backward
from .receptive_field import (
    EFFECTIVE_FIELD_WEIGHTS,
    ReceptiveField,
    effective_receptive_field,
    empirical_receptive_field,
    map_width,
    receptive_field,
)
from .synthetic import (
    CAR_PEDESTRIAN_CLASSES,
    SMILEY_ARRANGEMENTS,
    cars_and_pedestrians,
    draw_smiley,
    smiley_dataset,
    smiley_face_detector,
)
from .train import (
    SGD,
    TRAINED_TASKS,
    Adam,
    TrainedExample,
    TrainingHistory,
    accuracy,
    digits_cnn,
    predict,
    softmax,
    softmax_cross_entropy,
    tiny_cnn,
    train,
    trained_digits_cnn,
    trained_tiny_cnn,
)

__version__ = "0.1.0"

_SITE_NAMES = {"write_workbook": "convdemo.site.spreadsheet"}
"""Public names that live in :mod:`convdemo.site`, imported when first used."""


def __getattr__(name: str) -> object:
    """``convdemo.write_workbook`` without importing the site subpackage at ``import convdemo``."""
    if name in _SITE_NAMES:
        import importlib

        value = getattr(importlib.import_module(_SITE_NAMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'convdemo' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_SITE_NAMES))


__all__ = [
    "CAR_PEDESTRIAN_CLASSES",
    "EFFECTIVE_FIELD_WEIGHTS",
    "KERNEL_NAMES",
    "SGD",
    "SMILEY_ARRANGEMENTS",
    "TRAINED_TASKS",
    "Adam",
    "AvgPool2d",
    "CircuitEdge",
    "Conv2d",
    "Flatten",
    "GlobalAvgPool2d",
    "Layer",
    "LeakyReLU",
    "Linear",
    "MaxPool2d",
    "ReLU",
    "ReceptiveField",
    "Sigmoid",
    "Stack",
    "Step",
    "Tanh",
    "TopPatches",
    "TrainedExample",
    "TrainingHistory",
    "__version__",
    "accuracy",
    "activation_maximisation",
    "avg_pool2d",
    "avg_pool2d_backward",
    "cars_and_pedestrians",
    "compose_kernels",
    "conv2d",
    "conv2d_backward",
    "conv_output_size",
    "digits_cnn",
    "draw_smiley",
    "effective_receptive_field",
    "empirical_receptive_field",
    "kernel_description",
    "leaky_relu",
    "leaky_relu_derivative",
    "map_width",
    "max_pool2d",
    "max_pool2d_backward",
    "named_kernel",
    "occlusion_sensitivity",
    "predict",
    "read_circuit",
    "receptive_field",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "smiley_dataset",
    "smiley_face_detector",
    "softmax",
    "softmax_cross_entropy",
    "step",
    "step_derivative",
    "tanh",
    "tanh_derivative",
    "tiny_cnn",
    "top_activating_patches",
    "train",
    "trained_digits_cnn",
    "trained_tiny_cnn",
    "write_workbook",
]
