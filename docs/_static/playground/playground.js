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
 * window.convdemoPlayground is the page's programmatic face (the browser tests use it):
 *   compute(spec)      the maps of a two-layer network, as nested arrays (no page involved);
 *   setState(spec)     show a network and an image on the page; getState() reads it back;
 *   getMaps()          the maps the page shows; applyPreset(name); recompute() (ms taken).
 * A spec: {image: [[...]], layer1: {weights: [C][kh][kw], bias: [C], activation, padding},
 *          layer2: {weights: [C][kh][kw], bias: number, activation, padding}}
 * with activation "none" | "relu" | "step" and padding "same" | "valid".
 */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  var BASE = SCRIPT && SCRIPT.src ? SCRIPT.src : window.location.href;
  var DATA = window.convdemoPlaygroundData;
  var ACTIVATIONS = ["none", "relu", "step"];
  var ACTIVATION_LABELS = { none: "none (linear)", relu: "ReLU", step: "step (0 or 1)" };
  var ACTIVATION_NAMES = { none: "no activation", relu: "ReLU", step: "step" };
  var PADDINGS = ["same", "valid"];
  var PADDING_LABELS = { same: "same (zero padding)", valid: "valid (no padding)" };
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
    return text.replace("-", MINUS);
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

  function paint(canvas, data, H, W, scale) {
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
      if (v !== v) {
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
      { value: "zeros", label: "all zeros", weights: new Float64Array(kh * kw) },
      { value: "ones", label: "all ones", weights: new Float64Array(kh * kw).fill(1) },
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
    smiley: "smiley, 13 \u00d7 13 (the gallery's face)",
    smileys: "four smileys, 13 \u00d7 60 (eyes only, swapped, face, mouth only)",
    shapes: "shapes, 64 \u00d7 96 (the landing page's figure)",
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
      label: "Eyes + mouth = face",
      note:
        "Layer 1 finds eyes (vertical_line) and a mouth (horizontal_line), bias \u22122 and " +
        "ReLU. Layer 2's 7 \u00d7 5 kernel has one slice per channel: 1 where the eyes belong, " +
        "0.5 where the mouth belongs; bias \u221212 and ReLU. Eyes alone bring 8, a mouth " +
        "alone 8: only the whole face clears the bias, with 4 at its centre (row 3, column 4 " +
        "of layer 2's map), a pixel where both layer-1 maps are 0.",
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
      label: "Edge detection (Sobel)",
      note:
        "Layer 1: Sobel kernels in four directions (sobel_x, \u2212sobel_x, sobel_y, " +
        "\u2212sobel_y), each followed by ReLU, so each channel keeps one side of one edge " +
        "direction, graded by contrast; padding \u201cvalid\u201d, so the frame makes no " +
        "false edges. Layer 2 adds the four channels (a 1 \u00d7 1 kernel of ones): " +
        "relu(g) + relu(\u2212g) = |g|, so it answers |gx| + |gy|, edges of any direction, a " +
        "feature no single channel holds. Choose the step for layer 1 and it cannot.",
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
      label: "Linear collapse (no activation)",
      note:
        "No activation anywhere: layer 1's Sobel maps, read by layer 2's Sobel slices, add " +
        "up to one 5 \u00d7 5 convolution of the image (shown below layer 2's map). Two " +
        "linear layers find nothing one layer could not; choose ReLU for layer 1 and the " +
        "equality breaks.",
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
      label: "Corners from edges",
      note:
        "The landing page's network. Layer 1: Sobel in four directions with ReLU. Layer 2: " +
        "one 9 \u00d7 9 kernel reading two channels, \u201cleft edge below me\u201d and \u201ctop " +
        "edge to my right\u201d minus the same edges continuing past me, bias \u221214 and " +
        "ReLU: top-left corners, a feature in none of layer 1's maps.",
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
    this.error = null;
    this.pending = false;
    this.cursor = null; // {stage: "input"|"layer1"|"layer2", channel, row, col}
    this.views = {};
    this.busy = Promise.resolve(); // the latest change of image (photos load on demand)
    this.build();
  }

  Playground.prototype.build = function () {
    var self = this;
    var root = this.root;
    root.textContent = "";
    root.classList.add("cdp");

    // Presets
    var presetButtons = PRESET_ORDER.map(function (name) {
      return el("button", {
        type: "button",
        className: "cdp-button",
        "data-preset": name,
        "aria-pressed": "false",
        text: PRESETS[name].label,
        onclick: function () {
          self.applyPreset(name);
        },
      });
    });
    this.presetButtons = presetButtons;
    this.presetNote = el("p", { className: "cdp-note", "aria-live": "polite" });
    var presetTitle = nextId("presets");
    root.appendChild(
      el("div", { className: "cdp-presets", role: "group", "aria-labelledby": presetTitle }, [
        el("p", { className: "cdp-group-title", id: presetTitle, text: "Start from a preset" }),
        el("div", { className: "cdp-button-row" }, presetButtons),
        this.presetNote,
      ]),
    );

    // Stages
    this.views.input = this.stage("input", "Input image");
    this.views.layer1 = this.stage("layer1", "Layer 1: several kernels, one map each");
    this.views.layer2 = this.stage("layer2", "Layer 2: one kernel across all layer-1 maps");
    this.status = el("p", { className: "cdp-status", role: "status" });
    root.appendChild(this.status);
    this.buildInputControls();
  };

  Playground.prototype.stage = function (key, title) {
    var id = nextId(key + "-title");
    var controls = el("div", { className: "cdp-controls" });
    var maps = el("div", { className: "cdp-maps" });
    var colorbar = el("div", { className: "cdp-colorbar" });
    var readout = el("p", {
      className: "cdp-readout",
      "aria-live": "polite",
      text: "Point at a map, or focus it and use the arrow keys, to read its numbers.",
    });
    var extra = el("div", { className: "cdp-extra" });
    var section = el("section", { className: "cdp-stage cdp-stage-" + key, "aria-labelledby": id }, [
      el("h2", { id: id, className: "cdp-stage-title", text: title }),
      el("div", { className: "cdp-stage-body" }, [
        controls,
        el("div", { className: "cdp-output" }, [maps, colorbar, readout, extra]),
      ]),
    ]);
    this.root.appendChild(section);
    return { key: key, section: section, controls: controls, maps: maps, colorbar: colorbar,
      readout: readout, extra: extra, figures: [] };
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
      return { value: s.name, label: s.label + " (photo)" };
    });
    var own = [
      { value: "file", label: "your image" + (st.file ? " (" + st.file.name + ")" : ""), disabled: !st.file },
    ];
    if (st.source === "script") own.push({ value: "script", label: "set from JavaScript" });
    var source = select(
      [
        { group: "Drawings", options: drawingOptions },
        { group: "Photographs (scikit-image)", options: photoOptions },
        { group: "Yours", options: own },
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
    view.controls.appendChild(labelled("Image", source));
    view.controls.appendChild(
      labelled(
        "Size (photographs and your image)",
        size,
        el("p", {
          className: "cdp-hint",
          text: photo
            ? "Downscaled for speed; pixel values from 0 (black) to 1 (white)."
            : "Drawings keep their own size: each stroke is one pixel.",
        }),
      ),
    );
    view.controls.appendChild(
      labelled(
        "Or open a picture from your computer",
        file,
        el("p", { className: "cdp-hint", text: "It stays in this browser: nothing is uploaded." }),
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
      this.say("Loading the " + SAMPLE_LABELS[value] + " photograph\u2026");
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
        self.say("That file is not a picture this browser can read.", true);
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
    var options = [{ value: "custom", label: "(your numbers)" }].concat(
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
      "aria-label": opts.legend + ": " + opts.kh + " \u00d7 " + opts.kw + " weights",
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
      "aria-label": "Flip the sign of every weight of " + opts.legend.toLowerCase(),
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
        labelled("Kernel", picker, null, "Kernel of " + opts.legend.toLowerCase()),
        flip,
      ]),
      hint,
      el("div", { className: "cdp-grid-scroll" }, [grid]),
    ];
    if (opts.onbias) {
      children.push(
        labelled(
          "Bias",
          numberInput(opts.bias, null, function (v) {
            opts.onbias(v);
            self.markPreset(null);
            self.schedule();
          }),
          null,
          "Bias of " + opts.legend.toLowerCase(),
        ),
      );
    }
    // As wide as its grid of numbers needs (a 9-column slice gets a row of its own).
    var fieldset = el("fieldset", {
      className: "cdp-kernel",
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
        "Channels",
        select([1, 2, 3, 4].map(function (n) { return { value: n, label: String(n) }; }), l1.kernels.length,
          function (value) { self.setChannels(Number(value)); }),
        null, "Channels of layer 1",
      ),
      labelled(
        "Kernel size",
        select([3, 5].map(function (n) { return { value: n, label: n + " \u00d7 " + n }; }), l1.k,
          function (value) { self.setLayer1Size(Number(value)); }),
        null, "Kernel size of layer 1",
      ),
      labelled(
        "Padding",
        select(PADDINGS.map(function (p) { return { value: p, label: PADDING_LABELS[p] }; }), l1.padding,
          function (value) { l1.padding = value; self.markPreset(null); self.schedule(); }),
        null, "Padding of layer 1",
      ),
      labelled(
        "Activation",
        select(ACTIVATIONS.map(function (a) { return { value: a, label: ACTIVATION_LABELS[a] }; }), l1.activation,
          function (value) { l1.activation = value; self.markPreset(null); self.schedule(); }),
        null, "Activation of layer 1",
      ),
    ]);
    v1.controls.appendChild(row1);
    var cards1 = el("div", { className: "cdp-kernels" });
    l1.kernels.forEach(function (kernel, c) {
      cards1.appendChild(
        self.kernelEditor({
          legend: "Channel " + (c + 1),
          kernel: kernel,
          kh: l1.k,
          kw: l1.k,
          label: function (r, q) {
            return "Layer 1, channel " + (c + 1) + ", weight at row " + r + ", column " + q;
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
        labelled("Kernel rows", select(sizeOptions, l2.kh, function (value) { self.setLayer2Size(Number(value), l2.kw); }),
          null, "Kernel rows of layer 2"),
        labelled("Kernel columns", select(sizeOptions, l2.kw, function (value) { self.setLayer2Size(l2.kh, Number(value)); }),
          null, "Kernel columns of layer 2"),
        labelled(
          "Padding",
          select(PADDINGS.map(function (p) { return { value: p, label: PADDING_LABELS[p] }; }), l2.padding,
            function (value) { l2.padding = value; self.markPreset(null); self.schedule(); }),
          null, "Padding of layer 2",
        ),
        labelled(
          "Activation",
          select(ACTIVATIONS.map(function (a) { return { value: a, label: ACTIVATION_LABELS[a] }; }), l2.activation,
            function (value) { l2.activation = value; self.markPreset(null); self.schedule(); }),
          null, "Activation of layer 2",
        ),
        labelled(
          "Bias",
          numberInput(l2.bias, null, function (v) { l2.bias = v; self.markPreset(null); self.schedule(); }),
          null, "Bias of layer 2",
        ),
      ]),
    );
    // Wide layer-2 kernels get the whole width for their number grids, maps below them.
    v2.section.classList.toggle("cdp-wide", l2.kw > 5);
    var cards2 = el("div", { className: "cdp-kernels" });
    l2.slices.forEach(function (slice, c) {
      cards2.appendChild(
        self.kernelEditor({
          legend: "Slice for channel " + (c + 1),
          kernel: slice,
          kh: l2.kh,
          kw: l2.kw,
          label: function (r, q) {
            return "Layer 2, slice for channel " + (c + 1) + ", weight at row " + r + ", column " + q;
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
    else if (this.presetNote.textContent) this.presetNote.textContent = "Your own network (changed from the preset).";
  };

  Playground.prototype.applyPreset = function (name) {
    var preset = PRESETS[name];
    if (!preset) return Promise.reject(new Error("no preset " + JSON.stringify(name)));
    var p = preset.build();
    var st = this.state;
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
    return this.setSource(p.source);
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

  /* Recompute every map and redraw them; returns the milliseconds it took. */
  Playground.prototype.refresh = function () {
    var start = performance.now();
    this.pending = false;
    if (!this.state.image) return 0;
    try {
      this.result = forward(this.net());
      this.error = null;
    } catch (error) {
      this.result = null;
      this.error = error;
    }
    this.draw();
    return performance.now() - start;
  };

  Playground.prototype.say = function (text, isError) {
    this.status.textContent = text;
    this.status.classList.toggle("cdp-error", !!isError);
  };

  /* CSS pixels per image pixel, the same for every map (so a "valid" map looks smaller):
   * the input at most MAX_DISPLAY wide, and two layer-1 maps side by side when there are two
   * or more. */
  Playground.prototype.unit = function () {
    var img = this.state.image;
    var longest = Math.max(img.H, img.W);
    var avail = this.views.input.maps.clientWidth || MAX_DISPLAY;
    var side = Math.min(MAX_DISPLAY, avail);
    if (this.state.layer1.kernels.length > 1) {
      var gap = parseFloat(getComputedStyle(this.views.layer1.maps).columnGap) || 12;
      var two = ((this.views.layer1.maps.clientWidth || avail) - gap) / 2 - 2;
      side = Math.min(side, Math.max(two * (longest / img.W), 64));
    }
    return side / longest;
  };

  Playground.prototype.figure = function (view, index, caption, H, W) {
    var self = this;
    var fig = view.figures[index];
    if (!fig) {
      var canvas = el("canvas", { tabindex: "0", role: "img", className: "cdp-canvas" });
      var box = el("div", { className: "cdp-box", hidden: true });
      var dot = el("div", { className: "cdp-dot", hidden: true });
      var wrap = el("div", { className: "cdp-canvas-wrap" }, [canvas, box, dot]);
      var cap = el("figcaption");
      var node = el("figure", { className: "cdp-map" }, [wrap, cap]);
      fig = { node: node, canvas: canvas, box: box, dot: dot, wrap: wrap, caption: cap, index: index };
      view.figures[index] = fig;
      view.maps.appendChild(node);
      var pick = function (event) {
        var rect = canvas.getBoundingClientRect();
        var col = Math.floor(((event.clientX - rect.left) / rect.width) * fig.W);
        var row = Math.floor(((event.clientY - rect.top) / rect.height) * fig.H);
        if (row < 0 || col < 0 || row >= fig.H || col >= fig.W) return;
        self.point({ stage: view.key, channel: index, row: row, col: col });
      };
      canvas.addEventListener("pointermove", pick);
      canvas.addEventListener("pointerdown", pick);
      canvas.addEventListener("pointerleave", function (event) {
        if (event.pointerType === "mouse" && document.activeElement !== canvas) self.point(null);
      });
      canvas.addEventListener("focus", function () {
        var c = self.cursor;
        if (!c || c.stage !== view.key || c.channel !== index) {
          self.point({ stage: view.key, channel: index, row: Math.floor(fig.H / 2), col: Math.floor(fig.W / 2) });
        }
      });
      canvas.addEventListener("keydown", function (event) {
        var c = self.cursor;
        if (!c || c.stage !== view.key || c.channel !== index) return;
        var step = event.shiftKey ? 10 : 1;
        var moves = { ArrowUp: [-step, 0], ArrowDown: [step, 0], ArrowLeft: [0, -step], ArrowRight: [0, step] };
        if (event.key === "Escape") {
          self.point(null);
          return;
        }
        var move = moves[event.key];
        if (!move) return;
        event.preventDefault();
        self.point({
          stage: view.key, channel: index,
          row: Math.max(0, Math.min(fig.H - 1, c.row + move[0])),
          col: Math.max(0, Math.min(fig.W - 1, c.col + move[1])),
        });
      });
    }
    fig.H = H;
    fig.W = W;
    fig.caption.textContent = caption;
    var unit = this.unit();
    fig.wrap.style.width = Math.max(1, W * unit).toFixed(1) + "px";
    fig.wrap.style.aspectRatio = W + " / " + H;
    fig.canvas.setAttribute(
      "aria-label",
      caption + ", " + H + " by " + W + " pixels. Arrow keys move a cursor that reads the values.",
    );
    return fig;
  };

  Playground.prototype.trimFigures = function (view, n) {
    while (view.figures.length > n) {
      var fig = view.figures.pop();
      fig.node.remove();
    }
  };

  Playground.prototype.colorbar = function (view, scale, what) {
    var bar = view.colorbar;
    bar.textContent = "";
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
    var ticks = el("div", { className: "cdp-ticks", "aria-hidden": "true" }, [
      el("span", { text: fmt(scale.lo) }),
      el("span", { text: fmt(mid) }),
      el("span", { text: fmt(scale.hi) }),
    ]);
    var words;
    if (scale.name === "gray") {
      words = "Colour scale: 0 (black) to 1 (white), " + what + ".";
    } else if (scale.signed) {
      words = "Colour scale (" + what + "): " + fmt(scale.lo) + " (blue) through 0 (white) to " +
        fmt(scale.hi) + " (red).";
    } else if (scale.flat) {
      words = "Colour scale (" + what + "): every value is 0 (dark purple).";
    } else {
      words = "Colour scale (" + what + "): 0 (dark purple) to " + fmt(scale.hi) + " (yellow).";
    }
    bar.appendChild(el("div", { className: "cdp-bar-wrap" }, [canvas, ticks]));
    bar.appendChild(el("p", { className: "cdp-scale-text", text: words }));
  };

  Playground.prototype.draw = function () {
    var st = this.state;
    var img = st.image;
    var inputView = this.views.input;
    var fig = this.figure(inputView, 0, "input, " + img.H + " \u00d7 " + img.W, img.H, img.W);
    var grayScale = scaleFor([], "image");
    paint(fig.canvas, img.data, img.H, img.W, grayScale);
    this.colorbar(inputView, grayScale, "pixel value");

    var v1 = this.views.layer1;
    var v2 = this.views.layer2;
    var res = this.result;
    if (!res) {
      this.trimFigures(v1, 0);
      this.trimFigures(v2, 0);
      v1.colorbar.textContent = v2.colorbar.textContent = "";
      v2.extra.textContent = "";
      this.say("Nothing to compute: " + (this.error ? this.error.message : "no image") + ".", true);
      return;
    }
    if (this.status.classList.contains("cdp-error")) this.say("");
    var l1 = res.layer1;
    var maps1 = [];
    for (var c = 0; c < l1.C; c++) maps1.push(l1.out.subarray(c * l1.H * l1.W, (c + 1) * l1.H * l1.W));
    var scale1 = scaleFor(maps1, "map");
    this.trimFigures(v1, l1.C);
    for (c = 0; c < l1.C; c++) {
      var choice = matchChoice(kernelChoices(st.layer1.k, st.layer1.k), st.layer1.kernels[c]);
      var name = choice ? choice.label : "your kernel";
      var f = this.figure(v1, c, "channel " + (c + 1) + " (" + name + ")", l1.H, l1.W);
      paint(f.canvas, maps1[c], l1.H, l1.W, scale1);
    }
    this.colorbar(
      v1, scale1,
      (l1.C > 1 ? "shared by the " + l1.C + " channels" : "one channel") + ", after " +
        ACTIVATION_NAMES[st.layer1.activation],
    );

    var l2 = res.layer2;
    var scale2 = scaleFor([l2.out], "map");
    var f2 = this.figure(v2, 0, "layer 2's map, " + l2.H + " \u00d7 " + l2.W, l2.H, l2.W);
    paint(f2.canvas, l2.out, l2.H, l2.W, scale2);
    this.colorbar(
      v2, scale2,
      "after " + ACTIVATION_NAMES[st.layer2.activation],
    );
    this.drawCollapse(res.collapse);
    this.highlight();
  };

  Playground.prototype.drawCollapse = function (info) {
    var extra = this.views.layer2.extra;
    extra.textContent = "";
    if (!info) {
      extra.appendChild(
        el("p", {
          className: "cdp-hint",
          text:
            "With an activation between or after the layers, this network is not one " +
            "convolution: choose \u201cnone\u201d for both layers to see them collapse into one.",
        }),
      );
      return;
    }
    var where =
      info.equal === info.total
        ? "everywhere (largest difference " + fmt(info.maxDifference) + ")"
        : "at " + info.equal + " of " + info.total + " pixels; the others read zero padding, " +
          "which is not the same as padding the image";
    extra.appendChild(
      el("p", {
        className: "cdp-collapse-text",
        text:
          "Both layers are linear, so they are one convolution: layer 2's map equals the " +
          "image convolved with this " + info.H + " \u00d7 " + info.W + " kernel plus a bias of " +
          fmt(info.bias) + ", " + where + ".",
      }),
    );
    var table = el("table", { className: "cdp-table" });
    table.appendChild(el("caption", { text: "The one equivalent kernel (" + info.H + " \u00d7 " + info.W + ")" }));
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

  // ---- pointing: values and receptive fields

  Playground.prototype.point = function (cursor) {
    this.cursor = cursor;
    this.highlight();
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

  function span(range) {
    return range[0] === range[1] ? String(range[0]) : range[0] + "\u2013" + range[1];
  }

  Playground.prototype.highlight = function () {
    var self = this;
    var all = [];
    ["input", "layer1", "layer2"].forEach(function (key) {
      self.views[key].figures.forEach(function (fig) {
        fig.box.hidden = true;
        fig.dot.hidden = true;
        all.push(fig);
      });
    });
    var cur = this.cursor;
    var res = this.result;
    var st = this.state;
    var hint = "Point at a map, or focus it and use the arrow keys, to read its numbers.";
    ["input", "layer1", "layer2"].forEach(function (key) {
      if (!cur || cur.stage !== key) self.views[key].readout.textContent = hint;
    });
    if (!cur || !res) return;
    var view = this.views[cur.stage];
    var fig = view.figures[cur.channel];
    if (!fig || cur.row >= fig.H || cur.col >= fig.W) {
      this.cursor = null;
      return;
    }
    place(fig.dot, fig, cur.row, cur.row, cur.col, cur.col);
    var l1 = res.layer1;
    var l2 = res.layer2;
    var k1 = st.layer1.k;
    var inputFig = this.views.input.figures[0];
    var text;
    var at = "row " + cur.row + ", column " + cur.col;
    if (cur.stage === "input") {
      text = "Input, " + at + ": " + fmt(st.image.data[cur.row * st.image.W + cur.col]) + ".";
    } else if (cur.stage === "layer1") {
      var k = cur.row * l1.W + cur.col;
      var parts = [];
      for (var c = 0; c < l1.C; c++) {
        var o = l1.out[c * l1.H * l1.W + k];
        var p = l1.pre[c * l1.H * l1.W + k];
        parts.push(
          "channel " + (c + 1) + " = " + fmt(o) +
            (st.layer1.activation === "none" ? "" : " (" + fmt(p) + " before " + ACTIVATION_NAMES[st.layer1.activation] + ")"),
        );
      }
      var r0 = cur.row - l1.pads.top;
      var c0 = cur.col - l1.pads.left;
      var box = place(inputFig.box, inputFig, r0, r0 + k1 - 1, c0, c0 + k1 - 1);
      this.views.layer1.figures.forEach(function (f) {
        if (f !== fig) place(f.dot, f, cur.row, cur.row, cur.col, cur.col);
      });
      text =
        "Layer 1, " + at + ": " + parts.join("; ") + ". Reads input rows " +
        (box ? span(box.rows) + ", columns " + span(box.cols) : "(padding only)") +
        (box && (box.rows[1] - box.rows[0] + 1 < k1 || box.cols[1] - box.cols[0] + 1 < k1) ? " and zero padding" : "") + ".";
    } else {
      var kh = st.layer2.kh;
      var kw = st.layer2.kw;
      var idx = cur.row * l2.W + cur.col;
      var y0 = cur.row - l2.pads.top;
      var x0 = cur.col - l2.pads.left;
      var contributions = [];
      for (var m = 0; m < l1.C; m++) {
        var sum = 0;
        for (var i = 0; i < kh; i++) {
          for (var j = 0; j < kw; j++) {
            var y = y0 + i;
            var x = x0 + j;
            if (y < 0 || x < 0 || y >= l1.H || x >= l1.W) continue;
            sum += st.layer2.slices[m][i * kw + j] * l1.out[(m * l1.H + y) * l1.W + x];
          }
        }
        contributions.push(sum);
      }
      var box1 = null;
      this.views.layer1.figures.forEach(function (f) {
        box1 = place(f.box, f, y0, y0 + kh - 1, x0, x0 + kw - 1);
      });
      var iy = y0 - l1.pads.top;
      var ix = x0 - l1.pads.left;
      var box0 = place(inputFig.box, inputFig, iy, iy + kh + k1 - 2, ix, ix + kw + k1 - 2);
      var sumText = contributions
        .map(function (v, n) { return fmt(v) + " (channel " + (n + 1) + ")"; })
        .join(" + ");
      text =
        "Layer 2, " + at + ": " + fmt(l2.out[idx]) +
        (st.layer2.activation === "none" ? "" : " (" + fmt(l2.pre[idx]) + " before " + ACTIVATION_NAMES[st.layer2.activation] + ")") +
        ". Sum: " + sumText + " + " + fmt(st.layer2.bias) + " (bias). Reads layer-1 rows " +
        (box1 ? span(box1.rows) + ", columns " + span(box1.cols) : "(padding only)") +
        " of every channel; input rows " + (box0 ? span(box0.rows) + ", columns " + span(box0.cols) : "(padding only)") + ".";
    }
    view.readout.textContent = text;
  };

  // ------------------------------------------------------------------------- start

  var api = {
    compute: compute,
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
    /* Point at a pixel as the mouse would ({stage, channel, row, col}, or null); the readout. */
    api.point = function (cursor) {
      pg.point(cursor || null);
      return cursor ? pg.views[cursor.stage].readout.textContent : "";
    };
    api.ready = pg.applyPreset("face").then(function () { return true; });
    var resizeTimer = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(resizeTimer);
      resizeTimer = window.setTimeout(function () { if (pg.result) pg.draw(); }, 100);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
