# Written as a learner writes: some unpacked names and loop variables go unused.
# ruff: noqa: RUF059, B007
"""One mistaken solution per known mistake, written as a learner might write it.

The site runs each through the checker to show what its feedback looks like, and the tests
check that the checker names each one's mistake. Each function is its exercise's reference
solution (:mod:`convdemo.exercises.solutions`) with one mistake, marked ``# <- the mistake``.
"""

from __future__ import annotations

import numpy as np

# --- 1. one output cell


def conv_one_cell_flipped(image, kernel, row, col):
    kh, kw = kernel.shape
    total = 0.0
    for i in range(kh):
        for j in range(kw):
            total += kernel[kh - 1 - i, kw - 1 - j] * image[row + i, col + j]  # <- the mistake
    return float(total)


def conv_one_cell_centred(image, kernel, row, col):
    kh, kw = kernel.shape
    total = 0.0
    for i in range(kh):
        for j in range(kw):
            total += kernel[i, j] * image[row - kh // 2 + i, col - kw // 2 + j]  # <- the mistake
    return float(total)


def conv_one_cell_swapped(image, kernel, row, col):
    kh, kw = kernel.shape
    total = 0.0
    for i in range(kh):
        for j in range(kw):
            total += kernel[i, j] * image[col + j, row + i]  # <- the mistake
    return float(total)


# --- 2. a whole layer in loops


def zero_pad(x, padding):
    c_in, height, width = x.shape
    padded = np.zeros((c_in, height + 2 * padding, width + 2 * padding))
    padded[:, padding : padding + height, padding : padding + width] = x
    return padded


def conv2d_loops_flipped(x, weight, bias, stride=1, padding=0):
    c_out, c_in, kh, kw = weight.shape
    padded = zero_pad(x, padding)
    h_out = (padded.shape[1] - kh) // stride + 1
    w_out = (padded.shape[2] - kw) // stride + 1
    out = np.zeros((c_out, h_out, w_out))
    for o in range(c_out):
        for y in range(h_out):
            for z in range(w_out):
                window = padded[:, y * stride : y * stride + kh, z * stride : z * stride + kw]
                out[o, y, z] = bias[o] + np.sum(weight[o, :, ::-1, ::-1] * window)  # <- the mistake
    return out


def conv2d_loops_no_bias(x, weight, bias, stride=1, padding=0):
    c_out, c_in, kh, kw = weight.shape
    padded = zero_pad(x, padding)
    h_out = (padded.shape[1] - kh) // stride + 1
    w_out = (padded.shape[2] - kw) // stride + 1
    out = np.zeros((c_out, h_out, w_out))
    for o in range(c_out):
        for y in range(h_out):
            for z in range(w_out):
                window = padded[:, y * stride : y * stride + kh, z * stride : z * stride + kw]
                out[o, y, z] = np.sum(weight[o] * window)  # <- the mistake: no bias[o]
    return out


def conv2d_loops_one_channel(x, weight, bias, stride=1, padding=0):
    c_out, c_in, kh, kw = weight.shape
    padded = zero_pad(x, padding)
    h_out = (padded.shape[1] - kh) // stride + 1
    w_out = (padded.shape[2] - kw) // stride + 1
    out = np.zeros((c_out, h_out, w_out))
    for o in range(c_out):
        for y in range(h_out):
            for z in range(w_out):
                window = padded[0, y * stride : y * stride + kh, z * stride : z * stride + kw]
                out[o, y, z] = bias[o] + np.sum(weight[o, 0] * window)  # <- the mistake
    return out


def conv2d_loops_no_padding(x, weight, bias, stride=1, padding=0):
    c_out, c_in, kh, kw = weight.shape
    padded = x  # <- the mistake: no zeros around the input
    h_out = (padded.shape[1] - kh) // stride + 1
    w_out = (padded.shape[2] - kw) // stride + 1
    out = np.zeros((c_out, h_out, w_out))
    for o in range(c_out):
        for y in range(h_out):
            for z in range(w_out):
                window = padded[:, y * stride : y * stride + kh, z * stride : z * stride + kw]
                out[o, y, z] = bias[o] + np.sum(weight[o] * window)
    return out


def conv2d_loops_stride_on_input(x, weight, bias, stride=1, padding=0):
    c_out, c_in, kh, kw = weight.shape
    padded = zero_pad(x, padding)[:, ::stride, ::stride]  # <- the mistake
    h_out = padded.shape[1] - kh + 1
    w_out = padded.shape[2] - kw + 1
    out = np.zeros((c_out, h_out, w_out))
    for o in range(c_out):
        for y in range(h_out):
            for z in range(w_out):
                out[o, y, z] = bias[o] + np.sum(weight[o] * padded[:, y : y + kh, z : z + kw])
    return out


def conv2d_loops_no_stride(x, weight, bias, stride=1, padding=0):
    c_out, c_in, kh, kw = weight.shape
    padded = zero_pad(x, padding)
    h_out = padded.shape[1] - kh + 1  # <- the mistake: every position, stride ignored
    w_out = padded.shape[2] - kw + 1
    out = np.zeros((c_out, h_out, w_out))
    for o in range(c_out):
        for y in range(h_out):
            for z in range(w_out):
                out[o, y, z] = bias[o] + np.sum(weight[o] * padded[:, y : y + kh, z : z + kw])
    return out


def conv2d_loops_off_by_one(x, weight, bias, stride=1, padding=0):
    c_out, c_in, kh, kw = weight.shape
    padded = zero_pad(x, padding)
    h_out = (padded.shape[1] - kh) // stride  # <- the mistake: no + 1
    w_out = (padded.shape[2] - kw) // stride
    out = np.zeros((c_out, h_out, w_out))
    for o in range(c_out):
        for y in range(h_out):
            for z in range(w_out):
                window = padded[:, y * stride : y * stride + kh, z * stride : z * stride + kw]
                out[o, y, z] = bias[o] + np.sum(weight[o] * window)
    return out


# --- 3. the output size


def output_size_off_by_one(size, kernel, stride=1, padding=0, dilation=1):
    span = dilation * (kernel - 1) + 1
    return (size + 2 * padding - span) // stride  # <- the mistake: no + 1


def output_size_no_padding(size, kernel, stride=1, padding=0, dilation=1):
    span = dilation * (kernel - 1) + 1
    return (size - span) // stride + 1  # <- the mistake: padding left out


def output_size_one_side(size, kernel, stride=1, padding=0, dilation=1):
    span = dilation * (kernel - 1) + 1
    return (size + padding - span) // stride + 1  # <- the mistake: padding once


def output_size_no_dilation(size, kernel, stride=1, padding=0, dilation=1):
    span = kernel  # <- the mistake
    return (size + 2 * padding - span) // stride + 1


def output_size_dilation_times_kernel(size, kernel, stride=1, padding=0, dilation=1):
    span = dilation * kernel  # <- the mistake
    return (size + 2 * padding - span) // stride + 1


def output_size_rounded_up(size, kernel, stride=1, padding=0, dilation=1):
    span = dilation * (kernel - 1) + 1
    return -(-(size + 2 * padding - span) // stride) + 1  # <- the mistake: ceiling


def output_size_true_division(size, kernel, stride=1, padding=0, dilation=1):
    span = dilation * (kernel - 1) + 1
    return (size + 2 * padding - span) / stride + 1  # <- the mistake: / not //


# --- 4. ReLU on a map


def relu_map_step(feature_map):
    return (feature_map > 0).astype(float)  # <- the mistake: whether, not how much


def relu_map_identity(feature_map):
    return feature_map.astype(float)  # <- the mistake: nothing is clipped


def relu_map_abs(feature_map):
    return np.abs(feature_map)  # <- the mistake


def relu_map_negated(feature_map):
    return np.maximum(-feature_map, 0.0)  # <- the mistake


# --- 5. the face detector


def face_detector_eyes_only(eyes, mouth, bias=-2.5):
    height, width = eyes.shape
    out = np.zeros((height - 3, width - 4))
    for r in range(height - 3):
        for c in range(width - 4):
            total = eyes[r, c] + eyes[r, c + 4] + bias  # <- the mistake: no mouth channel
            out[r, c] = max(total, 0.0)
    return out


def face_detector_no_bias(eyes, mouth, bias=-2.5):
    height, width = eyes.shape
    out = np.zeros((height - 3, width - 4))
    for r in range(height - 3):
        for c in range(width - 4):
            total = eyes[r, c] + eyes[r, c + 4] + mouth[r + 3, c + 2]  # <- the mistake
            out[r, c] = max(total, 0.0)
    return out


def face_detector_no_relu(eyes, mouth, bias=-2.5):
    height, width = eyes.shape
    out = np.zeros((height - 3, width - 4))
    for r in range(height - 3):
        for c in range(width - 4):
            out[r, c] = eyes[r, c] + eyes[r, c + 4] + mouth[r + 3, c + 2] + bias  # <- the mistake
    return out


def face_detector_mouth_on_top(eyes, mouth, bias=-2.5):
    height, width = eyes.shape
    out = np.zeros((height - 3, width - 4))
    for r in range(height - 3):
        for c in range(width - 4):
            total = eyes[r + 3, c] + eyes[r + 3, c + 4] + mouth[r, c + 2] + bias  # <- the mistake
            out[r, c] = max(total, 0.0)
    return out


def face_detector_channels_swapped(eyes, mouth, bias=-2.5):
    height, width = eyes.shape
    out = np.zeros((height - 3, width - 4))
    for r in range(height - 3):
        for c in range(width - 4):
            total = mouth[r, c] + mouth[r, c + 4] + eyes[r + 3, c + 2] + bias  # <- the mistake
            out[r, c] = max(total, 0.0)
    return out


# --- 6. receptive fields


def receptive_field_sizes_no_dilation(layers):
    field, jump, sizes = 1, 1, []
    for kernel, stride, dilation in layers:
        span = kernel  # <- the mistake
        field += (span - 1) * jump
        jump *= stride
        sizes.append(field)
    return sizes


def receptive_field_sizes_no_jump(layers):
    field, sizes = 1, []
    for kernel, stride, dilation in layers:
        span = dilation * (kernel - 1) + 1
        field += span - 1  # <- the mistake: the jump is left out
        sizes.append(field)
    return sizes


def receptive_field_sizes_jump_first(layers):
    field, jump, sizes = 1, 1, []
    for kernel, stride, dilation in layers:
        span = dilation * (kernel - 1) + 1
        jump *= stride  # <- the mistake: before the field grows, not after
        field += (span - 1) * jump
        sizes.append(field)
    return sizes


def receptive_field_sizes_dilation_times_kernel(layers):
    field, jump, sizes = 1, 1, []
    for kernel, stride, dilation in layers:
        span = dilation * kernel  # <- the mistake
        field += (span - 1) * jump
        jump *= stride
        sizes.append(field)
    return sizes


# --- 7. two linear convolutions are one


def compose_two_kernels_correlated(k1, k2):
    (kh1, kw1), (kh2, kw2) = k1.shape, k2.shape
    out = np.zeros((kh1 + kh2 - 1, kw1 + kw2 - 1))
    for i in range(kh1):
        for j in range(kw1):
            for m in range(kh2):
                for n in range(kw2):
                    # <- the mistake: k2 slid over k1 as a layer does (offsets subtract)
                    out[i - m + kh2 - 1, j - n + kw2 - 1] += k1[i, j] * k2[m, n]
    return out


def compose_two_kernels_valid(k1, k2):
    (kh1, kw1), (kh2, kw2) = k1.shape, k2.shape
    full = np.zeros((kh1 + kh2 - 1, kw1 + kw2 - 1))
    for i in range(kh1):
        for j in range(kw1):
            for m in range(kh2):
                for n in range(kw2):
                    full[i + m, j + n] += k1[i, j] * k2[m, n]
    return full[kh2 - 1 : kh1, kw2 - 1 : kw1]  # <- the mistake: only the overlap


def compose_two_kernels_elementwise(k1, k2):
    return k1 * k2  # <- the mistake


def compose_two_kernels_added(k1, k2):
    return k1 + k2  # <- the mistake


# --- 8. one layer-2 unit


def layer2_unit_one_channel(maps, kernel, bias, row, col):
    channels, kh, kw = kernel.shape
    total = bias
    for i in range(kh):
        for j in range(kw):
            total += kernel[0, i, j] * maps[0, row + i, col + j]  # <- the mistake: map 0 only
    return float(max(total, 0.0))


def layer2_unit_no_bias(maps, kernel, bias, row, col):
    channels, kh, kw = kernel.shape
    total = 0.0  # <- the mistake: the bias is never added
    for c in range(channels):
        for i in range(kh):
            for j in range(kw):
                total += kernel[c, i, j] * maps[c, row + i, col + j]
    return float(max(total, 0.0))


def layer2_unit_no_relu(maps, kernel, bias, row, col):
    channels, kh, kw = kernel.shape
    total = bias
    for c in range(channels):
        for i in range(kh):
            for j in range(kw):
                total += kernel[c, i, j] * maps[c, row + i, col + j]
    return float(total)  # <- the mistake: no ReLU


def layer2_unit_flipped(maps, kernel, bias, row, col):
    channels, kh, kw = kernel.shape
    total = bias
    for c in range(channels):
        for i in range(kh):
            for j in range(kw):
                total += kernel[c, kh - 1 - i, kw - 1 - j] * maps[c, row + i, col + j]  # <- here
    return float(max(total, 0.0))


def layer2_unit_centred(maps, kernel, bias, row, col):
    channels, kh, kw = kernel.shape
    total = bias
    for c in range(channels):
        for i in range(kh):
            for j in range(kw):
                # <- the mistake: the window centred on (row, col)
                total += kernel[c, i, j] * maps[c, row - kh // 2 + i, col - kw // 2 + j]
    return float(max(total, 0.0))
