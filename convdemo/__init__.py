"""convdemo: how the second convolution finds new features in the first one's feature map.

Everything the convdemo site shows is computed by this package (numpy only).
"""

from .conv import conv2d, conv2d_backward, conv_output_size

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "conv2d",
    "conv2d_backward",
    "conv_output_size",
]
