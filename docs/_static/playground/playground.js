/* convdemo playground: two convolution layers in the browser, plain JavaScript and <canvas>.
 *
 * The arithmetic is convdemo's, in float64 (Float64Array):
 *   conv2d  cross-correlation (the kernel is not flipped), zero padding, stride 1, every
 *           input channel summed, then the bias; padding "valid" (none) or "same" (total
 *           k - 1 zeros per axis, the extra one at the bottom/right), as convdemo.conv2d;
 *   relu    x < 0 ? 0 : x   (NaN stays NaN), as convdemo.relu;
 *   step    x > 0 ? 1 : 0   (NaN gives 0),   as convdemo.step.
 * Named kernels, the smiley detector's weights, the drawings and the colour maps come from
 * data.js, which the site build writes from convdemo itself (docs/_ext/playground_data.py).
 *
 * The page draws the network as one picture (input -> every layer-1 map -> layer 2's map),
 * each stage's settings in a panel that opens on demand; a selected cell of any map is
 * explained below it (its windows, kernels, products and sums), and the kernel can be
 * watched sliding over a map (play, pause, step; a row at a time with reduced motion).
 *
 * window.convdemoPlayground is the page's programmatic face (the browser tests use it):
 *   compute(spec)      the maps of a two-layer network, as nested arrays (no page involved);
 *   explainSpec(spec, cell)  how one number of that network is computed (no page involved);
 *   setState(spec)     show a network and an image on the page; getState() reads it back;
 *   getMaps()          the maps the page shows; applyPreset(name); recompute() (ms taken);
 *   explain(cell)      how one number of the page's network is computed:
 *                      {value, preActivation, bias, activation, inputBox: {top, left, height,
 *                      width}, channels: [{channel, window, kernel, products, contribution,
 *                      top, left, padded}]}, with cell = {stage: "input"|"layer1"|"layer2",
 *                      channel, row, col};
 *   select(cell)       select a cell as a click does (the detail view); selected();
 *   sweep.play() / pause() / step(n) / stop() / state()   the kernel sliding over a map.
 * A spec: {image: [[...]], layer1: {weights: [C][kh][kw], bias: [C], activation, padding},
 *          layer2: {weights: [C][kh][kw], bias: number, activation, padding}}
 * with activation "none" | "relu" | "step" and padding "same" | "valid".
 */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  var BASE = SCRIPT && SCRIPT.src ? SCRIPT.src : window.location.href;
  var DATA = window.convdemoPlaygroundData;
  /* The page's interface strings in the build's language (strings.js, written by
   * docs/_ext/playground_data.py): T and prose from ../convdemo-strings.js. */
  var STRINGS = window.convdemoStrings(window.convdemoPlaygroundStrings);
  var T = STRINGS.T;
  var prose = STRINGS.prose;
  var ACTIVATIONS = ["none", "relu", "step"];
  var ACTIVATION_LABELS = { none: T("none (linear)"), relu: "ReLU", step: T("step (0 or 1)") };
  var ACTIVATION_NAMES = { none: T("no activation"), relu: "ReLU", step: T("step") };
  var PADDINGS = ["same", "valid"];
  var PADDING_LABELS = { same: T("same (zero padding)"), valid: T("valid (no padding)") };
  var SIZES = [32, 64, 128, 256];
  var LAYER2_SIZES = [1, 3, 5, 7, 9];
  var MAX_CHANNELS = 4;
  var MAX_DISPLAY = 256; // CSS pixels of the longer side of the input image
  var MINUS = "\u2212";

  // ------------------------------------------------------------------------- arithmetic

  function pads(padding, kh, kw) {
    if (padding === "valid") return { top: 0, bottom: 0, left: 0, right: 0 };
    if (padding === "same") {
      var th = kh - 1;
      var tw = kw - 1;
      var top = Math.floor(th / 2);
      var left = Math.floor(tw / 2);
      return { top: top, bottom: th - top, left: left, right: tw - left };
    }
    throw new Error('padding must be "same" or "valid", got ' + JSON.stringify(padding));
  }

  /* x: Float64Array (C, H, W); w: Float64Array (O, C, kh, kw); bias: Float64Array (O) or null.
   * Returns {data: Float64Array (O, Ho, Wo), C: O, H: Ho, W: Wo, pads}. */
  function conv2d(x, C, H, W, w, O, kh, kw, bias, padding) {
    var p = typeof padding === "string" ? pads(padding, kh, kw) : padding;
    var Hp = H + p.top + p.bottom;
    var Wp = W + p.left + p.right;
    if (kh > Hp || kw > Wp) {
      throw new Error(
        "the kernel (" + kh + " \u00d7 " + kw + ") is larger than the padded input (" +
          Hp + " \u00d7 " + Wp + ")",
      );
    }
    var Ho = Hp - kh + 1;
    var Wo = Wp - kw + 1;
    var xp = x;
    if (Hp !== H || Wp !== W) {
      xp = new Float64Array(C * Hp * Wp);
      for (var c0 = 0; c0 < C; c0++) {
        for (var r0 = 0; r0 < H; r0++) {
          var src = (c0 * H + r0) * W;
          xp.set(x.subarray(src, src + W), (c0 * Hp + r0 + p.top) * Wp + p.left);
        }
      }
    }
    var out = new Float64Array(O * Ho * Wo);
    for (var o = 0; o < O; o++) {
      var ob = o * Ho * Wo;
      for (var c = 0; c < C; c++) {
        for (var i = 0; i < kh; i++) {
          for (var j = 0; j < kw; j++) {
            var wv = w[((o * C + c) * kh + i) * kw + j];
            for (var y = 0; y < Ho; y++) {
              var row = (c * Hp + y + i) * Wp + j;
              var orow = ob + y * Wo;
              for (var xx = 0; xx < Wo; xx++) out[orow + xx] += wv * xp[row + xx];
            }
          }
        }
      }
      if (bias) {
        var b = bias[o];
        for (var k = ob; k < ob + Ho * Wo; k++) out[k] += b;
      }
    }
    return { data: out, C: O, H: Ho, W: Wo, pads: p };
  }

  function activate(name, values) {
    var out = new Float64Array(values.length);
    var k;
    if (name === "none") {
      out.set(values);
    } else if (name === "relu") {
      for (k = 0; k < values.length; k++) out[k] = values[k] < 0 ? 0 : values[k];
    } else if (name === "step") {
      for (k = 0; k < values.length; k++) out[k] = values[k] > 0 ? 1 : 0;
    } else {
      throw new Error('activation must be "none", "relu" or "step", got ' + JSON.stringify(name));
    }
    return out;
  }

  /* The single kernel of two stacked linear layers (convdemo.compose_kernels, one input and
   * one output channel): the full convolution of each layer-1 kernel with its layer-2 slice,
   * summed over the channels. */
  function composeKernels(w1, C, k1h, k1w, w2, k2h, k2w) {
    var H = k1h + k2h - 1;
    var W = k1w + k2w - 1;
    var out = new Float64Array(H * W);
    for (var m = 0; m < C; m++) {
      for (var a = 0; a < k1h; a++) {
        for (var b = 0; b < k1w; b++) {
          var v1 = w1[(m * k1h + a) * k1w + b];
          for (var c = 0; c < k2h; c++) {
            for (var d = 0; d < k2w; d++) {
              out[(a + c) * W + b + d] += v1 * w2[(m * k2h + c) * k2w + d];
            }
          }
        }
      }
    }
    return { data: out, H: H, W: W };
  }

  /* The whole network on typed arrays. net: {image: {H, W, data}, layer1: {C, kh, kw,
   * weights: Float64Array (C, kh, kw), bias: Float64Array (C), activation, padding},
   * layer2: {kh, kw, weights: Float64Array (C, kh, kw), bias: number, activation, padding}}. */
  function forward(net) {
    var img = net.image;
    var l1 = net.layer1;
    var l2 = net.layer2;
    var pre1 = conv2d(img.data, 1, img.H, img.W, l1.weights, l1.C, l1.kh, l1.kw, l1.bias, l1.padding);
    var out1 = activate(l1.activation, pre1.data);
    var result = {
      layer1: { C: l1.C, H: pre1.H, W: pre1.W, pads: pre1.pads, pre: pre1.data, out: out1 },
      layer2: null,
      collapse: null,
    };
    if (!l2) return result;
    var pre2 = conv2d(
      out1, l1.C, pre1.H, pre1.W, l2.weights, 1, l2.kh, l2.kw, new Float64Array([l2.bias]),
      l2.padding,
    );
    var out2 = activate(l2.activation, pre2.data);
    result.layer2 = { C: 1, H: pre2.H, W: pre2.W, pads: pre2.pads, pre: pre2.data, out: out2 };
    if (l1.activation === "none" && l2.activation === "none") {
      result.collapse = collapse(net, result);
    }
    return result;
  }

  /* Two linear layers are one convolution: the composed kernel, the bias it needs, and how
   * far layer 2's map is from that one convolution (zero only where no padding is read). */
  function collapse(net, result) {
    var l1 = net.layer1;
    var l2 = net.layer2;
    var kernel = composeKernels(l1.weights, l1.C, l1.kh, l1.kw, l2.weights, l2.kh, l2.kw);
    var bias = l2.bias;
    for (var m = 0; m < l1.C; m++) {
      var sum = 0;
      for (var k = 0; k < l2.kh * l2.kw; k++) sum += l2.weights[m * l2.kh * l2.kw + k];
      bias += l1.bias[m] * sum;
    }
    var p1 = result.layer1.pads;
    var p2 = result.layer2.pads;
    var p = {
      top: p1.top + p2.top,
      bottom: p1.bottom + p2.bottom,
      left: p1.left + p2.left,
      right: p1.right + p2.right,
    };
    var img = net.image;
    var one = conv2d(img.data, 1, img.H, img.W, kernel.data, 1, kernel.H, kernel.W,
      new Float64Array([bias]), p);
    var two = result.layer2.pre;
    var maxDiff = 0;
    var scale = 0;
    var same = 0;
    for (var i = 0; i < two.length; i++) {
      var diff = Math.abs(two[i] - one.data[i]);
      scale = Math.max(scale, Math.abs(two[i]));
      if (!(diff <= maxDiff)) maxDiff = diff;
    }
    var tolerance = 1e-9 * Math.max(1, scale);
    for (i = 0; i < two.length; i++) if (Math.abs(two[i] - one.data[i]) <= tolerance) same++;
    return {
      kernel: kernel.data, H: kernel.H, W: kernel.W, bias: bias, map: one.data,
      maxDifference: maxDiff, equal: same, total: two.length,
    };
  }

  /* One unit's arithmetic: the window of `src` (channel m of a C x H x W array) that a
   * kernel placed with its top-left corner at (top, left) reads (zeros where it reads
   * padding), the kernel, their element-wise products and the sum of the products. */
  function term(src, m, H, W, top, left, w, offset, kh, kw) {
    var n = kh * kw;
    var win = new Float64Array(n);
    var kernel = w.subarray(offset, offset + n);
    var products = new Float64Array(n);
    var padded = new Uint8Array(n);
    var sum = 0;
    for (var i = 0; i < kh; i++) {
      var y = top + i;
      for (var j = 0; j < kw; j++) {
        var x = left + j;
        var k = i * kw + j;
        if (y < 0 || x < 0 || y >= H || x >= W) padded[k] = 1;
        else win[k] = src[(m * H + y) * W + x];
        products[k] = win[k] * kernel[k];
        sum += products[k];
      }
    }
    return {
      channel: m, top: top, left: left, kh: kh, kw: kw, window: win, kernel: kernel,
      products: products, padded: padded, contribution: sum,
    };
  }

  /* How one number of a map was computed. cell: {stage: "input" | "layer1" | "layer2",
   * channel, row, col}. For a layer-1 unit of channel c, one term (the image window times
   * kernel c); for the layer-2 unit, one term per layer-1 channel (that channel's window
   * times that channel's slice of layer 2's kernel). The pre-activation and the value are
   * the map's own numbers; inputBox is the receptive field on the input image (it may
   * reach into the padding: top/left below 0, bottom/right past the image). */
  function explainCell(net, result, cell) {
    if (!cell || typeof cell !== "object") throw new Error("explain needs {stage, channel, row, col}");
    var stage = cell.stage;
    var channel = cell.channel === undefined ? 0 : cell.channel;
    var row = cell.row;
    var col = cell.col;
    var img = net.image;
    var r1 = result.layer1;
    var r2 = result.layer2;
    var maps = { input: [1, img.H, img.W], layer1: [r1.C, r1.H, r1.W], layer2: r2 ? [1, r2.H, r2.W] : null };
    var shape = maps[stage];
    if (!shape) throw new Error('stage must be "input", "layer1" or "layer2", got ' + JSON.stringify(stage));
    [["channel", channel, shape[0]], ["row", row, shape[1]], ["col", col, shape[2]]].forEach(function (t) {
      if (!(Number.isInteger(t[1]) && t[1] >= 0 && t[1] < t[2])) {
        throw new Error(t[0] + " must be an integer from 0 to " + (t[2] - 1) + " here, got " + JSON.stringify(t[1]));
      }
    });
    var out = { stage: stage, channel: channel, row: row, col: col };
    if (stage === "input") {
      var v = img.data[row * img.W + col];
      out.value = out.preActivation = v;
      out.bias = 0;
      out.activation = "none";
      out.channels = [];
      out.inputBox = { top: row, left: col, height: 1, width: 1 };
      return out;
    }
    var l1 = net.layer1;
    if (stage === "layer1") {
      var top = row - r1.pads.top;
      var left = col - r1.pads.left;
      var idx = (channel * r1.H + row) * r1.W + col;
      out.channels = [term(img.data, 0, img.H, img.W, top, left, l1.weights, channel * l1.kh * l1.kw, l1.kh, l1.kw)];
      out.bias = l1.bias[channel];
      out.preActivation = r1.pre[idx];
      out.value = r1.out[idx];
      out.activation = l1.activation;
      out.inputBox = { top: top, left: left, height: l1.kh, width: l1.kw };
      return out;
    }
    var l2 = net.layer2;
    var top2 = row - r2.pads.top;
    var left2 = col - r2.pads.left;
    var k = row * r2.W + col;
    out.channels = [];
    for (var m = 0; m < r1.C; m++) {
      out.channels.push(term(r1.out, m, r1.H, r1.W, top2, left2, l2.weights, m * l2.kh * l2.kw, l2.kh, l2.kw));
    }
    out.bias = l2.bias;
    out.preActivation = r2.pre[k];
    out.value = r2.out[k];
    out.activation = l2.activation;
    out.inputBox = {
      top: top2 - r1.pads.top, left: left2 - r1.pads.left,
      height: l2.kh + l1.kh - 1, width: l2.kw + l1.kw - 1,
    };
    return out;
  }

  // ------------------------------------------------------------------ nested <-> typed

  function depth(value) {
    var d = 0;
    while (Array.isArray(value) || ArrayBuffer.isView(value)) {
      d++;
      value = value[0];
    }
    return d;
  }

  function toImage(image) {
    if (image && image.data && image.H && image.W) return image;
    if (image && image.data && image.height && image.width) {
      return { H: image.height, W: image.width, data: Float64Array.from(image.data) };
    }
    if (depth(image) !== 2) throw new Error("image must be a 2-D array (rows of numbers)");
    var H = image.length;
    var W = image[0].length;
    var data = new Float64Array(H * W);
    for (var r = 0; r < H; r++) {
      if (image[r].length !== W) throw new Error("every row of the image must be as long");
      for (var c = 0; c < W; c++) data[r * W + c] = Number(image[r][c]);
    }
    return { H: H, W: W, data: data };
  }

  /* Kernels as [C][kh][kw], or [1][C][kh][kw] / [C][1][kh][kw] as convdemo shapes them. */
  function toKernels(weights, name) {
    var d = depth(weights);
    if (d === 4) {
      if (weights.length === 1) weights = weights[0];
      else if (weights[0].length === 1) weights = weights.map(function (w) { return w[0]; });
      else throw new Error(name + " must have one output channel of layer 2, or one input channel of layer 1");
    } else if (d === 2) {
      weights = [weights];
    } else if (d !== 3) {
      throw new Error(name + " must be an array of kernels [C][kh][kw]");
    }
    var C = weights.length;
    var kh = weights[0].length;
    var kw = weights[0][0].length;
    var data = new Float64Array(C * kh * kw);
    for (var c = 0; c < C; c++) {
      if (weights[c].length !== kh) throw new Error(name + ": kernels of different sizes");
      for (var i = 0; i < kh; i++) {
        if (weights[c][i].length !== kw) throw new Error(name + ": ragged kernel rows");
        for (var j = 0; j < kw; j++) data[(c * kh + i) * kw + j] = Number(weights[c][i][j]);
      }
    }
    return { C: C, kh: kh, kw: kw, data: data };
  }

  function toBias(bias, C, name) {
    var out = new Float64Array(C);
    if (bias === undefined || bias === null) return out;
    if (typeof bias === "number") {
      out.fill(bias);
      return out;
    }
    if (bias.length !== C) throw new Error(name + " must have " + C + " numbers");
    for (var c = 0; c < C; c++) out[c] = Number(bias[c]);
    return out;
  }

  function specToNet(spec) {
    var image = toImage(spec.image);
    var l1 = spec.layer1 || {};
    var k1 = toKernels(l1.weights, "layer1.weights");
    var net = {
      image: image,
      layer1: {
        C: k1.C, kh: k1.kh, kw: k1.kw, weights: k1.data,
        bias: toBias(l1.bias, k1.C, "layer1.bias"),
        activation: l1.activation || "none",
        padding: l1.padding || "same",
      },
      layer2: null,
    };
    if (spec.layer2) {
      var l2 = spec.layer2;
      var k2 = toKernels(l2.weights, "layer2.weights");
      if (k2.C !== k1.C) {
        throw new Error("layer2.weights needs one slice per layer-1 channel (" + k1.C + "), got " + k2.C);
      }
      var b2 = l2.bias === undefined || l2.bias === null ? 0 : l2.bias;
      net.layer2 = {
        kh: k2.kh, kw: k2.kw, weights: k2.data,
        bias: Number(Array.isArray(b2) ? b2[0] : b2),
        activation: l2.activation || "none",
        padding: l2.padding || "same",
      };
    }
    return net;
  }

  function nested2(data, H, W, offset) {
    var rows = [];
    offset = offset || 0;
    for (var r = 0; r < H; r++) rows.push(Array.from(data.subarray(offset + r * W, offset + (r + 1) * W)));
    return rows;
  }

  function nested3(data, C, H, W) {
    var out = [];
    for (var c = 0; c < C; c++) out.push(nested2(data, H, W, c * H * W));
    return out;
  }

  function resultToNested(result) {
    var l1 = result.layer1;
    var out = {
      layer1: {
        pre: nested3(l1.pre, l1.C, l1.H, l1.W),
        out: nested3(l1.out, l1.C, l1.H, l1.W),
        shape: [l1.C, l1.H, l1.W],
      },
      layer2: null,
      collapse: null,
    };
    if (result.layer2) {
      var l2 = result.layer2;
      out.layer2 = { pre: nested2(l2.pre, l2.H, l2.W), out: nested2(l2.out, l2.H, l2.W), shape: [l2.H, l2.W] };
    }
    if (result.collapse) {
      var k = result.collapse;
      out.collapse = {
        kernel: nested2(k.kernel, k.H, k.W), bias: k.bias, maxDifference: k.maxDifference,
        equal: k.equal, total: k.total,
      };
    }
    return out;
  }

  function compute(spec) {
    return resultToNested(forward(specToNet(spec)));
  }

  // ------------------------------------------------------------------------- formatting

  function fmt(value) {
    if (value === 0) return "0";
    if (!isFinite(value)) return isNaN(value) ? "NaN" : (value > 0 ? "\u221e" : MINUS + "\u221e");
    var abs = Math.abs(value);
    var text;
    if (abs >= 1e5 || abs < 1e-3) text = value.toExponential(2).replace("e+", "e");
    else text = String(parseFloat(value.toPrecision(4)));
    return prose(text.replace("-", MINUS));
  }

  function fmtInput(value) {
    return String(parseFloat(value.toPrecision(12)));
  }

  // ------------------------------------------------------------------------- colour

  function lut(hex) {
    var table = new Uint8ClampedArray(256 * 3);
    for (var k = 0; k < 256 * 3; k++) table[k] = parseInt(hex.substr(2 * k, 2), 16);
    return table;
  }

  var GRAY = (function () {
    var table = new Uint8ClampedArray(256 * 3);
    for (var k = 0; k < 256; k++) table[3 * k] = table[3 * k + 1] = table[3 * k + 2] = k;
    return table;
  })();
  var VIRIDIS = DATA ? lut(DATA.colormaps.viridis) : GRAY;
  var RDBU = DATA ? lut(DATA.colormaps.RdBu_r) : GRAY;

  /* The colour scale of a group of maps (shared by all of them), as the site's figures do it:
   * signed data on RdBu_r with limits symmetric about 0, non-negative data on viridis. */
  function scaleFor(arrays, kind) {
    if (kind === "image") return { table: GRAY, lo: 0, hi: 1, signed: false, name: "gray" };
    var lo = Infinity;
    var hi = -Infinity;
    arrays.forEach(function (a) {
      for (var k = 0; k < a.length; k++) {
        var v = a[k];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    });
    if (lo === Infinity) lo = hi = 0;
    if (lo < 0) {
      var m = Math.max(-lo, Math.abs(hi));
      if (!isFinite(m)) m = 1;
      return { table: RDBU, lo: -m, hi: m, signed: true, name: "RdBu_r", flat: false };
    }
    var flat = !(hi > 0);
    return { table: VIRIDIS, lo: 0, hi: flat ? 1 : isFinite(hi) ? hi : 1, signed: false, name: "viridis", flat: flat };
  }

  /* Paint a map; with `limit`, only its first `limit` pixels (row by row), the others in
   * a light gray: the output filling in while the kernel slides. */
  function paint(canvas, data, H, W, scale, limit) {
    if (limit === undefined || limit === null) limit = H * W;
    if (canvas.width !== W) canvas.width = W;
    if (canvas.height !== H) canvas.height = H;
    var ctx = canvas.getContext("2d");
    var pixels = ctx.createImageData(W, H);
    var px = pixels.data;
    var table = scale.table;
    var span = scale.hi - scale.lo || 1;
    for (var k = 0; k < H * W; k++) {
      var v = data[k];
      var t = (v - scale.lo) / span;
      var index = t <= 0 ? 0 : t >= 1 ? 255 : Math.round(t * 255);
      if (k >= limit) {
        px[4 * k] = px[4 * k + 1] = px[4 * k + 2] = 224;
      } else if (v !== v) {
        px[4 * k] = px[4 * k + 1] = px[4 * k + 2] = 128;
      } else {
        px[4 * k] = table[3 * index];
        px[4 * k + 1] = table[3 * index + 1];
        px[4 * k + 2] = table[3 * index + 2];
      }
      px[4 * k + 3] = 255;
    }
    ctx.putImageData(pixels, 0, 0);
  }

  // ------------------------------------------------------------------------- DOM helpers

  var uid = 0;
  function nextId(stem) {
    uid += 1;
    return "cdp-" + stem + "-" + uid;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === undefined || value === null || value === false) return;
        if (key === "text") node.textContent = value;
        else if (key === "className") node.className = value;
        else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? "" : value);
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* A control with its visible <label>; `name`, if given, is the fuller accessible name
   * (it starts with the visible text, so speech users can say what they see). */
  function labelled(text, control, hint, name) {
    var id = control.id || nextId("control");
    control.id = id;
    if (name) control.setAttribute("aria-label", name);
    return el("div", { className: "cdp-field" }, [
      el("label", { for: id, text: text }),
      control,
      hint || null,
    ]);
  }

  function select(options, value, onchange, attrs) {
    var node = el("select", attrs || {});
    options.forEach(function (option) {
      if (option.group) {
        var group = el("optgroup", { label: option.group });
        option.options.forEach(function (o) {
          group.appendChild(el("option", { value: o.value, text: o.label, disabled: o.disabled }));
        });
        node.appendChild(group);
      } else {
        node.appendChild(el("option", { value: option.value, text: option.label, disabled: option.disabled }));
      }
    });
    node.value = String(value);
    node.addEventListener("change", function () {
      onchange(node.value);
    });
    return node;
  }

  function numberInput(value, label, oninput, extra) {
    var attrs = {
      type: "number",
      step: "any",
      inputmode: "decimal",
      value: fmtInput(value),
      "aria-label": label,
      className: "cdp-number",
    };
    if (extra) Object.keys(extra).forEach(function (k) { attrs[k] = extra[k]; });
    var node = el("input", attrs);
    node.addEventListener("input", function () {
      var v = node.value.trim() === "" ? NaN : Number(node.value);
      if (isFinite(v)) {
        node.removeAttribute("aria-invalid");
        oninput(v);
      } else {
        node.setAttribute("aria-invalid", "true");
        oninput(0);
      }
    });
    return node;
  }

  // ------------------------------------------------------------------------- kernels

  var NAMED = {};
  if (DATA) {
    DATA.kernels.forEach(function (k) {
      NAMED[k.name] = k;
    });
  }

  function embed(weights, kh, kw) {
    /* A small kernel (nested or typed with its size) centred in a kh x kw one (or cropped). */
    var src = toKernels(weights, "kernel");
    var out = new Float64Array(kh * kw);
    var dy = Math.floor((kh - src.kh) / 2);
    var dx = Math.floor((kw - src.kw) / 2);
    for (var i = 0; i < src.kh; i++) {
      for (var j = 0; j < src.kw; j++) {
        var y = i + dy;
        var x = j + dx;
        if (y >= 0 && y < kh && x >= 0 && x < kw) out[y * kw + x] = src.data[i * src.kw + j];
      }
    }
    return out;
  }

  function resize(kernel, oldH, oldW, kh, kw) {
    return embed(nested2(kernel, oldH, oldW), kh, kw);
  }

  /* Choices of a kernel picker: zeros, ones and the named kernels that fit. */
  function kernelChoices(kh, kw) {
    var choices = [
      { value: "zeros", label: T("all zeros"), weights: new Float64Array(kh * kw) },
      { value: "ones", label: T("all ones"), weights: new Float64Array(kh * kw).fill(1) },
    ];
    if (kh >= 3 && kw >= 3) {
      (DATA ? DATA.kernels : []).forEach(function (k) {
        choices.push({ value: k.name, label: k.name, weights: embed(k.weights, kh, kw), description: k.description });
      });
    }
    return choices;
  }

  function matchChoice(choices, kernel) {
    for (var n = choices.length - 1; n >= 0; n--) {
      var w = choices[n].weights;
      var same = true;
      for (var k = 0; k < w.length; k++) {
        if (w[k] !== kernel[k]) {
          same = false;
          break;
        }
      }
      if (same) return choices[n];
    }
    return null;
  }

  function named(name, kh, kw) {
    if (!NAMED[name]) throw new Error("no named kernel " + JSON.stringify(name));
    return embed(NAMED[name].weights, kh || 3, kw || 3);
  }

  function negate(kernel) {
    return kernel.map(function (v) {
      return v === 0 ? 0 : -v;
    });
  }

  // ------------------------------------------------------------------------- images

  var SAMPLE_LABELS = {};
  (DATA ? DATA.samples : []).forEach(function (s) {
    SAMPLE_LABELS[s.name] = s.label;
  });
  var DRAWINGS = {
    smiley: T("smiley, 13 \u00d7 13 (the gallery's face)"),
    smileys: T("four smileys, 13 \u00d7 60 (eyes only, swapped, face, mouth only)"),
    shapes: T("shapes, 64 \u00d7 96 (the landing page's figure)"),
  };
  var loading = {};

  function loadSample(name) {
    var store = window.convdemoPlaygroundSamples;
    if (store && store[name]) return Promise.resolve(store[name]);
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("samples/" + name + ".js", BASE).href;
        script.onload = function () {
          var s = window.convdemoPlaygroundSamples;
          if (s && s[name]) resolve(s[name]);
          else reject(new Error("sample " + name + " did not register"));
        };
        script.onerror = function () {
          delete loading[name];
          reject(new Error("could not load the sample image " + name));
        };
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }

  function decodeSample(sample, size) {
    var bytes = atob(sample.uint8);
    var H = sample.height;
    var W = sample.width;
    var full = new Float64Array(H * W);
    for (var k = 0; k < H * W; k++) full[k] = bytes.charCodeAt(k) / 255;
    var f = Math.max(1, Math.round(H / size));
    if (f === 1) return { H: H, W: W, data: full };
    var h = Math.floor(H / f);
    var w = Math.floor(W / f);
    var out = new Float64Array(h * w);
    for (var y = 0; y < h; y++) {
      for (var x = 0; x < w; x++) {
        var sum = 0;
        for (var i = 0; i < f; i++) for (var j = 0; j < f; j++) sum += full[(y * f + i) * W + x * f + j];
        out[y * w + x] = sum / (f * f);
      }
    }
    return { H: h, W: w, data: out };
  }

  /* A picture from the reader's disk: centre square, drawn at size x size on white, then
   * gray = 0.2125 R + 0.7154 G + 0.0721 B (skimage.color.rgb2gray's weights). */
  function rasterize(bitmap, size) {
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = size;
    var ctx = canvas.getContext("2d", { willReadFrequently: true });
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, size, size);
    var side = Math.min(bitmap.width, bitmap.height);
    var sx = Math.floor((bitmap.width - side) / 2);
    var sy = Math.floor((bitmap.height - side) / 2);
    ctx.imageSmoothingEnabled = side !== size;
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(bitmap, sx, sy, side, side, 0, 0, size, size);
    var px = ctx.getImageData(0, 0, size, size).data;
    var out = new Float64Array(size * size);
    for (var k = 0; k < size * size; k++) {
      out[k] = (0.2125 * px[4 * k] + 0.7154 * px[4 * k + 1] + 0.0721 * px[4 * k + 2]) / 255;
    }
    return { H: size, W: size, data: out };
  }

  // ------------------------------------------------------------------------- presets

  function cornerKernel() {
    var n = 9;
    var c = 4;
    var slices = [0, 1, 2, 3].map(function () {
      return new Float64Array(n * n);
    });
    for (var r = 0; r < n; r++) slices[0][r * n + c] = r >= c ? 1 : -1; // left edge below me
    for (var q = 0; q < n; q++) slices[2][c * n + q] = q >= c ? 1 : -1; // top edge to my right
    return slices;
  }

  var PRESETS = {
    face: {
      label: T("Eyes + mouth = face"),
      note: T(
        "Layer 1 finds eyes (vertical_line) and a mouth (horizontal_line), bias \u22122 and " +
        "ReLU. Layer 2's 7 \u00d7 5 kernel has one slice per channel: 1 where the eyes belong, " +
        "0.5 where the mouth belongs; bias \u221212 and ReLU. Eyes alone bring 8, a mouth " +
        "alone 8: only the whole face clears the bias, with 4 at its centre (row 3, column 4 " +
        "of layer 2's map), a pixel where both layer-1 maps are 0.",
      ),
      open: [],
      select: { stage: "layer2", channel: 0, row: 3, col: 4 },
      build: function () {
        var s = DATA.smiley;
        return {
          source: "smiley",
          layer1: {
            k: 3, kernels: s.layer1.weight.map(function (w) { return embed(w, 3, 3); }),
            bias: s.layer1.bias.slice(), activation: "relu", padding: "same",
          },
          layer2: {
            kh: 7, kw: 5, slices: s.layer2.weight.map(function (w) { return embed(w, 7, 5); }),
            bias: s.layer2.bias, activation: "relu", padding: "valid",
          },
        };
      },
    },
    edges: {
      label: T("Edge detection (Sobel)"),
      note: T(
        "Layer 1: Sobel kernels in four directions (sobel_x, \u2212sobel_x, sobel_y, " +
        "\u2212sobel_y), each followed by ReLU, so each channel keeps one side of one edge " +
        "direction, graded by contrast; padding \u201cvalid\u201d, so the frame makes no " +
        "false edges. Layer 2 adds the four channels (a 1 \u00d7 1 kernel of ones): " +
        "relu(g) + relu(\u2212g) = |g|, so it answers |gx| + |gy|, edges of any direction, a " +
        "feature no single channel holds. Choose the step for layer 1 and it cannot.",
      ),
      open: [], // the maps first; the story says which Settings to open
      build: function () {
        var sx = named("sobel_x");
        var sy = named("sobel_y");
        return {
          source: "camera",
          size: 128,
          layer1: {
            k: 3, kernels: [sx, negate(sx), sy, negate(sy)], bias: [0, 0, 0, 0],
            activation: "relu", padding: "valid",
          },
          layer2: {
            kh: 1, kw: 1, slices: [0, 1, 2, 3].map(function () { return new Float64Array([1]); }),
            bias: 0, activation: "none", padding: "same",
          },
        };
      },
    },
    collapse: {
      label: T("Linear collapse (no activation)"),
      note: T(
        "No activation anywhere: layer 1's Sobel maps, read by layer 2's Sobel slices, add " +
        "up to one 5 \u00d7 5 convolution of the image (shown below layer 2's map). Two " +
        "linear layers find nothing one layer could not; choose ReLU for layer 1 and the " +
        "equality breaks.",
      ),
      open: [], // the maps first; the story says which Settings to open
      build: function () {
        return {
          source: "camera",
          size: 64,
          layer1: {
            k: 3, kernels: [named("sobel_x"), named("sobel_y")], bias: [0, 0],
            activation: "none", padding: "valid",
          },
          layer2: {
            kh: 3, kw: 3, slices: [named("sobel_x"), named("sobel_y")], bias: 0,
            activation: "none", padding: "valid",
          },
        };
      },
    },
    corners: {
      label: T("Corners from edges"),
      note: T(
        "The landing page's network. Layer 1: Sobel in four directions with ReLU. Layer 2: " +
        "one 9 \u00d7 9 kernel reading two channels, \u201cleft edge below me\u201d and \u201ctop " +
        "edge to my right\u201d minus the same edges continuing past me, bias \u221214 and " +
        "ReLU: top-left corners, a feature in none of layer 1's maps.",
      ),
      open: [],
      select: "max",
      build: function () {
        var sx = named("sobel_x");
        var sy = named("sobel_y");
        return {
          source: "shapes",
          layer1: {
            k: 3, kernels: [sx, negate(sx), sy, negate(sy)], bias: [0, 0, 0, 0],
            activation: "relu", padding: "same",
          },
          layer2: { kh: 9, kw: 9, slices: cornerKernel(), bias: -14, activation: "relu", padding: "same" },
        };
      },
    },
  };
  var PRESET_ORDER = ["face", "edges", "collapse", "corners"];

  // ------------------------------------------------------------------------- the widget

  var STAGES = ["input", "layer1", "layer2"];
  var STAGE_TITLES = { input: T("Input"), layer1: T("Layer 1"), layer2: T("Layer 2") };
  var SETTINGS_OF = { input: T("of the input image"), layer1: T("of layer 1"), layer2: T("of layer 2") };
  var CLOSE_SETTINGS_OF = {
    input: T("the settings of the input image"),
    layer1: T("the settings of layer 1"),
    layer2: T("the settings of layer 2"),
  };
  var PANEL_TITLES = {
    input: T("Settings of the input image"),
    layer1: T("Settings of layer 1, one kernel per map"),
    layer2: T("Settings of layer 2, one kernel across all layer-1 maps"),
  };
  var REDUCED = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  var MAX_UNIT = 24; // CSS pixels per map pixel, at most
  var SWEEP_STEPS = 120; // a sweep plays in about this many ticks...
  var SWEEP_TICK = 80; // ...of this many milliseconds (one row a second with reduced motion)
  var POS = "214, 96, 77"; // RdBu_r's reds and blues, as tints behind the detail's numbers
  var NEG = "67, 147, 195";

  function fmtCell(value) {
    if (value === 0) return "0";
    if (!isFinite(value)) return fmt(value);
    var abs = Math.abs(value);
    var text = abs >= 1e5 || abs < 1e-4 ? value.toExponential(1).replace("e+", "e") : String(parseFloat(value.toPrecision(3)));
    return prose(text.replace(/-/g, MINUS));
  }

  function sr(text) {
    return el("span", { className: "cdp-sr", text: text });
  }

  function Playground(root) {
    this.root = root;
    this.state = {
      source: "smiley",
      size: 64,
      image: null,
      file: null,
      preset: null,
      layer1: { k: 3, kernels: [], bias: [], activation: "relu", padding: "same" },
      layer2: { kh: 3, kw: 3, slices: [], bias: 0, activation: "relu", padding: "same" },
    };
    this.result = null;
    this.computed = null; // the net (typed arrays) the result was computed from
    this.error = null;
    this.pending = false;
    this.cursor = null; // the selected cell: {stage: "input"|"layer1"|"layer2", channel, row, col}
    this.explained = null; // explainCell() of the selected cell
    this.sweep = null; // the kernel sliding over one map: {stage, channel, done, total, W, timer}
    this.views = {};
    this.busy = Promise.resolve(); // the latest change of image (photos load on demand)
    this.build();
  }

  Playground.prototype.build = function () {
    var self = this;
    var root = this.root;
    root.textContent = "";
    root.classList.add("cdp");

    var presetButtons = PRESET_ORDER.map(function (name) {
      return el("button", {
        type: "button",
        className: "cdp-button cdp-small",
        "data-preset": name,
        "aria-pressed": "false",
        text: PRESETS[name].label,
        onclick: function () {
          self.applyPreset(name);
        },
      });
    });
    this.presetButtons = presetButtons;
    var presetTitle = nextId("presets");
    root.appendChild(
      el("div", { className: "cdp-presets", role: "group", "aria-labelledby": presetTitle }, [
        el("p", { className: "cdp-group-title", id: presetTitle, text: T("Presets:") }),
        el("div", { className: "cdp-button-row" }, presetButtons),
      ]),
    );

    // The network, left to right (top to bottom on a phone).
    this.network = el("div", { className: "cdp-network" });
    STAGES.forEach(function (key, n) {
      if (n) self.network.appendChild(el("div", { className: "cdp-arrow", "aria-hidden": "true" }, [el("span", { text: "\u2192" })]));
      self.views[key] = self.stage(key);
      self.network.appendChild(self.views[key].section);
    });
    // The settings (kernel editors) above the maps they change: an edit and its effect on
    // one screen.
    root.appendChild(
      el("div", { className: "cdp-panels" }, STAGES.map(function (key) { return self.views[key].panel; })),
    );
    root.appendChild(this.network);
    this.buildDetail();
    this.extra = el("div", { className: "cdp-extra" });
    root.appendChild(this.extra);
    this.presetNote = el("p", { className: "cdp-note", "aria-live": "polite" });
    root.appendChild(this.presetNote);
    this.status = el("p", { className: "cdp-status", role: "status" });
    root.appendChild(this.status);
    this.buildInputControls();
  };

  /* One stage of the network view (its maps), and its settings panel (closed). */
  Playground.prototype.stage = function (key) {
    var self = this;
    var id = nextId(key + "-title");
    var panelId = nextId(key + "-panel");
    var panelTitle = nextId(key + "-panel-title");
    var toggle = el("button", {
      type: "button",
      className: "cdp-button cdp-small cdp-toggle",
      "aria-expanded": "false",
      "aria-controls": panelId,
      onclick: function () {
        self.togglePanel(key);
      },
    }, [T("Settings"), sr(" " + SETTINGS_OF[key])]);
    var kernels = key === "layer2" ? el("div", { className: "cdp-slices" }) : null;
    var maps = el("div", { className: "cdp-maps" });
    var colorbar = el("div", { className: "cdp-colorbar" });
    var section = el("section", { className: "cdp-stage cdp-stage-" + key, "aria-labelledby": id }, [
      el("div", { className: "cdp-stage-head" }, [
        el("h2", { id: id, className: "cdp-stage-title", text: STAGE_TITLES[key] }),
        toggle,
      ]),
      kernels,
      maps,
      colorbar,
    ]);
    var controls = el("div", { className: "cdp-controls" });
    var heading = el("h2", { id: panelTitle, className: "cdp-stage-title", tabindex: "-1", text: PANEL_TITLES[key] });
    var panel = el("section", {
      id: panelId, className: "cdp-panel cdp-panel-" + key, "aria-labelledby": panelTitle, hidden: true,
    }, [
      el("div", { className: "cdp-panel-head" }, [
        heading,
        el("button", {
          type: "button",
          className: "cdp-button cdp-small",
          onclick: function () {
            self.togglePanel(key, false);
            toggle.focus();
          },
        }, [T("Close"), sr(" " + CLOSE_SETTINGS_OF[key])]),
      ]),
      controls,
    ]);
    return {
      key: key, section: section, maps: maps, colorbar: colorbar, kernels: kernels,
      controls: controls, panel: panel, heading: heading, toggle: toggle, figures: [],
    };
  };

  /* Open or close a stage's settings (open: true/false, or toggle); focus: an element of
   * the panel to focus, true for its heading, false for none. */
  Playground.prototype.togglePanel = function (key, open, focus) {
    var view = this.views[key];
    if (open === undefined) open = view.panel.hidden;
    view.panel.hidden = !open;
    view.toggle.setAttribute("aria-expanded", open ? "true" : "false");
    view.section.classList.toggle("cdp-open", open);
    if (open && focus !== false) {
      var target = focus && focus.nodeType ? focus : view.heading;
      target.focus({ preventScroll: true });
      // The panel's top just under the theme's sticky header: the maps it changes follow
      // it on the same screen.
      var header = document.querySelector("header");
      var below = header ? header.getBoundingClientRect().bottom : 0;
      window.scrollTo(0, view.panel.getBoundingClientRect().top + window.scrollY - below - 8);
    }
  };

  Playground.prototype.openPanels = function (keys) {
    var self = this;
    STAGES.forEach(function (key) {
      self.togglePanel(key, keys.indexOf(key) >= 0, false);
    });
  };

  // ---- the detail view and the sweep's controls

  Playground.prototype.buildDetail = function () {
    var self = this;
    var id = nextId("detail-title");
    var play = el("button", {
      type: "button", className: "cdp-button cdp-small", "data-sweep": "play",
      onclick: function () {
        if (self.sweep && self.sweep.timer) self.sweepPause();
        else self.sweepPlay();
      },
    });
    var step = el("button", {
      type: "button", className: "cdp-button cdp-small", "data-sweep": "step",
      onclick: function () { self.sweepStep(); },
    }, [T("Step")]);
    var stop = el("button", {
      type: "button", className: "cdp-button cdp-small", "data-sweep": "stop",
      onclick: function () { self.sweepStop(); },
    }, [T("Whole map")]);
    var progress = el("span", { className: "cdp-progress" });
    var toolsTitle = nextId("sweep-title");
    var tools = el("div", { className: "cdp-sweep", role: "group", "aria-labelledby": toolsTitle }, [
      el("span", { id: toolsTitle, className: "cdp-sweep-title", text: T("Watch the kernel slide:") }),
      play, step, stop, progress,
    ]);
    this.detailTitle = el("h2", { id: id, className: "cdp-stage-title cdp-detail-title" });
    this.detailHint = el("p", { className: "cdp-hint cdp-detail-hint" });
    this.detailLive = el("p", { className: "cdp-sr", "aria-live": "polite", "aria-atomic": "true" });
    this.detailBody = el("div", { className: "cdp-detail-body" });
    this.detailSection = el("section", { className: "cdp-detail", "aria-labelledby": id }, [
      el("div", { className: "cdp-detail-head" }, [this.detailTitle, tools]),
      this.detailHint,
      this.detailBody,
      this.detailLive,
    ]);
    this.sweepButtons = { play: play, step: step, stop: stop, progress: progress };
    this.root.appendChild(this.detailSection);
  };

  function numberGrid(values, kh, kw, label, padded) {
    var max = 0;
    var k;
    for (k = 0; k < values.length; k++) if (isFinite(values[k])) max = Math.max(max, Math.abs(values[k]));
    var grid = document.createElement("div");
    grid.className = "cdp-cells";
    grid.setAttribute("role", "group");
    grid.setAttribute("aria-label", label + ", " + kh + " \u00d7 " + kw);
    grid.style.gridTemplateColumns = "repeat(" + kw + ", auto)";
    for (k = 0; k < kh * kw; k++) {
      var v = values[k];
      var cell = document.createElement("span");
      cell.className = padded && padded[k] ? "cdp-cell cdp-pad" : "cdp-cell";
      cell.textContent = fmtCell(v);
      cell.setAttribute("data-value", String(v));
      if (max > 0 && v !== 0 && isFinite(v)) {
        var alpha = (0.12 + (0.33 * Math.abs(v)) / max).toFixed(3);
        cell.style.backgroundColor = "rgba(" + (v > 0 ? POS : NEG) + ", " + alpha + ")";
      }
      grid.appendChild(cell);
    }
    return grid;
  }

  function labelledGrid(caption, grid) {
    return el("div", { className: "cdp-cellbox" }, [caption ? el("span", { className: "cdp-cell-label", "aria-hidden": "true", text: caption }) : null, grid]);
  }

  function op(text, name) {
    return el("span", { className: "cdp-op" }, [el("span", { "aria-hidden": "true", text: text }), name ? sr(name) : null]);
  }

  function rangeText(start, length, size) {
    var a = Math.max(0, start);
    var b = Math.min(size - 1, start + length - 1);
    if (b < a) return null;
    return { text: span([a, b]), clipped: a !== start || b !== start + length - 1, rows: [a, b] };
  }

  function boxText(top, left, height, width, H, W) {
    var rows = rangeText(top, height, H);
    var cols = rangeText(left, width, W);
    if (!rows || !cols) return T("only zero padding");
    var fields = { rows: rows.text, columns: cols.text };
    return rows.clipped || cols.clipped
      ? T("rows {rows}, columns {columns} and zero padding", fields)
      : T("rows {rows}, columns {columns}", fields);
  }

  function span(range) {
    return range[0] === range[1] ? String(range[0]) : range[0] + "\u2013" + range[1];
  }

  function activationText(name, pre, value) {
    if (name === "none") return T("no activation: {value}", { value: fmt(value) });
    return (name === "relu" ? "ReLU" : T("step")) + "(" + fmt(pre) + ") = " + fmt(value);
  }

  Playground.prototype.kernelName = function (c) {
    var st = this.state;
    var choices = kernelChoices(st.layer1.k, st.layer1.k);
    var kernel = st.layer1.kernels[c];
    var choice = matchChoice(choices, kernel);
    if (choice) return choice.label;
    choice = matchChoice(choices, negate(kernel));
    return choice && choice.value !== "zeros" ? MINUS + choice.label : T("your kernel");
  };

  /* Draw how the selected number was computed (and say it, for screen readers). */
  Playground.prototype.renderDetail = function () {
    var self = this;
    var ex = this.explained;
    var body = this.detailBody;
    body.textContent = "";
    this.updateSweepTools();
    if (!ex) {
      this.detailTitle.textContent = T("How one number is computed");
      this.detailHint.textContent = T(
        "Click a cell of any map above (or focus a map with Tab and move with the arrow keys) " +
        "to see how its number is computed.",
      );
      this.detailLive.textContent = "";
      return;
    }
    this.detailHint.textContent = "";
    var img = this.state.image;
    var at = { row: ex.row, column: ex.col, channel: ex.channel, kernel: this.kernelName(ex.channel) };
    if (ex.stage === "input") {
      this.detailTitle.textContent = T("Input, row {row}, column {column}", at) + ": " + fmt(ex.value);
      this.detailHint.textContent = T(
        "A pixel of the image, from 0 (black) to 1 (white): nothing computes it. Click a cell " +
        "of layer 1 or layer 2 to see a sum.",
      );
      this.detailLive.textContent = this.detailTitle.textContent + ".";
      return;
    }
    var r1 = this.result.layer1;
    var isTwo = ex.stage === "layer2";
    var where = isTwo ? T("Layer 2, row {row}, column {column}", at) : T("Layer 1, channel {channel} ({kernel}), row {row}, column {column}", at);
    this.detailTitle.textContent = where + ": " + fmt(ex.value);
    var frag = document.createDocumentFragment();
    var terms = document.createDocumentFragment();
    var pieces = [];
    ex.channels.forEach(function (t, n) {
      var source = isTwo ? T("Channel {channel} ({kernel})", { channel: t.channel, kernel: self.kernelName(t.channel) }) : T("Input image");
      var H = isTwo ? r1.H : img.H;
      var W = isTwo ? r1.W : img.W;
      var reads = boxText(t.top, t.left, t.kh, t.kw, H, W);
      var products = numberGrid(t.products, t.kh, t.kw, isTwo ? T("Products of channel {channel}", t) : T("Products of the image"));
      terms.appendChild(
        el("div", { className: "cdp-term" }, [
          el("p", { className: "cdp-term-title" }, [el("strong", { text: source }), el("br"), T("window: {rows_and_columns}", { rows_and_columns: reads })]),
          el("div", { className: "cdp-term-body" }, [
            labelledGrid(n ? "" : T("window"), numberGrid(t.window, t.kh, t.kw, isTwo ? T("Window of channel {channel}", t) : T("Window of the image"), t.padded)),
            op("\u00d7", T("times")),
            labelledGrid(n ? "" : isTwo ? T("its slice of layer 2's kernel") : T("kernel"), numberGrid(t.kernel, t.kh, t.kw, isTwo ? T("Slice {channel} of layer 2's kernel", t) : T("Kernel of channel {channel}", ex))),
            op("=", T("gives")),
            labelledGrid(n ? "" : T("products"), products),
            op("\u2192 " + T("sum"), null),
            el("span", { className: "cdp-sum", "data-value": String(t.contribution) }, [
              n ? null : el("span", { className: "cdp-sum-label", text: isTwo ? T("contribution") : T("sum") }),
              el("strong", { text: fmt(t.contribution) }),
            ]),
          ]),
        ]),
      );
      pieces.push(isTwo ? T("{value} from channel {channel}", { value: fmt(t.contribution), channel: t.channel }) : T("{value} from the image", { value: fmt(t.contribution) }));
    });
    // contributions + bias = pre-activation; the activation gives the value
    var strip = el("p", { className: "cdp-total" });
    ex.channels.forEach(function (t, n) {
      if (n) strip.appendChild(op("+", null));
      strip.appendChild(el("span", { className: "cdp-chip", "data-value": String(t.contribution) }, [fmt(t.contribution), el("small", { text: isTwo ? T("channel {channel}", t) : T("sum") })]));
    });
    strip.appendChild(op("+", null));
    strip.appendChild(el("span", { className: "cdp-chip", "data-value": String(ex.bias) }, [fmt(ex.bias), el("small", { text: T("bias") })]));
    strip.appendChild(op("=", null));
    strip.appendChild(el("span", { className: "cdp-chip", "data-value": String(ex.preActivation) }, [fmt(ex.preActivation), el("small", { text: T("pre-activation") })]));
    strip.appendChild(op("\u2192", null));
    strip.appendChild(el("span", { className: "cdp-chip cdp-chip-value", "data-value": String(ex.value) }, [fmt(ex.value), el("small", { text: ex.activation === "none" ? T("value (no activation)") : T("value after {activation}", { activation: ACTIVATION_NAMES[ex.activation] }) })]));
    frag.appendChild(strip);
    var box = ex.inputBox;
    var boxFields = { height: box.height, width: box.width, rows_and_columns: boxText(box.top, box.left, box.height, box.width, img.H, img.W) };
    terms.appendChild(
      el("p", {
        className: "cdp-hint",
        text: isTwo
          ? T("Outlined in orange on the maps: the window it reads on every layer-1 map, and its receptive field on the input, {height} \u00d7 {width} pixels: {rows_and_columns}. A dashed cell was read from the zero padding.", boxFields)
          : T("Outlined in orange on the maps: its receptive field on the input, {height} \u00d7 {width} pixels: {rows_and_columns}. A dashed cell was read from the zero padding.", boxFields),
      }),
    );
    frag.appendChild(terms);
    body.appendChild(frag);
    this.detailLive.textContent =
      where + ": " + pieces.join(" + ") + " + " + T("bias {value}", { value: fmt(ex.bias) }) + " = " + fmt(ex.preActivation) +
      "; " + activationText(ex.activation, ex.preActivation, ex.value) + ".";
  };

  Playground.prototype.updateSweepTools = function () {
    var b = this.sweepButtons;
    var sw = this.sweep;
    var cur = this.cursor;
    var can = !!(cur && cur.stage !== "input" && this.result);
    b.play.textContent = sw && sw.timer ? T("Pause") : T("Play");
    b.play.disabled = !can && !sw;
    b.step.disabled = !can && !sw;
    b.stop.disabled = !sw;
    b.progress.textContent = sw ? T("{done} of {total} cells", sw) : "";
    this.detailLive.setAttribute("aria-live", sw && sw.timer ? "off" : "polite");
  };

  // ---- input controls

  Playground.prototype.buildInputControls = function () {
    var self = this;
    var st = this.state;
    var view = this.views.input;
    view.controls.textContent = "";
    var drawingOptions = Object.keys(DRAWINGS).map(function (k) {
      return { value: k, label: DRAWINGS[k] };
    });
    var photoOptions = (DATA ? DATA.samples : []).map(function (s) {
      return { value: s.name, label: T("{name} (photo)", { name: s.label }) };
    });
    var own = [
      { value: "file", label: T("your image") + (st.file ? " (" + st.file.name + ")" : ""), disabled: !st.file },
    ];
    if (st.source === "script") own.push({ value: "script", label: T("set from JavaScript") });
    var source = select(
      [
        { group: T("Drawings"), options: drawingOptions },
        { group: T("Photographs (scikit-image)"), options: photoOptions },
        { group: T("Yours"), options: own },
      ],
      st.source,
      function (value) {
        self.setSource(value);
      },
    );
    var photo = st.source in SAMPLE_LABELS || st.source === "file";
    var size = select(
      SIZES.map(function (s) {
        return { value: s, label: s + " \u00d7 " + s };
      }),
      st.size,
      function (value) {
        st.size = Number(value);
        self.setSource(st.source);
      },
      { disabled: !photo },
    );
    var file = el("input", {
      type: "file",
      accept: "image/*",
      className: "cdp-file",
      onchange: function (event) {
        var f = event.target.files && event.target.files[0];
        if (f) self.openFile(f);
      },
    });
    view.controls.appendChild(labelled(T("Image"), source));
    view.controls.appendChild(
      labelled(
        T("Size (photographs and your image)"),
        size,
        el("p", {
          className: "cdp-hint",
          text: photo
            ? T("Downscaled for speed; pixel values from 0 (black) to 1 (white).")
            : T("Drawings keep their own size: each stroke is one pixel."),
        }),
      ),
    );
    view.controls.appendChild(
      labelled(
        T("Or open a picture from your computer"),
        file,
        el("p", { className: "cdp-hint", text: T("It stays in this browser: nothing is uploaded.") }),
      ),
    );
    this.sourceSelect = source;
    this.sizeSelect = size;
    this.fileInput = file;
  };

  Playground.prototype.setSource = function (value) {
    var self = this;
    var st = this.state;
    st.source = value;
    var done;
    if (value in DRAWINGS) {
      st.image = toImage(DATA.drawings[value]);
      done = Promise.resolve();
    } else if (value in SAMPLE_LABELS) {
      this.say(T("Loading the {name} photograph\u2026", { name: SAMPLE_LABELS[value] }));
      done = loadSample(value).then(function (sample) {
        if (st.source !== value) return;
        st.image = decodeSample(sample, st.size);
        self.say("");
      });
    } else if (value === "file" && st.file) {
      st.image = rasterize(st.file.bitmap, st.size);
      done = Promise.resolve();
    } else {
      done = Promise.resolve();
    }
    this.busy = done.then(
      function () {
        self.buildInputControls();
        self.refresh();
      },
      function (error) {
        self.say(error.message, true);
      },
    );
    return this.busy;
  };

  Playground.prototype.openFile = function (file) {
    var self = this;
    this.busy = createImageBitmap(file).then(
      function (bitmap) {
        self.state.file = { name: file.name, bitmap: bitmap };
        self.markPreset(null);
        return self.setSource("file");
      },
      function () {
        self.say(T("That file is not a picture this browser can read."), true);
      },
    );
    return this.busy;
  };

  // ---- layer controls

  Playground.prototype.kernelEditor = function (opts) {
    /* opts: {legend, kernel (Float64Array), kh, kw, label(row, col), onchange(kernel), bias?,
     * onbias?, flip} */
    var self = this;
    var kernel = opts.kernel;
    var choices = kernelChoices(opts.kh, opts.kw);
    var options = [{ value: "custom", label: T("(your numbers)") }].concat(
      choices.map(function (c) {
        return { value: c.value, label: c.label };
      }),
    );
    var match = matchChoice(choices, kernel);
    var hint = el("p", { className: "cdp-hint" });
    var inputs = [];
    function describe() {
      var m = matchChoice(choices, kernel);
      picker.value = m ? m.value : "custom";
      hint.textContent = m && m.description ? m.description : "";
    }
    var picker = select(options, match ? match.value : "custom", function (value) {
      var choice = choices.filter(function (c) { return c.value === value; })[0];
      if (!choice) return;
      kernel.set(choice.weights);
      inputs.forEach(function (input, k) {
        input.value = fmtInput(kernel[k]);
        input.removeAttribute("aria-invalid");
      });
      describe();
      self.markPreset(null);
      self.schedule();
    });
    var grid = el("div", {
      className: "cdp-grid",
      role: "group",
      "aria-label": T("{legend}: {rows} \u00d7 {columns} weights", { legend: opts.legend, rows: opts.kh, columns: opts.kw }),
      style: "grid-template-columns: repeat(" + opts.kw + ", 3rem);",
    });
    for (var r = 0; r < opts.kh; r++) {
      for (var c = 0; c < opts.kw; c++) {
        (function (k, row, col) {
          var input = numberInput(kernel[k], opts.label(row, col), function (v) {
            kernel[k] = v;
            describe();
            self.markPreset(null);
            self.schedule();
          }, { "data-row": row, "data-col": col });
          inputs.push(input);
          grid.appendChild(input);
        })(r * opts.kw + c, r, c);
      }
    }
    var flip = el("button", {
      type: "button",
      className: "cdp-button cdp-small",
      text: "\u00d7 " + MINUS + "1",
      "aria-label": T("Flip the sign of every weight of {kernel}", { kernel: opts.legend.toLowerCase() }),
      onclick: function () {
        for (var k = 0; k < kernel.length; k++) kernel[k] = kernel[k] === 0 ? 0 : -kernel[k];
        inputs.forEach(function (input, k) {
          input.value = fmtInput(kernel[k]);
        });
        describe();
        self.markPreset(null);
        self.schedule();
      },
    });
    var children = [
      el("legend", { text: opts.legend }),
      el("div", { className: "cdp-kernel-tools" }, [
        labelled(T("Kernel"), picker, null, T("Kernel of {kernel}", { kernel: opts.legend.toLowerCase() })),
        flip,
      ]),
      hint,
      el("div", { className: "cdp-grid-scroll" }, [grid]),
    ];
    if (opts.onbias) {
      children.push(
        labelled(
          T("Bias"),
          numberInput(opts.bias, null, function (v) {
            opts.onbias(v);
            self.markPreset(null);
            self.schedule();
          }),
          null,
          T("Bias of {kernel}", { kernel: opts.legend.toLowerCase() }),
        ),
      );
    }
    // As wide as its grid of numbers needs (a 9-column slice gets a row of its own).
    var fieldset = el("fieldset", {
      className: "cdp-kernel",
      "data-channel": opts.channel === undefined ? null : String(opts.channel),
      style: "flex-basis: " + Math.max(13, 3.2 * opts.kw + 2.2).toFixed(1) + "rem;",
    }, children);
    describe();
    return fieldset;
  };

  Playground.prototype.buildLayerControls = function () {
    var self = this;
    var st = this.state;
    var l1 = st.layer1;
    var l2 = st.layer2;

    // Layer 1
    var v1 = this.views.layer1;
    v1.controls.textContent = "";
    var row1 = el("div", { className: "cdp-row" }, [
      labelled(
        T("Channels"),
        select([1, 2, 3, 4].map(function (n) { return { value: n, label: String(n) }; }), l1.kernels.length,
          function (value) { self.setChannels(Number(value)); }),
        null, T("Channels of layer 1"),
      ),
      labelled(
        T("Kernel size"),
        select([3, 5].map(function (n) { return { value: n, label: n + " \u00d7 " + n }; }), l1.k,
          function (value) { self.setLayer1Size(Number(value)); }),
        null, T("Kernel size of layer 1"),
      ),
      labelled(
        T("Padding"),
        select(PADDINGS.map(function (p) { return { value: p, label: PADDING_LABELS[p] }; }), l1.padding,
          function (value) { l1.padding = value; self.markPreset(null); self.schedule(); }),
        null, T("Padding of layer 1"),
      ),
      labelled(
        T("Activation"),
        select(ACTIVATIONS.map(function (a) { return { value: a, label: ACTIVATION_LABELS[a] }; }), l1.activation,
          function (value) { l1.activation = value; self.markPreset(null); self.schedule(); }),
        null, T("Activation of layer 1"),
      ),
    ]);
    v1.controls.appendChild(row1);
    var cards1 = el("div", { className: "cdp-kernels" });
    l1.kernels.forEach(function (kernel, c) {
      cards1.appendChild(
        self.kernelEditor({
          legend: T("Channel {channel}", { channel: c }),
          channel: c,
          kernel: kernel,
          kh: l1.k,
          kw: l1.k,
          label: function (r, q) {
            return T("Layer 1, channel {channel}, weight at row {row}, column {column}", { channel: c, row: r, column: q });
          },
          bias: l1.bias[c],
          onbias: function (v) { l1.bias[c] = v; },
        }),
      );
    });
    v1.controls.appendChild(cards1);

    // Layer 2
    var v2 = this.views.layer2;
    v2.controls.textContent = "";
    var sizeOptions = LAYER2_SIZES.map(function (n) { return { value: n, label: String(n) }; });
    v2.controls.appendChild(
      el("div", { className: "cdp-row" }, [
        labelled(T("Kernel rows"), select(sizeOptions, l2.kh, function (value) { self.setLayer2Size(Number(value), l2.kw); }),
          null, T("Kernel rows of layer 2")),
        labelled(T("Kernel columns"), select(sizeOptions, l2.kw, function (value) { self.setLayer2Size(l2.kh, Number(value)); }),
          null, T("Kernel columns of layer 2")),
        labelled(
          T("Padding"),
          select(PADDINGS.map(function (p) { return { value: p, label: PADDING_LABELS[p] }; }), l2.padding,
            function (value) { l2.padding = value; self.markPreset(null); self.schedule(); }),
          null, T("Padding of layer 2"),
        ),
        labelled(
          T("Activation"),
          select(ACTIVATIONS.map(function (a) { return { value: a, label: ACTIVATION_LABELS[a] }; }), l2.activation,
            function (value) { l2.activation = value; self.markPreset(null); self.schedule(); }),
          null, T("Activation of layer 2"),
        ),
        labelled(
          T("Bias"),
          numberInput(l2.bias, null, function (v) { l2.bias = v; self.markPreset(null); self.schedule(); }),
          null, T("Bias of layer 2"),
        ),
      ]),
    );
    // Wide layer-2 kernels get the whole width for their number grids, maps below them.
    v2.panel.classList.toggle("cdp-wide", l2.kw > 5);
    var cards2 = el("div", { className: "cdp-kernels" });
    l2.slices.forEach(function (slice, c) {
      cards2.appendChild(
        self.kernelEditor({
          legend: T("Slice for channel {channel}", { channel: c }),
          channel: c,
          kernel: slice,
          kh: l2.kh,
          kw: l2.kw,
          label: function (r, q) {
            return T("Layer 2, slice for channel {channel}, weight at row {row}, column {column}", { channel: c, row: r, column: q });
          },
        }),
      );
    });
    v2.controls.appendChild(cards2);
  };

  Playground.prototype.setChannels = function (n) {
    var l1 = this.state.layer1;
    var l2 = this.state.layer2;
    n = Math.max(1, Math.min(MAX_CHANNELS, n));
    while (l1.kernels.length < n) {
      l1.kernels.push(embed(NAMED.identity.weights, l1.k, l1.k));
      l1.bias.push(0);
      l2.slices.push(new Float64Array(l2.kh * l2.kw));
    }
    l1.kernels.length = n;
    l1.bias.length = n;
    l2.slices.length = n;
    this.markPreset(null);
    this.buildLayerControls();
    this.refresh();
  };

  Playground.prototype.setLayer1Size = function (k) {
    var l1 = this.state.layer1;
    l1.kernels = l1.kernels.map(function (w) { return resize(w, l1.k, l1.k, k, k); });
    l1.k = k;
    this.markPreset(null);
    this.buildLayerControls();
    this.refresh();
  };

  Playground.prototype.setLayer2Size = function (kh, kw) {
    var l2 = this.state.layer2;
    l2.slices = l2.slices.map(function (w) { return resize(w, l2.kh, l2.kw, kh, kw); });
    l2.kh = kh;
    l2.kw = kw;
    this.markPreset(null);
    this.buildLayerControls();
    this.refresh();
  };

  // ---- presets and state

  Playground.prototype.markPreset = function (name) {
    this.state.preset = name;
    this.presetButtons.forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-preset") === name ? "true" : "false");
    });
    if (name) this.presetNote.textContent = PRESETS[name].note;
    else if (this.presetNote.textContent) this.presetNote.textContent = T("Your own network (changed from the preset).");
  };

  Playground.prototype.applyPreset = function (name) {
    var self = this;
    var preset = PRESETS[name];
    if (!preset) return Promise.reject(new Error("no preset " + JSON.stringify(name)));
    var p = preset.build();
    var st = this.state;
    this.sweepStop(true);
    st.layer1 = {
      k: p.layer1.k, kernels: p.layer1.kernels, bias: p.layer1.bias.slice(),
      activation: p.layer1.activation, padding: p.layer1.padding,
    };
    st.layer2 = {
      kh: p.layer2.kh, kw: p.layer2.kw, slices: p.layer2.slices, bias: p.layer2.bias,
      activation: p.layer2.activation, padding: p.layer2.padding,
    };
    if (p.size) st.size = p.size;
    this.cursor = null;
    this.buildLayerControls();
    this.markPreset(name);
    this.openPanels(preset.open || []);
    return this.setSource(p.source).then(function () {
      if (self.state.preset !== name || !self.result) return;
      var cell = preset.select;
      if (cell === "max") cell = self.largest("layer2", 0);
      if (cell) self.select(cell);
    });
  };

  /* The cell of a map with the largest value (the first one, row by row). */
  Playground.prototype.largest = function (stage, channel) {
    var r = stage === "layer1" ? this.result.layer1 : this.result.layer2;
    var n = r.H * r.W;
    var data = r.out.subarray(channel * n, (channel + 1) * n);
    var best = 0;
    for (var k = 1; k < n; k++) if (data[k] > data[best]) best = k;
    return { stage: stage, channel: channel, row: Math.floor(best / r.W), col: best % r.W };
  };

  /* The page's network as a spec (what compute() takes). */
  Playground.prototype.getState = function () {
    var st = this.state;
    var img = st.image;
    return {
      source: st.source,
      size: st.size,
      preset: st.preset,
      image: img ? nested2(img.data, img.H, img.W) : null,
      layer1: {
        weights: st.layer1.kernels.map(function (w) { return nested2(w, st.layer1.k, st.layer1.k); }),
        bias: st.layer1.bias.slice(),
        activation: st.layer1.activation,
        padding: st.layer1.padding,
      },
      layer2: {
        weights: st.layer2.slices.map(function (w) { return nested2(w, st.layer2.kh, st.layer2.kw); }),
        bias: st.layer2.bias,
        activation: st.layer2.activation,
        padding: st.layer2.padding,
      },
    };
  };

  /* Show a network (a compute() spec; the image optional) on the page. */
  Playground.prototype.setState = function (spec) {
    var net = specToNet({
      image: spec.image || nested2(this.state.image.data, this.state.image.H, this.state.image.W),
      layer1: spec.layer1,
      layer2: spec.layer2,
    });
    var l1 = net.layer1;
    var l2 = net.layer2;
    if (l1.kh !== l1.kw || (l1.kh !== 3 && l1.kh !== 5)) throw new Error("layer-1 kernels are 3 x 3 or 5 x 5 here");
    if (l1.C > MAX_CHANNELS) throw new Error("at most " + MAX_CHANNELS + " channels here");
    if (!l2 || LAYER2_SIZES.indexOf(l2.kh) < 0 || LAYER2_SIZES.indexOf(l2.kw) < 0) {
      throw new Error("layer 2 needs a kernel of 1, 3, 5, 7 or 9 rows and columns");
    }
    var st = this.state;
    st.layer1 = {
      k: l1.kh,
      kernels: Array.from({ length: l1.C }, function (_, c) { return l1.weights.slice(c * l1.kh * l1.kw, (c + 1) * l1.kh * l1.kw); }),
      bias: Array.from(l1.bias), activation: l1.activation, padding: l1.padding,
    };
    st.layer2 = {
      kh: l2.kh, kw: l2.kw,
      slices: Array.from({ length: l1.C }, function (_, c) { return l2.weights.slice(c * l2.kh * l2.kw, (c + 1) * l2.kh * l2.kw); }),
      bias: l2.bias, activation: l2.activation, padding: l2.padding,
    };
    if (spec.image) {
      st.image = net.image;
      st.source = "script";
      this.buildInputControls();
    }
    this.sweepStop(true);
    this.cursor = null;
    this.markPreset(null);
    this.buildLayerControls();
    this.refresh();
  };

  Playground.prototype.net = function () {
    var st = this.state;
    var l1 = st.layer1;
    var l2 = st.layer2;
    var C = l1.kernels.length;
    var w1 = new Float64Array(C * l1.k * l1.k);
    var w2 = new Float64Array(C * l2.kh * l2.kw);
    for (var c = 0; c < C; c++) {
      w1.set(l1.kernels[c], c * l1.k * l1.k);
      w2.set(l2.slices[c], c * l2.kh * l2.kw);
    }
    return {
      image: st.image,
      layer1: { C: C, kh: l1.k, kw: l1.k, weights: w1, bias: Float64Array.from(l1.bias), activation: l1.activation, padding: l1.padding },
      layer2: { kh: l2.kh, kw: l2.kw, weights: w2, bias: l2.bias, activation: l2.activation, padding: l2.padding },
    };
  };

  // ---- computing and drawing

  Playground.prototype.schedule = function () {
    var self = this;
    if (this.pending) return;
    this.pending = true;
    window.requestAnimationFrame(function () {
      if (self.pending) self.refresh();
    });
  };

  Playground.prototype.flush = function () {
    if (this.pending) this.refresh();
  };

  /* Recompute every map and redraw them (and the detail view); returns the milliseconds. */
  Playground.prototype.refresh = function () {
    var start = performance.now();
    this.pending = false;
    if (!this.state.image) return 0;
    this.sweepStop(true);
    try {
      this.computed = this.net();
      this.result = forward(this.computed);
      this.error = null;
    } catch (error) {
      this.result = null;
      this.computed = null;
      this.error = error;
    }
    this.draw();
    this.select(this.cursor, true);
    return performance.now() - start;
  };

  Playground.prototype.say = function (text, isError) {
    this.status.textContent = text;
    this.status.classList.toggle("cdp-error", !!isError);
  };

  /* CSS pixels per map pixel, the same for every map (so a "valid" map looks smaller), and
   * how many columns layer 1's maps take: the largest scale at which input, layer 1 and
   * layer 2 fit side by side in the width, and in a height that leaves room for the detail
   * view; on a narrow screen the stages stack and only the width counts. */
  Playground.prototype.layout = function () {
    var img = this.state.image;
    var res = this.result;
    if (!this.width) this.width = this.root.clientWidth;
    var width = this.width || 900; // kept up to date by a ResizeObserver (no forced layout here)
    var stacked = width < 640;
    this.root.classList.toggle("cdp-stacked", stacked);
    var C = res ? res.layer1.C : 1;
    var W0 = img.W;
    var H0 = img.H;
    var H1 = res ? res.layer1.H : H0;
    var W1 = res ? res.layer1.W : W0;
    var H2 = res && res.layer2 ? res.layer2.H : H1;
    var W2 = res && res.layer2 ? res.layer2.W : W1;
    var GAP = 10;
    var FRAME = 2;
    var MIN_STAGE = 180; // a stage is at least as wide as its title and Settings button
    var best = null;
    var cols;
    if (stacked) {
      width -= 2 * 18 + 4; // the frame and the stage's padding
      cols = C > 1 ? 2 : 1;
      var u = Math.min(
        MAX_UNIT, (width - FRAME) / W0, ((width - GAP * (cols - 1)) / cols - FRAME) / W1, (width - FRAME) / W2,
        (width * 0.8) / Math.max(H0, 1),
      );
      best = { unit: u, cols: cols };
    } else {
      var budget = Math.max(130, Math.min(300, window.innerHeight * 0.32));
      var fixed = 2 * 28 + 4 * 12 + 3 * 18 + 20; // arrows, gaps, stage padding, the frame
      for (cols = 1; cols <= C; cols++) {
        var rows = Math.ceil(C / cols);
        var widths = [W0, cols * W1, W2];
        var extra = [FRAME, GAP * (cols - 1) + cols * FRAME, FRAME];
        var v = Math.min(
          MAX_UNIT, budget / H0, budget / H2, (budget - (rows - 1) * 44) / (rows * H1),
        );
        // A stage narrower than MIN_STAGE takes MIN_STAGE: the others share what is left.
        for (var pass = 0; pass < 3; pass++) {
          var room = width - fixed;
          var scaled = 0;
          for (var n = 0; n < 3; n++) {
            if (widths[n] * v + extra[n] < MIN_STAGE) room -= MIN_STAGE;
            else {
              room -= extra[n];
              scaled += widths[n];
            }
          }
          if (scaled) v = Math.min(v, room / scaled);
        }
        if (!best || v > best.unit + 1e-9) best = { unit: v, cols: cols };
      }
    }
    this.unitPx = Math.max(best.unit, 0.25);
    this.views.layer1.maps.style.gridTemplateColumns = "repeat(" + best.cols + ", auto)";
  };

  Playground.prototype.figure = function (view, index, caption, H, W, words) {
    var self = this;
    var fig = view.figures[index];
    if (!fig) {
      var canvas = el("canvas", { tabindex: "0", role: "img", className: "cdp-canvas" });
      var box = el("div", { className: "cdp-box", hidden: true });
      var dot = el("div", { className: "cdp-dot", hidden: true });
      // Hover (or tap): which cell, its value and where it came from, in one line.
      var tip = el("div", { className: "cdp-tip", hidden: true, "aria-hidden": "true" });
      var wrap = el("div", { className: "cdp-canvas-wrap" }, [canvas, box, dot, tip]);
      var cap = el("figcaption");
      var node = el("figure", { className: "cdp-map" }, [wrap, cap]);
      fig = { node: node, canvas: canvas, box: box, dot: dot, tip: tip, wrap: wrap, caption: cap, index: index };
      view.figures[index] = fig;
      view.maps.appendChild(node);
      var cellOf = function (event) {
        var rect = canvas.getBoundingClientRect();
        var col = Math.floor(((event.clientX - rect.left) / rect.width) * fig.W);
        var row = Math.floor(((event.clientY - rect.top) / rect.height) * fig.H);
        if (row < 0 || col < 0 || row >= fig.H || col >= fig.W) return null;
        return { stage: view.key, channel: index, row: row, col: col };
      };
      var showTip = function (cell) {
        var text = cell ? self.describeCell(cell) : "";
        tip.hidden = !text;
        if (!text) return;
        tip.textContent = text;
        // beside the cell, inside the map's width; above the cell in the map's lower half
        var x = ((cell.col + 0.5) / fig.W) * 100;
        var below = cell.row < fig.H / 2;
        tip.style.left = Math.min(Math.max(x, 0), 100) + "%";
        tip.style.top = below ? ((cell.row + 1) / fig.H) * 100 + "%" : "";
        tip.style.bottom = below ? "" : (1 - cell.row / fig.H) * 100 + "%";
        tip.classList.toggle("cdp-tip-right", x > 50);
      };
      canvas.addEventListener("pointermove", function (event) {
        if (event.pointerType === "mouse" || event.pointerType === "pen") showTip(cellOf(event));
      });
      canvas.addEventListener("pointerleave", function (event) {
        if (event.pointerType !== "touch") tip.hidden = true; // a tap's line stays
      });
      canvas.addEventListener("blur", function () {
        tip.hidden = true;
      });
      canvas.addEventListener("pointerdown", function (event) {
        var cell = cellOf(event);
        if (!cell) return;
        self.sweepStop();
        self.select(cell);
        showTip(cell); // a tap has no hover: it says the same
      });
      canvas.addEventListener("focus", function () {
        var c = self.cursor;
        if (!c || c.stage !== view.key || c.channel !== index) {
          self.sweepStop();
          self.select({ stage: view.key, channel: index, row: Math.floor(fig.H / 2), col: Math.floor(fig.W / 2) });
        }
      });
      canvas.addEventListener("keydown", function (event) {
        var c = self.cursor;
        if (!c || c.stage !== view.key || c.channel !== index) return;
        var step = event.shiftKey ? 10 : 1;
        var moves = { ArrowUp: [-step, 0], ArrowDown: [step, 0], ArrowLeft: [0, -step], ArrowRight: [0, step] };
        var move = moves[event.key];
        var row = c.row;
        var col = c.col;
        if (move) {
          row = Math.max(0, Math.min(fig.H - 1, c.row + move[0]));
          col = Math.max(0, Math.min(fig.W - 1, c.col + move[1]));
        } else if (event.key === "Home") {
          col = 0;
        } else if (event.key === "End") {
          col = fig.W - 1;
        } else {
          return;
        }
        event.preventDefault();
        self.sweepStop();
        self.select({ stage: view.key, channel: index, row: row, col: col });
      });
    }
    fig.H = H;
    fig.W = W;
    if (caption !== null) fig.caption.textContent = caption;
    fig.wrap.style.width = Math.max(1, W * this.unitPx).toFixed(1) + "px";
    fig.wrap.style.aspectRatio = W + " / " + H;
    fig.canvas.setAttribute(
      "aria-label",
      words + ". " + T("Click a cell, or use the arrow keys, to see how its number is computed."),
    );
    return fig;
  };

  /* One line about one number of a map: which cell, its value, where it came from (the
   * box under the maps gives the whole sum). Empty if nothing is computed. */
  Playground.prototype.describeCell = function (cell) {
    if (!this.result || !this.computed) return "";
    var e;
    try {
      e = explainCell(this.computed, this.result, cell);
    } catch (error) {
      return "";
    }
    var at = { row: cell.row, column: cell.col, channel: cell.channel, kernel: "" };
    if (cell.stage === "input") return T("Input, row {row}, column {column}", at) + ": " + T("{value}, a pixel of the image.", { value: fmt(e.value) });
    var sum = e.preActivation - e.bias;
    var act = e.activation === "none" ? "" : T("{activation} of ", { activation: ACTIVATION_NAMES[e.activation] });
    var bias = (e.bias < 0 ? " \u2212 " : " + ") + fmt(Math.abs(e.bias)) + " (" + T("bias") + ")";
    if (cell.stage === "layer1") {
      var ch = e.channels[0];
      at.kernel = this.kernelName(cell.channel);
      return T("Layer 1, channel {channel}, row {row}, column {column}", at) + ": " + fmt(e.value) + " = " + act +
        "(" + fmt(sum) + bias + "); " +
        T("{sum} is the {height}\u00d7{width} image window times kernel {kernel}.", { sum: fmt(sum), height: ch.kh, width: ch.kw, kernel: at.kernel }) +
        " " + T("Click for every product.");
    }
    var parts = e.channels.map(function (t) { return fmt(t.contribution); }).join(" + ");
    return T("Layer 2, row {row}, column {column}", at) + ": " + fmt(e.value) + " = " + act + "(" + parts + bias + "): " +
      T("one {height}\u00d7{width} window of each of the {count} layer-1 maps times its slice of the kernel.", { height: e.channels[0].kh, width: e.channels[0].kw, count: e.channels.length }) +
      " " + T("Click for every product.");
  };

  Playground.prototype.trimFigures = function (view, n) {
    while (view.figures.length > n) {
      var fig = view.figures.pop();
      fig.node.remove();
    }
  };

  function scaleWords(scale, what) {
    var fields = { low: fmt(scale.lo), high: fmt(scale.hi), shared: what || "" };
    if (scale.name === "gray") return T("gray scale from 0 (black) to 1 (white)");
    if (scale.signed) {
      return what
        ? T("colour scale {shared}: {low} (blue) through 0 (white) to {high} (red)", fields)
        : T("colour scale: {low} (blue) through 0 (white) to {high} (red)", fields);
    }
    if (scale.flat) return T("every value is 0 (dark purple)");
    return what
      ? T("colour scale {shared}: 0 (dark purple) to {high} (yellow)", fields)
      : T("colour scale: 0 (dark purple) to {high} (yellow)", fields);
  }

  function largestText(data, H, W) {
    var best = 0;
    for (var k = 1; k < data.length; k++) if (data[k] > data[best]) best = k;
    return T("largest value {value} at row {row}, column {column}", { value: fmt(data[best]), row: Math.floor(best / W), column: best % W });
  }

  Playground.prototype.colorbar = function (view, scale, width) {
    var bar = view.colorbar;
    bar.textContent = "";
    bar.style.width = Math.max(96, Math.min(width, 192)).toFixed(0) + "px";
    var canvas = el("canvas", { width: "256", height: "1", className: "cdp-bar", "aria-hidden": "true" });
    var ctx = canvas.getContext("2d");
    var px = ctx.createImageData(256, 1);
    for (var k = 0; k < 256; k++) {
      px.data[4 * k] = scale.table[3 * k];
      px.data[4 * k + 1] = scale.table[3 * k + 1];
      px.data[4 * k + 2] = scale.table[3 * k + 2];
      px.data[4 * k + 3] = 255;
    }
    ctx.putImageData(px, 0, 0);
    var mid = (scale.lo + scale.hi) / 2;
    bar.appendChild(canvas);
    bar.appendChild(
      el("div", { className: "cdp-ticks", "aria-hidden": "true" }, [
        el("span", { text: fmt(scale.lo) }),
        el("span", { text: fmt(mid) }),
        el("span", { text: fmt(scale.hi) }),
      ]),
    );
  };

  /* A small picture of a kernel (its own RdBu scale, symmetric about 0). */
  function kernelCanvas(kernel, kh, kw, cell) {
    var m = 0;
    for (var k = 0; k < kernel.length; k++) m = Math.max(m, Math.abs(kernel[k]));
    var canvas = el("canvas", { className: "cdp-thumb", "aria-hidden": "true" });
    paint(canvas, kernel, kh, kw, { table: RDBU, lo: -(m || 1), hi: m || 1 });
    canvas.style.width = kw * cell + "px";
    canvas.style.height = kh * cell + "px";
    return canvas;
  }

  Playground.prototype.kernelButton = function (c) {
    var self = this;
    var st = this.state;
    var name = this.kernelName(c);
    var button = el("button", {
      type: "button",
      className: "cdp-kernel-button",
      "data-channel": String(c),
      onclick: function () {
        self.togglePanel("layer1", true, self.views.layer1.controls.querySelector('[data-channel="' + c + '"] select'));
      },
    }, [
      kernelCanvas(st.layer1.kernels[c], st.layer1.k, st.layer1.k, st.layer1.k > 3 ? 4 : 6),
      el("span", {}, [sr(T("Channel") + " "), c + ": " + name]),
      sr(", " + T("edit its kernel")),
    ]);
    return button;
  };

  Playground.prototype.drawSlices = function () {
    var self = this;
    var l2 = this.state.layer2;
    var box = this.views.layer2.kernels;
    box.textContent = "";
    var cell = Math.max(2, Math.min(6, Math.floor(36 / Math.max(l2.kh, l2.kw))));
    var thumbs = l2.slices.map(function (s) { return kernelCanvas(s, l2.kh, l2.kw, cell); });
    box.appendChild(
      el("button", {
        type: "button",
        className: "cdp-kernel-button",
        onclick: function () {
          self.togglePanel("layer2", true, self.views.layer2.controls.querySelector("select"));
        },
      }, [el("span", { text: T("Kernel {rows} \u00d7 {columns} \u00d7 {channels}", { rows: l2.kh, columns: l2.kw, channels: l2.slices.length }) }), el("span", { className: "cdp-thumbs" }, thumbs), sr(": " + T("one slice per layer-1 map, edit them"))]),
    );
  };

  Playground.prototype.draw = function () {
    var st = this.state;
    var img = st.image;
    this.layout();
    var u = this.unitPx;
    var inputView = this.views.input;
    var grayScale = scaleFor([], "image");
    var fig = this.figure(inputView, 0, T("{height} \u00d7 {width} pixels", { height: img.H, width: img.W }), img.H, img.W,
      T("Input image, {height} by {width} pixels, {scale}", { height: img.H, width: img.W, scale: scaleWords(grayScale) }));
    paint(fig.canvas, img.data, img.H, img.W, grayScale);
    this.colorbar(inputView, grayScale, img.W * u);

    var v1 = this.views.layer1;
    var v2 = this.views.layer2;
    var res = this.result;
    this.drawSlices();
    if (!res) {
      this.trimFigures(v1, 0);
      this.trimFigures(v2, 0);
      v1.colorbar.textContent = v2.colorbar.textContent = "";
      this.extra.textContent = "";
      var reason = this.error ? this.error.message : T("no image");
      this.say(T("Nothing to compute: {reason}.", { reason: reason }), true);
      return;
    }
    if (this.status.classList.contains("cdp-error")) this.say("");
    var l1 = res.layer1;
    var maps1 = [];
    for (var c = 0; c < l1.C; c++) maps1.push(l1.out.subarray(c * l1.H * l1.W, (c + 1) * l1.H * l1.W));
    var scale1 = scaleFor(maps1, "map");
    this.trimFigures(v1, l1.C);
    var shared = l1.C > 1 ? T("shared by the {count} channels", { count: l1.C }) : "";
    for (c = 0; c < l1.C; c++) {
      var f = this.figure(v1, c, null, l1.H, l1.W,
        T("Layer 1, channel {channel} ({kernel}, after {activation}), {height} by {width} pixels, {largest}, {scale}", {
          channel: c, kernel: this.kernelName(c), activation: ACTIVATION_NAMES[st.layer1.activation], height: l1.H, width: l1.W,
          largest: largestText(maps1[c], l1.H, l1.W), scale: scaleWords(scale1, shared),
        }));
      f.caption.textContent = "";
      f.caption.appendChild(this.kernelButton(c));
      paint(f.canvas, maps1[c], l1.H, l1.W, scale1);
    }
    this.colorbar(v1, scale1, l1.W * u);

    var l2 = res.layer2;
    var scale2 = scaleFor([l2.out], "map");
    var fields2 = {
      activation: ACTIVATION_NAMES[st.layer2.activation], height: l2.H, width: l2.W,
      largest: largestText(l2.out, l2.H, l2.W), scale: scaleWords(scale2, ""),
    };
    var f2 = this.figure(v2, 0, T("{height} \u00d7 {width}, after {activation}", fields2), l2.H, l2.W,
      T("Layer 2's map (after {activation}), {height} by {width} pixels, {largest}, {scale}", fields2));
    paint(f2.canvas, l2.out, l2.H, l2.W, scale2);
    this.scales = { layer1: scale1, layer2: scale2 };
    this.colorbar(v2, scale2, l2.W * u);
    this.drawCollapse(res.collapse);
  };

  Playground.prototype.drawCollapse = function (info) {
    var extra = this.extra;
    extra.textContent = "";
    if (!info) return;
    var where =
      info.equal === info.total
        ? T("everywhere (largest difference {difference})", { difference: fmt(info.maxDifference) })
        : T("at {equal} of {total} pixels; the others read zero padding, which is not the same as padding the image", info);
    extra.appendChild(
      el("p", {
        className: "cdp-collapse-text",
        text: T(
          "Both layers are linear, so they are one convolution: layer 2's map equals the " +
            "image convolved with this {height} \u00d7 {width} kernel plus a bias of {bias}, {where}.",
          { height: info.H, width: info.W, bias: fmt(info.bias), where: where },
        ),
      }),
    );
    var table = el("table", { className: "cdp-table" });
    table.appendChild(el("caption", { text: T("The one equivalent kernel ({height} \u00d7 {width})", { height: info.H, width: info.W }) }));
    var body = el("tbody");
    for (var r = 0; r < info.H; r++) {
      var tr = el("tr");
      for (var c = 0; c < info.W; c++) tr.appendChild(el("td", { text: fmt(info.kernel[r * info.W + c]) }));
      body.appendChild(tr);
    }
    table.appendChild(body);
    extra.appendChild(
      el("div", { className: "cdp-table-scroll", tabindex: "0", role: "region", "aria-label": "The one equivalent kernel" }, [table]),
    );
  };

  // ---- selecting a cell: the detail view and the outlines on the maps

  /* Select a cell ({stage, channel, row, col}, or null): explain it, outline what it reads.
   * quiet: keep the selection only if it still exists (after a recompute). */
  Playground.prototype.select = function (cell, quiet) {
    this.cursor = cell || null;
    this.explained = null;
    if (cell && this.result) {
      try {
        this.explained = explainCell(this.computed, this.result, cell);
      } catch (error) {
        if (!quiet) throw error;
        this.cursor = null;
      }
    }
    this.highlight();
    this.renderDetail();
  };

  function place(node, fig, r0, r1, c0, c1) {
    r0 = Math.max(0, r0);
    c0 = Math.max(0, c0);
    r1 = Math.min(fig.H - 1, r1);
    c1 = Math.min(fig.W - 1, c1);
    if (r1 < r0 || c1 < c0) {
      node.hidden = true;
      return null;
    }
    node.hidden = false;
    node.style.top = (100 * r0) / fig.H + "%";
    node.style.left = (100 * c0) / fig.W + "%";
    node.style.height = (100 * (r1 - r0 + 1)) / fig.H + "%";
    node.style.width = (100 * (c1 - c0 + 1)) / fig.W + "%";
    return { rows: [r0, r1], cols: [c0, c1] };
  }

  Playground.prototype.highlight = function () {
    var self = this;
    STAGES.forEach(function (key) {
      self.views[key].figures.forEach(function (fig) {
        fig.box.hidden = true;
        fig.dot.hidden = true;
        fig.node.classList.remove("cdp-selected");
      });
    });
    var ex = this.explained;
    if (!ex) return;
    var fig = this.views[ex.stage].figures[ex.channel];
    if (!fig) return;
    fig.node.classList.add("cdp-selected");
    place(fig.dot, fig, ex.row, ex.row, ex.col, ex.col);
    var inputFig = this.views.input.figures[0];
    var b = ex.inputBox;
    if (ex.stage !== "input") place(inputFig.box, inputFig, b.top, b.top + b.height - 1, b.left, b.left + b.width - 1);
    if (ex.stage === "layer1") {
      this.views.layer1.figures.forEach(function (f) {
        if (f !== fig) place(f.dot, f, ex.row, ex.row, ex.col, ex.col);
      });
    } else if (ex.stage === "layer2") {
      ex.channels.forEach(function (t) {
        var f = self.views.layer1.figures[t.channel];
        if (f) place(f.box, f, t.top, t.top + t.kh - 1, t.left, t.left + t.kw - 1);
      });
    }
  };

  // ---- watching the kernel slide: the output fills in, cell by cell

  Playground.prototype.sweepStart = function () {
    var cur = this.cursor;
    if (!cur || cur.stage === "input" || !this.result) return false;
    var map = cur.stage === "layer1" ? this.result.layer1 : this.result.layer2;
    this.sweep = { stage: cur.stage, channel: cur.channel, done: 0, total: map.H * map.W, W: map.W, timer: null };
    this.paintSweep();
    return true;
  };

  Playground.prototype.paintSweep = function () {
    var sw = this.sweep;
    var res = this.result;
    if (!sw || !res) return;
    var map = sw.stage === "layer1" ? res.layer1 : res.layer2;
    var n = map.H * map.W;
    var fig = this.views[sw.stage].figures[sw.channel];
    paint(fig.canvas, map.out.subarray(sw.channel * n, (sw.channel + 1) * n), map.H, map.W, this.scales[sw.stage], sw.done);
  };

  /* Fill in n more cells (default 1); the detail view follows the last one. */
  Playground.prototype.sweepStep = function (n) {
    if (!this.sweep && !this.sweepStart()) return null;
    var sw = this.sweep;
    sw.done = Math.min(sw.total, sw.done + (n || 1));
    var k = sw.done - 1;
    this.paintSweep();
    this.select({ stage: sw.stage, channel: sw.channel, row: Math.floor(k / sw.W), col: k % sw.W });
    if (sw.done >= sw.total) this.sweepStop();
    return this.sweepState();
  };

  Playground.prototype.sweepPlay = function () {
    var self = this;
    if (!this.sweep && !this.sweepStart()) return null;
    var sw = this.sweep;
    if (sw.timer) return this.sweepState();
    var reduced = !!(REDUCED && REDUCED.matches);
    var per = Math.max(1, Math.round(sw.total / SWEEP_STEPS));
    var tick = function () {
      if (self.sweep !== sw) return;
      self.sweepStep(reduced ? sw.W - (sw.done % sw.W) : per);
    };
    sw.reduced = reduced;
    sw.timer = window.setInterval(tick, reduced ? 1000 : SWEEP_TICK);
    tick();
    this.updateSweepTools();
    return this.sweepState();
  };

  Playground.prototype.sweepPause = function () {
    var sw = this.sweep;
    if (!sw) return null;
    if (sw.timer) window.clearInterval(sw.timer);
    sw.timer = null;
    this.renderDetail(); // announced again, now that it stands still
    return this.sweepState();
  };

  /* End the sweep: the whole map again. quiet: no redraw (the caller redraws). */
  Playground.prototype.sweepStop = function (quiet) {
    var sw = this.sweep;
    if (!sw) return;
    if (sw.timer) window.clearInterval(sw.timer);
    sw.timer = null;
    sw.done = sw.total;
    if (!quiet) this.paintSweep();
    this.sweep = null;
    if (!quiet) this.updateSweepTools();
  };

  Playground.prototype.sweepState = function () {
    var sw = this.sweep;
    if (!sw) return null;
    return { stage: sw.stage, channel: sw.channel, done: sw.done, total: sw.total, playing: !!sw.timer, reduced: !!sw.reduced };
  };

  // ------------------------------------------------------------------------- start

  function explanationToNested(ex) {
    return {
      stage: ex.stage, channel: ex.channel, row: ex.row, col: ex.col,
      value: ex.value, preActivation: ex.preActivation, bias: ex.bias, activation: ex.activation,
      inputBox: { top: ex.inputBox.top, left: ex.inputBox.left, height: ex.inputBox.height, width: ex.inputBox.width },
      channels: ex.channels.map(function (t) {
        return {
          channel: t.channel, top: t.top, left: t.left,
          window: nested2(t.window, t.kh, t.kw),
          kernel: nested2(t.kernel, t.kh, t.kw),
          products: nested2(t.products, t.kh, t.kw),
          padded: nested2(t.padded, t.kh, t.kw).map(function (row) { return row.map(Boolean); }),
          contribution: t.contribution,
        };
      }),
    };
  }

  var api = {
    compute: compute,
    /* How one number is computed, for a spec (no page involved): explainSpec(spec, cell). */
    explainSpec: function (spec, cell) {
      var net = specToNet(spec);
      return explanationToNested(explainCell(net, forward(net), cell));
    },
    conv2d: function (x, w, bias, padding) {
      /* One convolution on nested arrays: x [C][H][W], w [O][C][kh][kw], bias [O]. */
      var C = x.length;
      var H = x[0].length;
      var W = x[0][0].length;
      var xd = new Float64Array(C * H * W);
      x.forEach(function (ch, c) { ch.forEach(function (row, r) { row.forEach(function (v, q) { xd[(c * H + r) * W + q] = v; }); }); });
      var O = w.length;
      var kh = w[0][0].length;
      var kw = w[0][0][0].length;
      var wd = new Float64Array(O * C * kh * kw);
      w.forEach(function (a, o) { a.forEach(function (b, c) { b.forEach(function (row, i) { row.forEach(function (v, j) { wd[((o * C + c) * kh + i) * kw + j] = v; }); }); }); });
      var res = conv2d(xd, C, H, W, wd, O, kh, kw, bias ? Float64Array.from(bias) : null, padding || "valid");
      return nested3(res.data, res.C, res.H, res.W);
    },
    activate: function (name, values) {
      return Array.from(activate(name, Float64Array.from(values)));
    },
    namedKernels: function () {
      var out = {};
      Object.keys(NAMED).forEach(function (name) { out[name] = nested2(named(name), 3, 3); });
      return out;
    },
    presets: PRESET_ORDER.slice(),
    ready: null,
    instance: null,
  };
  window.convdemoPlayground = api;

  function start() {
    var root = document.getElementById("convdemo-playground");
    if (!root) {
      api.ready = Promise.resolve(null);
      return;
    }
    if (!DATA) {
      root.textContent =
        "The playground's data (data.js) is missing: the site was built without the " +
        "playground_data extension.";
      api.ready = Promise.reject(new Error("no playground data"));
      return;
    }
    var pg = new Playground(root);
    api.instance = pg;
    api.applyPreset = function (name) { return pg.applyPreset(name); };
    api.setState = function (spec) { pg.setState(spec); return api.getMaps(); };
    api.getState = function () { return pg.getState(); };
    api.getMaps = function () {
      pg.flush();
      if (!pg.result) return { error: pg.error ? pg.error.message : "nothing computed" };
      return resultToNested(pg.result);
    };
    api.recompute = function () { return pg.refresh(); };
    /* Resolves (true) once the latest change of image has been computed and drawn. */
    api.settled = function () {
      var busy = pg.busy;
      return busy.then(function () { return pg.busy === busy ? true : api.settled(); });
    };
    api.computeOnly = function () { return !!forward(pg.net()); };
    /* How a number of the page's network is computed: {stage, channel, row, col} ->
     * {value, preActivation, bias, activation, channels: [{channel, window, kernel,
     * products, contribution, top, left, padded}], inputBox: {top, left, height, width}}. */
    api.explain = function (cell) {
      pg.flush();
      if (!pg.result) throw new Error("nothing computed: " + (pg.error ? pg.error.message : "no image"));
      return explanationToNested(explainCell(pg.computed, pg.result, cell));
    };
    /* Select a cell as a click would (null: none); returns the detail view's sentence. */
    api.select = function (cell) {
      pg.flush();
      pg.sweepStop();
      pg.select(cell || null);
      return pg.detailLive.textContent;
    };
    api.selected = function () { return pg.cursor ? Object.assign({}, pg.cursor) : null; };
    api.point = api.select;
    api.sweep = {
      play: function () { return pg.sweepPlay(); },
      pause: function () { return pg.sweepPause(); },
      step: function (n) { return pg.sweepStep(n); },
      stop: function () { pg.sweepStop(); return null; },
      state: function () { return pg.sweepState(); },
    };
    api.ready = pg.applyPreset("face").then(function () { return true; });
    var resizeTimer = null;
    var redraw = function () {
      window.clearTimeout(resizeTimer);
      resizeTimer = window.setTimeout(function () {
        if (!pg.result) return;
        pg.draw();
        pg.paintSweep();
        pg.highlight();
      }, 100);
    };
    window.addEventListener("resize", redraw);
    if (window.ResizeObserver) {
      new ResizeObserver(function (entries) {
        var width = entries[entries.length - 1].contentRect.width;
        if (Math.abs(width - (pg.width || 0)) < 0.5) return;
        pg.width = width;
        redraw();
      }).observe(root);
    } else {
      window.addEventListener("resize", function () { pg.width = 0; });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
