/* convdemo "Draw a digit": the site's trained digits network in the browser, plain JavaScript.
 *
 * The network, its layers, the preprocessing and 300 held-out digits come from
 * digits_network.js (window.convdemoDigitsNetwork), which the site build writes from
 * convdemo.trained_digits_cnn() (convdemo/site/digits_network.py). The arithmetic is
 * convdemo's, in float64:
 *   conv2d   cross-correlation (kernel not flipped), no padding, stride 1: for each output
 *            cell, each input channel's window times its kernel slice summed (the channel's
 *            partial sum), the partial sums added, then the bias;
 *   relu     x < 0 ? 0 : x;  maxpool  the largest of each 2 x 2 block;
 *   flatten  channel, row, column order;  linear  bias + weights . features.
 *
 * A drawing is preprocessed like the training digits: the ink's bounding box scaled so its
 * larger side is `preprocessing.box` pixels, moved so its centre of mass is at
 * `preprocessing.centreOfMass`, each pixel the mean ink over its area, as k / 255.
 *
 * window.convdemoDraw is the page's programmatic face (the browser tests use it):
 *   ready, layers, digits (count, labels), input() (784 numbers), trace() (every layer's
 *   output, flat, as convdemo.Stack.trace), forward(input) (a trace, no page involved),
 *   setInput(values), pickDigit(n), digitPixels(n), predictAll(), explain(cell), select(cell),
 *   selected(), clear(), undo(), strokes(), timings (pointer event -> painted frame, ms).
 * A cell: {stage: "input"|"layer1"|"pool1"|"layer2"|"pool2"|"scores", channel, row, col}.
 */
(function () {
  "use strict";

  var DATA = window.convdemoDigitsNetwork;
  /* The page's interface strings in the build's language (strings.js, written by
   * docs/_ext/draw_data.py): T and prose from ../convdemo-strings.js. */
  var STRINGS = window.convdemoStrings(window.convdemoDrawStrings);
  var T = STRINGS.T;
  var prose = STRINGS.prose;
  var MINUS = "\u2212";
  var SOURCE = 280; // the drawing's own resolution (10 x 28)
  var BRUSH = 22; // stroke width in SOURCE pixels
  var TOP_FEATURES = 8; // contributions listed for a class score

  // ------------------------------------------------------------------------- data

  function float64(b64) {
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var k = 0; k < bin.length; k++) bytes[k] = bin.charCodeAt(k);
    var view = new DataView(bytes.buffer);
    var out = new Float64Array(bytes.length / 8);
    for (var n = 0; n < out.length; n++) out[n] = view.getFloat64(8 * n, true);
    return out;
  }

  function decodeDigits(b64, count) {
    var bin = atob(b64);
    var out = new Uint8Array(count * 784);
    var at = 0;
    for (var n = 0; n < count; n++) {
      var i = 0;
      while (i < 784) {
        var zeros = bin.charCodeAt(at);
        var literal = bin.charCodeAt(at + 1);
        at += 2;
        i += zeros;
        for (var k = 0; k < literal; k++) out[n * 784 + i + k] = bin.charCodeAt(at + k);
        at += literal;
        i += literal;
      }
    }
    return out;
  }

  var LAYERS = DATA.layers.map(function (layer) {
    var copy = {};
    Object.keys(layer).forEach(function (key) { copy[key] = layer[key]; });
    if (layer.weight) {
      copy.weight = float64(layer.weight);
      copy.bias = float64(layer.bias);
    }
    return copy;
  });
  var PRE = DATA.preprocessing;
  var DIGITS = decodeDigits(DATA.digits.rle, DATA.digits.count);
  var LABELS = DATA.digits.labels;
  var CONVS = LAYERS.filter(function (l) { return l.type === "conv2d"; });
  var LINEAR = LAYERS.filter(function (l) { return l.type === "linear"; })[0];
  // Which output of the trace each stage shows (after the ReLU for the convolutions).
  var STAGE_INDEX = { layer1: 1, pool1: 2, layer2: 4, pool2: 5, scores: 7 };

  // ------------------------------------------------------------------------- arithmetic

  function conv(x, layer) {
    var C = layer.inputShape[0], H = layer.inputShape[1], W = layer.inputShape[2];
    var O = layer.shape[0], kh = layer.shape[2], kw = layer.shape[3];
    var OH = H - kh + 1, OW = W - kw + 1;
    var w = layer.weight, b = layer.bias;
    var out = new Float64Array(O * OH * OW);
    for (var o = 0; o < O; o++) {
      for (var i = 0; i < OH; i++) {
        for (var j = 0; j < OW; j++) {
          var total = 0;
          for (var c = 0; c < C; c++) {
            var part = 0;
            var wo = ((o * C + c) * kh) * kw;
            var xo = c * H * W;
            for (var di = 0; di < kh; di++) {
              var xr = xo + (i + di) * W + j;
              var wr = wo + di * kw;
              for (var dj = 0; dj < kw; dj++) part += x[xr + dj] * w[wr + dj];
            }
            total += part;
          }
          out[(o * OH + i) * OW + j] = total + b[o];
        }
      }
    }
    return out;
  }

  function relu(x) {
    var out = new Float64Array(x.length);
    for (var k = 0; k < x.length; k++) out[k] = x[k] < 0 ? 0 : x[k];
    return out;
  }

  function maxpool(x, layer) {
    var C = layer.inputShape[0], H = layer.inputShape[1], W = layer.inputShape[2];
    var s = layer.size, OH = Math.floor(H / s), OW = Math.floor(W / s);
    var out = new Float64Array(C * OH * OW);
    for (var c = 0; c < C; c++) {
      for (var i = 0; i < OH; i++) {
        for (var j = 0; j < OW; j++) {
          var best = -Infinity;
          for (var di = 0; di < s; di++) {
            for (var dj = 0; dj < s; dj++) {
              var v = x[(c * H + i * s + di) * W + j * s + dj];
              if (v > best) best = v;
            }
          }
          out[(c * OH + i) * OW + j] = best;
        }
      }
    }
    return out;
  }

  function linear(x, layer) {
    var O = layer.shape[0], F = layer.shape[1];
    var out = new Float64Array(O);
    for (var o = 0; o < O; o++) {
      var total = 0;
      for (var f = 0; f < F; f++) total += layer.weight[o * F + f] * x[f];
      out[o] = total + layer.bias[o];
    }
    return out;
  }

  /* Every layer's output for one 28 x 28 input (784 numbers), as convdemo.Stack.trace. */
  function forward(input) {
    var x = input instanceof Float64Array ? input : Float64Array.from(input);
    return LAYERS.map(function (layer) {
      if (layer.type === "conv2d") x = conv(x, layer);
      else if (layer.type === "relu") x = relu(x);
      else if (layer.type === "maxpool") x = maxpool(x, layer);
      else if (layer.type === "linear") x = linear(x, layer);
      return x; // flatten: the same numbers
    });
  }

  function argmax(values) {
    var best = 0;
    for (var k = 1; k < values.length; k++) if (values[k] > values[best]) best = k;
    return best;
  }

  function digitInput(n) {
    var out = new Float64Array(784);
    for (var k = 0; k < 784; k++) out[k] = DIGITS[n * 784 + k] / 255;
    return out;
  }

  // ------------------------------------------------------------------------- preprocessing

  /* The drawing's ink (SOURCE x SOURCE alpha bytes) made like a training digit. */
  function preprocess(alpha) {
    var N = SOURCE;
    var out = new Float64Array(784);
    var top = N, bottom = -1, left = N, right = -1, mass = 0, my = 0, mx = 0;
    var sat = new Float64Array((N + 1) * (N + 1)); // summed-area table
    for (var y = 0; y < N; y++) {
      var rowSum = 0;
      for (var x = 0; x < N; x++) {
        var a = alpha[y * N + x];
        rowSum += a;
        sat[(y + 1) * (N + 1) + x + 1] = sat[y * (N + 1) + x + 1] + rowSum;
        if (a > 0) {
          if (y < top) top = y;
          if (y > bottom) bottom = y;
          if (x < left) left = x;
          if (x > right) right = x;
          mass += a;
          my += a * y;
          mx += a * x;
        }
      }
    }
    if (bottom < 0) return out;
    var side = Math.max(bottom - top + 1, right - left + 1);
    var s = PRE.box / side; // output pixels per source pixel
    var cy = my / mass, cx = mx / mass;
    var half = 0.5 / s;
    var area = (2 * half) * (2 * half);
    for (var i = 0; i < 28; i++) {
      var sy = cy + 0.5 + (i - PRE.centreOfMass[0]) / s;
      var y0 = Math.max(0, Math.min(N, Math.round(sy - half)));
      var y1 = Math.max(0, Math.min(N, Math.round(sy + half)));
      for (var j = 0; j < 28; j++) {
        var sx = cx + 0.5 + (j - PRE.centreOfMass[1]) / s;
        var x0 = Math.max(0, Math.min(N, Math.round(sx - half)));
        var x1 = Math.max(0, Math.min(N, Math.round(sx + half)));
        var sum = sat[y1 * (N + 1) + x1] - sat[y0 * (N + 1) + x1] - sat[y1 * (N + 1) + x0] + sat[y0 * (N + 1) + x0];
        var v = Math.min(255, Math.round(sum / Math.max(area, 1)));
        out[i * 28 + j] = v / 255;
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------- formatting, colour

  function fmt(value) {
    if (value === 0) return "0";
    var abs = Math.abs(value);
    var text = abs >= 1e4 || abs < 1e-3 ? value.toExponential(2).replace("e+", "e") : String(parseFloat(value.toPrecision(3)));
    return prose(text.replace("-", MINUS));
  }

  /* Two significant digits: a grid cell (its title and the readout give all of them). */
  function fmtCell(value) {
    if (value === 0) return "0";
    var abs = Math.abs(value);
    var text = abs < 0.01 ? (abs < 0.0005 ? "0.000" : value.toFixed(3)) : String(parseFloat(value.toPrecision(2)));
    if (abs < 0.0005) text = value < 0 ? "-0.000" : "0.000";
    return prose(text.replace("-", MINUS));
  }

  function lut(hex) {
    var table = new Uint8ClampedArray(256 * 3);
    for (var k = 0; k < 256 * 3; k++) table[k] = parseInt(hex.substr(2 * k, 2), 16);
    return table;
  }
  var VIRIDIS = lut(DATA.colormaps.viridis);
  var RDBU = lut(DATA.colormaps.RdBu_r);
  var INK = (function () {
    var table = new Uint8ClampedArray(256 * 3);
    for (var k = 0; k < 256; k++) table[3 * k] = table[3 * k + 1] = table[3 * k + 2] = 255 - k;
    return table;
  })();

  function colourIndex(v, lo, hi) {
    var t = (v - lo) / (hi - lo || 1);
    return t <= 0 ? 0 : t >= 1 ? 255 : Math.round(t * 255);
  }

  function rgb(table, index) {
    return [table[3 * index], table[3 * index + 1], table[3 * index + 2]];
  }

  function luminance(c) {
    var l = c.map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  }

  /* Background and the text colour (black or white) that reads best on it (>= 4.5:1). */
  function cellStyle(table, index) {
    var c = rgb(table, index);
    var L = luminance(c);
    var text = (L + 0.05) / 0.05 >= 1.05 / (L + 0.05) ? "#000" : "#fff";
    return "background:rgb(" + c.join(",") + ");color:" + text;
  }

  function paint(canvas, data, offset, H, W, table, lo, hi) {
    if (canvas.width !== W) canvas.width = W;
    if (canvas.height !== H) canvas.height = H;
    var ctx = canvas.getContext("2d");
    var image = ctx.createImageData(W, H);
    var px = image.data;
    for (var k = 0; k < H * W; k++) {
      var index = colourIndex(data[offset + k], lo, hi);
      px[4 * k] = table[3 * index];
      px[4 * k + 1] = table[3 * index + 1];
      px[4 * k + 2] = table[3 * index + 2];
      px[4 * k + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }

  function maxOf(values) {
    var m = 0;
    for (var k = 0; k < values.length; k++) if (values[k] > m) m = values[k];
    return m;
  }

  // ------------------------------------------------------------------------- DOM helpers

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

  /* A small grid of numbers, each cell coloured (title: the unrounded value). */
  function numberGrid(values, H, W, table, lo, hi, label, extraClass) {
    var grid = el("div", { className: "cdd-grid " + (extraClass || ""), role: "table", "aria-label": label, style: "grid-template-columns:repeat(" + W + ",auto)" });
    for (var i = 0; i < H; i++) {
      var row = el("div", { role: "row", className: "cdd-grid-row" });
      for (var j = 0; j < W; j++) {
        var v = values[i * W + j];
        row.appendChild(el("span", { role: "cell", className: "cdd-num", style: cellStyle(table, colourIndex(v, lo, hi)), title: String(v), "data-value": String(v), text: fmtCell(v) }));
      }
      grid.appendChild(row);
    }
    return grid;
  }

  var STAGES = [
    { key: "layer1", title: T("Layer 1: conv 5\u00d75 + ReLU"), scale: 3 },
    { key: "pool1", title: T("Max-pool 2\u00d72"), scale: 4 },
    { key: "layer2", title: T("Layer 2: conv 3\u00d73\u00d78 + ReLU"), scale: 4 },
    { key: "pool2", title: T("Max-pool 2\u00d72"), scale: 6 }
  ];

  /* A stage's name inside a sentence. */
  var STAGE_WORDS = {
    input: T("input"), layer1: T("layer 1"), pool1: T("pooled layer 1"), layer2: T("layer 2"), pool2: T("pooled layer 2"),
  };

  // ------------------------------------------------------------------------- the page

  function Page(root) {
    this.root = root;
    this.strokesList = []; // each: array of [x, y] in SOURCE pixels
    this.digit = null; // index of a picked test digit, or null for the drawing
    this.inputValues = new Float64Array(784);
    this.result = forward(this.inputValues);
    this.cell = null;
    this.cursor = { row: 14, col: 14, down: false };
    this.pending = null;
    this.timings = []; // ms from a pointer event to the painted frame that answers it
    this.phases = []; // the same, in parts: waiting for the frame, computing, painting
    this.build();
    this.pickDigit(0);
  }

  Page.prototype.build = function () {
    var self = this;
    this.ink = document.createElement("canvas");
    this.ink.width = this.ink.height = SOURCE;
    this.inkCtx = this.ink.getContext("2d", { willReadFrequently: true });

    // Drawing pad and its controls.
    this.pad = el("canvas", {
      className: "cdd-pad", width: SOURCE, height: SOURCE, tabindex: "0", role: "application",
      "aria-label": T("Drawing pad, 28 by 28. Draw with the mouse, a pen or a finger. With the keyboard: arrow keys move the pen, Space lifts or lowers it, Backspace undoes the last stroke, Delete clears."),
      "aria-describedby": "cdd-pad-status"
    });
    this.padStatus = el("p", { id: "cdd-pad-status", className: "cdd-note", "aria-live": "polite", text: "" });
    this.bindPad();
    var undo = el("button", { type: "button", className: "cdd-button", text: T("Undo"), onclick: function () { self.undo(); } });
    var clear = el("button", { type: "button", className: "cdd-button", text: T("Clear"), onclick: function () { self.clear(); } });
    this.picker = el("select", { id: "cdd-picker", className: "cdd-select", onchange: function () { if (self.picker.value === "") self.clear(); else self.pickDigit(Number(self.picker.value)); } });
    this.picker.appendChild(el("option", { value: "", text: T("(your drawing)") }));
    for (var d = 0; d < 10; d++) {
      var group = el("optgroup", { label: T("Held-out {digit}s", { digit: d }) });
      LABELS.forEach(function (label, n) {
        if (label === d) group.appendChild(el("option", { value: String(n), text: T("a {digit} (held-out #{number})", { digit: label, number: DATA.digits.heldOutIndex[n] }) }));
      });
      this.picker.appendChild(group);
    }
    var next = el("button", { type: "button", className: "cdd-button", text: T("Next test digit"), onclick: function () { self.pickDigit(((self.digit === null ? -1 : self.digit) + 1) % LABELS.length); } });
    this.inputCanvas = el("canvas", { className: "cdd-map cdd-input", width: 28, height: 28, tabindex: "0", role: "img", "data-stage": "input", "data-channel": "0" });
    this.bindMap(this.inputCanvas, "input", 0, 28, 28);
    var drawSection = el("section", { className: "cdd-stage cdd-draw", "aria-labelledby": "cdd-h-draw" }, [
      el("h2", { id: "cdd-h-draw", className: "cdd-stage-title", text: T("Your digit") }),
      this.pad,
      el("div", { className: "cdd-buttons" }, [undo, clear]),
      el("label", { for: "cdd-picker", className: "cdd-label", text: T("Or pick a held-out test digit") }),
      el("div", { className: "cdd-buttons" }, [this.picker, next]),
      this.padStatus,
      el("h3", { className: "cdd-sub", text: T("Input, 28\u00d728 (as the training digits)") }),
      el("div", { className: "cdd-maps" }, [el("figure", { className: "cdd-fig" }, [this.inputCanvas])])
    ]);

    // The layers' maps.
    this.mapCanvases = {};
    this.stageScaleText = {};
    var stageSections = STAGES.map(function (stage) {
      var layer = LAYERS[STAGE_INDEX[stage.key]];
      var C = layer.outputShape[0], H = layer.outputShape[1], W = layer.outputShape[2];
      var maps = el("div", { className: "cdd-maps cdd-maps-" + stage.key });
      self.mapCanvases[stage.key] = [];
      for (var c = 0; c < C; c++) {
        var canvas = el("canvas", {
          className: "cdd-map", width: W, height: H, tabindex: c === 0 ? "0" : "-1", role: "img",
          "aria-label": T("{stage}, channel {channel}", { stage: stage.title, channel: c }),
          "data-stage": stage.key, "data-channel": String(c),
          style: "width:" + W * stage.scale + "px;height:" + H * stage.scale + "px"
        });
        self.bindMap(canvas, stage.key, c, H, W);
        self.mapCanvases[stage.key].push(canvas);
        var wrap = el("div", { className: "cdd-map-wrap" }, [canvas]);
        maps.appendChild(el("figure", { className: "cdd-fig" }, [wrap, el("figcaption", { text: T("ch {channel}", { channel: c }) })]));
      }
      var scaleText = el("p", { className: "cdd-scale" });
      self.stageScaleText[stage.key] = scaleText;
      var id = "cdd-h-" + stage.key;
      return el("section", { className: "cdd-stage cdd-" + stage.key, "aria-labelledby": id }, [
        el("h2", { id: id, className: "cdd-stage-title", text: stage.title }),
        el("p", { className: "cdd-shape", text: T("{count} maps, {height}\u00d7{width}", { count: C, height: H, width: W }) }),
        maps,
        scaleText
      ]);
    });

    // Class scores.
    this.bars = [];
    var list = el("div", { className: "cdd-bars", role: "list" });
    for (var k = 0; k < LINEAR.shape[0]; k++) {
      (function (k) {
        var bar = el("span", { className: "cdd-bar" });
        var value = el("span", { className: "cdd-bar-value" });
        var button = el("button", {
          type: "button", className: "cdd-score", role: "listitem", "data-stage": "scores", "data-channel": String(k),
          onclick: function () { self.select({ stage: "scores", channel: k, row: 0, col: 0 }); },
          onmouseenter: function () { self.hover({ stage: "scores", channel: k, row: 0, col: 0 }); },
          onfocus: function () { self.hover({ stage: "scores", channel: k, row: 0, col: 0 }); }
        }, [el("span", { className: "cdd-bar-label", text: String(k) }), el("span", { className: "cdd-bar-track" }, [bar]), value]);
        self.bars.push({ button: button, bar: bar, value: value });
        list.appendChild(button);
      })(k);
    }
    this.prediction = el("p", { className: "cdd-prediction" }); // announced through the pad's status
    var scores = el("section", { className: "cdd-stage cdd-scores", "aria-labelledby": "cdd-h-scores" }, [
      el("h2", { id: "cdd-h-scores", className: "cdd-stage-title", text: T("Class scores") }),
      el("p", { className: "cdd-shape", text: T("Linear 400\u219210 on the pooled layer-2 maps") }),
      this.prediction,
      list
    ]);

    this.readout = el("p", { className: "cdd-readout", text: T("Hover over or focus any number to read it; click it (or press Enter) to open it into its parts.") });
    this.detail = el("div", { className: "cdd-detail", id: "cdd-detail", tabindex: "-1" });
    this.detailLive = el("p", { className: "cdd-sr", "aria-live": "polite", "aria-atomic": "true" });
    var net = el("div", { className: "cdd-net" }, [drawSection, stageSections[0], stageSections[1], stageSections[2], stageSections[3], scores]);
    this.root.textContent = "";
    this.root.appendChild(net);
    this.root.appendChild(this.readout);
    this.root.appendChild(this.detailLive);
    this.root.appendChild(el("section", { className: "cdd-explain", "aria-labelledby": "cdd-h-detail" }, [
      el("h2", { id: "cdd-h-detail", className: "cdd-stage-title", text: T("One number, opened") }),
      this.detail
    ]));
  };

  // --- drawing

  Page.prototype.padPoint = function (event) {
    var rect = this.pad.getBoundingClientRect();
    return [(event.clientX - rect.left) / rect.width * SOURCE, (event.clientY - rect.top) / rect.height * SOURCE];
  };

  Page.prototype.bindPad = function () {
    var self = this;
    var active = null;
    this.pad.addEventListener("pointerdown", function (event) {
      if (event.button !== 0 && event.pointerType === "mouse") return;
      event.preventDefault();
      self.pad.focus({ preventScroll: true });
      try { self.pad.setPointerCapture(event.pointerId); } catch (e) { /* synthetic events */ }
      active = event.pointerId;
      self.startStroke(self.padPoint(event));
      self.schedule(event.timeStamp);
    });
    this.pad.addEventListener("pointermove", function (event) {
      if (active !== event.pointerId) return;
      var events = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
      if (!events.length) events = [event];
      events.forEach(function (e) { self.extendStroke(self.padPoint(e)); });
      self.schedule(event.timeStamp);
    });
    function end(event) {
      if (active !== event.pointerId) return;
      active = null;
      self.update();
      self.status(T("Stroke {number} drawn.", { number: self.strokesList.length }) + " " + self.prediction.textContent);
    }
    this.pad.addEventListener("pointerup", end);
    this.pad.addEventListener("pointercancel", end);
    this.pad.addEventListener("keydown", function (event) { self.padKey(event); });
    this.pad.addEventListener("focus", function () { self.renderPad(); });
    this.pad.addEventListener("blur", function () { self.renderPad(); });
  };

  Page.prototype.leaveDigit = function () {
    if (this.digit === null) return;
    this.digit = null;
    this.picker.value = "";
    this.strokesList = [];
    this.inkCtx.clearRect(0, 0, SOURCE, SOURCE);
  };

  Page.prototype.startStroke = function (point) {
    this.leaveDigit();
    this.strokesList.push([point]);
    this.inkSegment(point, point);
  };

  Page.prototype.extendStroke = function (point) {
    var stroke = this.strokesList[this.strokesList.length - 1];
    if (!stroke) return;
    var last = stroke[stroke.length - 1];
    stroke.push(point);
    this.inkSegment(last, point);
  };

  Page.prototype.inkSegment = function (a, b) {
    var ctx = this.inkCtx;
    ctx.strokeStyle = "#000";
    ctx.lineWidth = BRUSH;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(a[0], a[1]);
    ctx.lineTo(b[0], b[1]);
    ctx.stroke();
  };

  Page.prototype.redrawInk = function () {
    var self = this;
    this.inkCtx.clearRect(0, 0, SOURCE, SOURCE);
    this.strokesList.forEach(function (stroke) {
      for (var k = 0; k < stroke.length; k++) self.inkSegment(stroke[Math.max(0, k - 1)], stroke[k]);
    });
  };

  Page.prototype.undo = function () {
    if (this.digit !== null) { this.clear(); return; }
    this.strokesList.pop();
    this.redrawInk();
    this.update();
    this.status((this.strokesList.length ? T("Last stroke undone.") : T("Nothing drawn.")) + " " + this.prediction.textContent);
  };

  Page.prototype.clear = function () {
    this.digit = null;
    this.picker.value = "";
    this.strokesList = [];
    this.inkCtx.clearRect(0, 0, SOURCE, SOURCE);
    this.status(T("Cleared."));
    this.update();
  };

  Page.prototype.status = function (text) {
    this.padStatus.textContent = text;
  };

  Page.prototype.padKey = function (event) {
    var c = this.cursor;
    var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (moves[event.key]) {
      event.preventDefault();
      var step = event.shiftKey ? 3 : 1;
      c.row = Math.max(0, Math.min(27, c.row + moves[event.key][0] * step));
      c.col = Math.max(0, Math.min(27, c.col + moves[event.key][1] * step));
      if (c.down) this.extendStroke(this.cursorPoint());
      this.status(c.down ? T("Drawing at row {row}, column {col}.", c) : T("Pen up at row {row}, column {col}.", c));
      this.schedule(event.timeStamp);
    } else if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      c.down = !c.down;
      if (c.down) this.startStroke(this.cursorPoint());
      this.update();
      this.status(c.down ? T("Pen down at row {row}, column {col}.", c) : T("Pen up at row {row}, column {col}.", c) + " " + this.prediction.textContent);
    } else if (event.key === "Backspace" || ((event.ctrlKey || event.metaKey) && event.key === "z")) {
      event.preventDefault();
      c.down = false;
      this.undo();
    } else if (event.key === "Delete" || event.key === "Escape") {
      event.preventDefault();
      c.down = false;
      this.clear();
    }
  };

  Page.prototype.cursorPoint = function () {
    var cell = SOURCE / 28;
    return [(this.cursor.col + 0.5) * cell, (this.cursor.row + 0.5) * cell];
  };

  Page.prototype.pickDigit = function (n) {
    this.digit = n;
    this.strokesList = [];
    this.inkCtx.clearRect(0, 0, SOURCE, SOURCE);
    this.picker.value = String(n);
    this.update();
    this.status(T("Held-out digit #{number}, labelled {digit}.", { number: DATA.digits.heldOutIndex[n], digit: LABELS[n] }) + " " + this.prediction.textContent + " " + T("Draw to replace it."));
  };

  Page.prototype.setInput = function (values) {
    this.digit = null;
    this.picker.value = "";
    this.strokesList = [];
    this.inkCtx.clearRect(0, 0, SOURCE, SOURCE);
    this.fixedInput = Float64Array.from(values);
    this.update();
    this.fixedInput = null;
  };

  /* Coalesce pointer events into one update per animation frame; time each from the
   * first event it answers to the frame that shows it painted. */
  Page.prototype.schedule = function (eventTime) {
    var self = this;
    if (this.pending !== null) return;
    this.pending = eventTime;
    requestAnimationFrame(function () {
      var since = self.pending;
      var frame = performance.now();
      self.pending = null;
      self.update();
      var work = performance.now();
      var channel = new MessageChannel(); // runs after this frame is painted
      channel.port1.onmessage = function () {
        var end = performance.now();
        self.timings.push(end - since);
        self.phases.push({ wait: frame - since, update: work - frame, paint: end - work });
        if (self.timings.length > 500) { self.timings.shift(); self.phases.shift(); }
      };
      channel.port2.postMessage(0);
    });
  };

  // --- computing and showing

  Page.prototype.update = function () {
    if (this.fixedInput) this.inputValues = this.fixedInput;
    else if (this.digit !== null) this.inputValues = digitInput(this.digit);
    else this.inputValues = preprocess(this.alpha());
    this.result = forward(this.inputValues);
    this.render();
  };

  Page.prototype.alpha = function () {
    var data = this.inkCtx.getImageData(0, 0, SOURCE, SOURCE).data;
    var out = new Uint8ClampedArray(SOURCE * SOURCE);
    for (var k = 0; k < out.length; k++) out[k] = data[4 * k + 3];
    return out;
  };

  Page.prototype.renderPad = function () {
    var ctx = this.pad.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, SOURCE, SOURCE);
    if (this.digit !== null) {
      ctx.imageSmoothingEnabled = false;
      var tmp = document.createElement("canvas");
      paint(tmp, this.inputValues, 0, 28, 28, INK, 0, 1);
      ctx.drawImage(tmp, 0, 0, SOURCE, SOURCE);
    } else {
      ctx.drawImage(this.ink, 0, 0);
    }
    ctx.strokeStyle = "rgba(0,0,0,0.08)";
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (var k = 1; k < 28; k++) {
      var p = k * 10 + 0.5;
      ctx.moveTo(p, 0); ctx.lineTo(p, SOURCE);
      ctx.moveTo(0, p); ctx.lineTo(SOURCE, p);
    }
    ctx.stroke();
    if (document.activeElement === this.pad) {
      ctx.strokeStyle = this.cursor.down ? "#d55e00" : "#0072b2";
      ctx.lineWidth = 3;
      ctx.strokeRect(this.cursor.col * 10 + 1.5, this.cursor.row * 10 + 1.5, 7, 7);
    }
  };

  Page.prototype.render = function () {
    var self = this;
    var r = this.result;
    var labels = [];
    this.renderPad();
    paint(this.inputCanvas, this.inputValues, 0, 28, 28, INK, 0, 1);
    this.inputCanvas.setAttribute("aria-label", this.digit === null
      ? T("The input, 28 by 28: ink from 0 (white) to 1 (black); your drawing, preprocessed.")
      : T("The input, 28 by 28: ink from 0 (white) to 1 (black); held-out digit #{number}.", { number: DATA.digits.heldOutIndex[this.digit] }));
    [["layer1", "pool1"], ["layer2", "pool2"]].forEach(function (pair) {
      var hi = maxOf(r[STAGE_INDEX[pair[0]]]) || 1; // one scale for a layer and its pool
      pair.forEach(function (key) {
        var layer = LAYERS[STAGE_INDEX[key]];
        var C = layer.outputShape[0], H = layer.outputShape[1], W = layer.outputShape[2];
        var values = r[STAGE_INDEX[key]];
        self.mapCanvases[key].forEach(function (canvas, c) {
          paint(canvas, values, c * H * W, H, W, VIRIDIS, 0, hi);
          var peak = 0;
          for (var k = 0; k < H * W; k++) if (values[c * H * W + k] > peak) peak = values[c * H * W + k];
          labels.push([canvas, T("{stage} channel {channel}, {height} by {width}, viridis from 0 to {high}, largest value {largest}. Arrow keys move through its cells, Page Up and Page Down change channel, Enter opens a cell.", {
            stage: STAGE_WORDS[key], channel: c, height: H, width: W, high: fmt(hi), largest: fmt(peak),
          })]);
        });
        self.stageScaleText[key].textContent = T("colour: 0 (dark purple) to {high} (yellow)", { high: fmt(hi) });
      });
    });
    clearTimeout(this.labelTimer); // text alternatives: once the drawing pauses
    this.labelTimer = setTimeout(function () {
      labels.forEach(function (pair) { pair[0].setAttribute("aria-label", pair[1]); });
    }, 150);
    var scores = r[7];
    var best = argmax(scores);
    var extent = 0;
    for (var k = 0; k < scores.length; k++) extent = Math.max(extent, Math.abs(scores[k]));
    this.bars.forEach(function (b, k) {
      var v = scores[k];
      var width = extent ? Math.abs(v) / extent * 50 : 0;
      b.bar.style.width = width + "%";
      b.bar.style.left = (v < 0 ? 50 - width : 50) + "%";
      b.bar.className = "cdd-bar" + (v < 0 ? " cdd-neg" : "") + (k === best ? " cdd-best" : "");
      b.value.textContent = fmt(v);
      b.button.classList.toggle("cdd-predicted", k === best);
      b.button.setAttribute("aria-label", k === best
        ? T("Score of {digit}: {value}, the prediction. Press Enter to open it.", { digit: k, value: fmt(v) })
        : T("Score of {digit}: {value}. Press Enter to open it.", { digit: k, value: fmt(v) }));
    });
    var p = softmax(scores);
    var text = T("Prediction: {digit} ({percent}% after softmax)", { digit: best, percent: Math.round(p[best] * 100) });
    if (this.digit !== null) text += "; " + T("labelled {digit}", { digit: LABELS[this.digit] });
    this.prediction.textContent = text + ".";
    this.renderSelection();
    if (this.cell) this.renderDetail(false);
  };

  function softmax(scores) {
    var m = Math.max.apply(null, Array.prototype.slice.call(scores));
    var e = Array.prototype.map.call(scores, function (v) { return Math.exp(v - m); });
    var s = e.reduce(function (a, b) { return a + b; }, 0);
    return e.map(function (v) { return v / s; });
  }

  // --- maps: hover, focus, keys

  Page.prototype.shapeOf = function (stage) {
    if (stage === "input") return [1, 28, 28];
    if (stage === "scores") return [LINEAR.shape[0], 1, 1];
    return LAYERS[STAGE_INDEX[stage]].outputShape;
  };

  Page.prototype.valueAt = function (cell) {
    if (cell.stage === "input") return this.inputValues[cell.row * 28 + cell.col];
    var s = this.shapeOf(cell.stage);
    return this.result[STAGE_INDEX[cell.stage]][(cell.channel * s[1] + cell.row) * s[2] + cell.col];
  };

  Page.prototype.cellName = function (cell) {
    if (cell.stage === "scores") return T("score of {digit}", { digit: cell.channel });
    var fields = { stage: STAGE_WORDS[cell.stage], channel: cell.channel, row: cell.row, col: cell.col };
    return cell.stage === "input" ? T("input, row {row}, col {col}", fields) : T("{stage} ch {channel}, row {row}, col {col}", fields);
  };

  Page.prototype.hover = function (cell) {
    this.readout.textContent = this.cellName(cell) + ": " + fmt(this.valueAt(cell)) + " (" + this.valueAt(cell) + ")";
  };

  Page.prototype.bindMap = function (canvas, stage, channel, H, W) {
    var self = this;
    function cellOf(event) {
      var rect = canvas.getBoundingClientRect();
      var row = Math.min(H - 1, Math.max(0, Math.floor((event.clientY - rect.top) / rect.height * H)));
      var col = Math.min(W - 1, Math.max(0, Math.floor((event.clientX - rect.left) / rect.width * W)));
      return { stage: stage, channel: channel, row: row, col: col };
    }
    canvas.addEventListener("pointermove", function (event) { self.hover(cellOf(event)); });
    canvas.addEventListener("click", function (event) { self.select(cellOf(event)); });
    canvas.addEventListener("focus", function () {
      var c = self.cell && self.cell.stage === stage && self.cell.channel === channel ? self.cell : { stage: stage, channel: channel, row: Math.floor(H / 2), col: Math.floor(W / 2) };
      self.focusCell = c;
      self.hover(c);
    });
    canvas.addEventListener("keydown", function (event) {
      var c = self.focusCell || { stage: stage, channel: channel, row: 0, col: 0 };
      var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      if (moves[event.key]) {
        event.preventDefault();
        var n = event.shiftKey ? 5 : 1;
        c = { stage: stage, channel: channel, row: Math.max(0, Math.min(H - 1, c.row + moves[event.key][0] * n)), col: Math.max(0, Math.min(W - 1, c.col + moves[event.key][1] * n)) };
        self.focusCell = c;
        self.select(c, true);
      } else if (event.key === "PageUp" || event.key === "PageDown") {
        var list = self.mapCanvases[stage];
        if (!list) return;
        event.preventDefault();
        var next = (channel + (event.key === "PageDown" ? 1 : -1) + list.length) % list.length;
        list.forEach(function (m, k) { m.setAttribute("tabindex", k === next ? "0" : "-1"); });
        self.focusCell = { stage: stage, channel: next, row: c.row, col: c.col };
        self.select(self.focusCell, true);
        list[next].focus();
      } else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        self.select(c);
      }
    });
  };

  Page.prototype.select = function (cell, keepFocus) {
    var s = this.shapeOf(cell.stage);
    var c = { stage: cell.stage, channel: cell.channel | 0, row: cell.row | 0, col: cell.col | 0 };
    if (!(c.channel >= 0 && c.channel < s[0] && c.row >= 0 && c.row < s[1] && c.col >= 0 && c.col < s[2])) {
      throw new RangeError("no cell " + JSON.stringify(cell) + " in " + cell.stage + " (shape " + s.join("x") + ")");
    }
    this.cell = c;
    this.focusCell = c;
    this.hover(c);
    this.renderSelection();
    this.renderDetail(true);
    return this.explain(c);
  };

  /* Orange outlines: the selected cell, the windows it reads, its receptive field. */
  Page.prototype.renderSelection = function () {
    var self = this;
    var cell = this.cell;
    var ex = cell ? this.explain(cell) : null;
    var key = JSON.stringify([cell, ex && ex.reads]);
    if (key === this.selectionKey) return;
    this.selectionKey = key;
    Array.prototype.forEach.call(this.root.querySelectorAll(".cdd-box"), function (b) { b.remove(); });
    if (!cell) return;
    function box(canvas, H, W, top, left, h, w, kind) {
      var wrap = canvas.parentNode;
      if (!wrap || !wrap.classList.contains("cdd-map-wrap")) return;
      wrap.appendChild(el("span", { className: "cdd-box " + (kind || ""), "aria-hidden": "true", style: "top:" + (top / H * 100) + "%;left:" + (left / W * 100) + "%;height:" + (h / H * 100) + "%;width:" + (w / W * 100) + "%" }));
    }
    if (cell.stage !== "scores" && cell.stage !== "input") {
      var s = this.shapeOf(cell.stage);
      box(this.mapCanvases[cell.stage][cell.channel], s[1], s[2], cell.row, cell.col, 1, 1, "cdd-box-cell");
    }
    if (ex.reads) {
      ex.reads.forEach(function (read) {
        var s = self.shapeOf(read.stage);
        var list = read.stage === "input" ? null : self.mapCanvases[read.stage];
        (read.channels || [0]).forEach(function (ch) {
          if (list) box(list[ch], s[1], s[2], read.top, read.left, read.height, read.width);
        });
      });
    }
    this.inputCanvas.parentNode.classList.add("cdd-map-wrap");
    if (ex.field) box(this.inputCanvas, 28, 28, ex.field.top, ex.field.left, ex.field.height, ex.field.width, "cdd-box-field");
  };

  // --- explanations

  function windowOf(x, C, H, W, c, top, left, h, w) {
    var out = new Float64Array(h * w);
    for (var i = 0; i < h; i++) for (var j = 0; j < w; j++) out[i * w + j] = x[(c * H + top + i) * W + left + j];
    return out;
  }

  /* How one number is computed, from the page's own arrays (no rounding). */
  Page.prototype.explain = function (cell) {
    var r = this.result;
    var value = this.valueAt(cell);
    if (cell.stage === "input") {
      return { stage: "input", value: value, pixel: Math.round(value * 255), field: { top: cell.row, left: cell.col, height: 1, width: 1 } };
    }
    if (cell.stage === "layer1" || cell.stage === "layer2") {
      var layer = cell.stage === "layer1" ? CONVS[0] : CONVS[1];
      var x = cell.stage === "layer1" ? this.inputValues : r[2];
      var C = layer.inputShape[0], H = layer.inputShape[1], W = layer.inputShape[2];
      var kh = layer.shape[2], kw = layer.shape[3];
      var channels = [];
      var total = 0;
      for (var c = 0; c < C; c++) {
        var win = windowOf(x, C, H, W, c, cell.row, cell.col, kh, kw);
        var kernel = layer.weight.slice(((cell.channel * C + c) * kh) * kw, ((cell.channel * C + c + 1) * kh) * kw);
        var products = new Float64Array(kh * kw);
        var part = 0;
        for (var di = 0; di < kh; di++) for (var dj = 0; dj < kw; dj++) {
          products[di * kw + dj] = win[di * kw + dj] * kernel[di * kw + dj];
          part += products[di * kw + dj];
        }
        total += part;
        channels.push({ channel: c, window: Array.from(win), kernel: Array.from(kernel), products: Array.from(products), partial: part });
      }
      var bias = layer.bias[cell.channel];
      var pre = total + bias;
      // Receptive field on the input: layer 1 reads 5x5; layer 2 reads 3x3 pooled = 6x6 layer-1 = 10x10 input.
      var field = cell.stage === "layer1"
        ? { top: cell.row, left: cell.col, height: kh, width: kw }
        : { top: 2 * cell.row, left: 2 * cell.col, height: 2 * kh + CONVS[0].shape[2] - 1, width: 2 * kw + CONVS[0].shape[3] - 1 };
      return {
        stage: cell.stage, channel: cell.channel, row: cell.row, col: cell.col, value: value,
        channels: channels, sum: total, bias: bias, preActivation: pre, activation: "ReLU",
        field: field, kernelShape: [C, kh, kw],
        reads: [{ stage: cell.stage === "layer1" ? "input" : "pool1", channels: channels.map(function (t) { return t.channel; }), top: cell.row, left: cell.col, height: kh, width: kw }]
      };
    }
    if (cell.stage === "pool1" || cell.stage === "pool2") {
      var from = cell.stage === "pool1" ? "layer1" : "layer2";
      var src = r[STAGE_INDEX[from]];
      var shape = this.shapeOf(from);
      var win2 = windowOf(src, shape[0], shape[1], shape[2], cell.channel, 2 * cell.row, 2 * cell.col, 2, 2);
      var f = cell.stage === "pool1" ? 2 * 2 + 4 : 2 * (2 * 2 + 2) + 4; // input rows seen
      var size = cell.stage === "pool1" ? 6 : 14;
      return {
        stage: cell.stage, channel: cell.channel, row: cell.row, col: cell.col, value: value,
        window: Array.from(win2), argmax: argmax(win2), from: from,
        field: { top: (cell.stage === "pool1" ? 2 : 4) * cell.row, left: (cell.stage === "pool1" ? 2 : 4) * cell.col, height: size, width: size, seen: f },
        reads: [{ stage: from, channels: [cell.channel], top: 2 * cell.row, left: 2 * cell.col, height: 2, width: 2 }]
      };
    }
    // A class score: bias + the 400 features times their weights.
    var features = r[5];
    var F = LINEAR.shape[1];
    var k = cell.channel;
    var contributions = [];
    var sum = 0;
    for (var n = 0; n < F; n++) {
      var w = LINEAR.weight[k * F + n];
      var term = w * features[n];
      sum += term;
      contributions.push({ feature: n, channel: Math.floor(n / 25), row: Math.floor((n % 25) / 5), col: n % 5, x: features[n], weight: w, contribution: term });
    }
    var sorted = contributions.slice().sort(function (a, b) { return Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature - b.feature; });
    var top = sorted.slice(0, TOP_FEATURES);
    var rest = 0;
    sorted.slice(TOP_FEATURES).forEach(function (t) { rest += t.contribution; });
    var topChannels = {};
    top.forEach(function (t) { topChannels[t.channel] = true; });
    return {
      stage: "scores", channel: k, value: value, bias: LINEAR.bias[k], sum: sum, top: top, rest: rest,
      restCount: F - top.length, preActivation: sum + LINEAR.bias[k],
      reads: top.map(function (t) { return { stage: "pool2", channels: [t.channel], top: t.row, left: t.col, height: 1, width: 1 }; })
    };
  };

  function label(text, cls) {
    return el("span", { className: "cdd-op " + (cls || ""), text: text });
  }

  function valueSpan(v, cls, extra) {
    var attrs = { className: "cdd-val " + (cls || ""), "data-value": String(v), title: String(v), text: fmt(v) };
    if (extra) Object.keys(extra).forEach(function (key) { attrs[key] = extra[key]; });
    return el("span", attrs);
  }

  /* The kernel as a 3-D block: one 3x3 slice per input channel, stacked in depth. */
  function drawBlock(canvas, kernels, C, kh, kw, extent, highlight) {
    var cell = 14, dx = 12, dy = 9;
    var width = kw * cell + (C - 1) * dx + 40, height = kh * cell + (C - 1) * dy + 6;
    var ratio = window.devicePixelRatio || 1;
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    canvas.style.width = width + "px";
    canvas.style.height = height + "px";
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = "10px sans-serif";
    for (var c = C - 1; c >= 0; c--) { // back to front: channel 0 in front
      var ox = c * dx + 2, oy = (C - 1 - c) * dy + 2;
      for (var i = 0; i < kh; i++) for (var j = 0; j < kw; j++) {
        var index = colourIndex(kernels[c][i * kw + j], -extent, extent);
        ctx.fillStyle = "rgb(" + rgb(RDBU, index).join(",") + ")";
        ctx.fillRect(ox + j * cell, oy + i * cell, cell, cell);
      }
      ctx.strokeStyle = c === highlight ? "#e69f00" : "rgba(0,0,0,0.55)";
      ctx.lineWidth = c === highlight ? 2.5 : 1;
      ctx.strokeRect(ox + 0.5, oy + 0.5, kw * cell - 1, kh * cell - 1);
    }
  }

  /* Make `a` show what `b` shows, node by node, when both have the same shape (the same
   * cell opened, new numbers): only changed text and attributes are written, so the page
   * lays out a few numbers again instead of a new panel. False if the shapes differ. */
  function patch(a, b) {
    if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName || a.childNodes.length !== b.childNodes.length) return false;
    if (a.nodeType === 3) {
      if (a.nodeValue !== b.nodeValue) a.nodeValue = b.nodeValue;
      return true;
    }
    if (a.nodeType !== 1 || a.nodeName === "CANVAS") return true;
    for (var k = 0; k < b.attributes.length; k++) {
      var attr = b.attributes[k];
      if (a.getAttribute(attr.name) !== attr.value) a.setAttribute(attr.name, attr.value);
    }
    for (var n = 0; n < b.childNodes.length; n++) if (!patch(a.childNodes[n], b.childNodes[n])) return false;
    return true;
  }

  Page.prototype.renderDetail = function (announce) {
    var cell = this.cell;
    var ex = this.explain(cell);
    var key = JSON.stringify(cell);
    // Nothing it shows has changed (a stroke far from the cell): leave it as it is.
    var signature = JSON.stringify([key, ex, maxOf(this.result[1]), maxOf(this.result[4])]);
    if (!announce && signature === this.detailSignature) return;
    this.detailSignature = signature;
    var shown = this.detail;
    var d = (this.detail = el("div", { className: "cdd-detail", id: "cdd-detail", tabindex: "-1" }));
    d.setAttribute("data-stage", ex.stage);
    var head = el("p", { className: "cdd-detail-head" }, [el("strong", { text: this.cellName(cell) + " = " }), valueSpan(ex.value, "cdd-total", { "data-role": "value" })]);
    d.appendChild(head);
    var summary;
    if (ex.stage === "input") {
      d.appendChild(el("p", { text: T("A pixel of the preprocessed input: {pixel} / 255 = {value} (0 = paper, 1 = ink). The training digits are stored the same way.", { pixel: ex.pixel, value: fmt(ex.value) }) }));
      summary = T("{cell} is {value}", { cell: this.cellName(cell), value: fmt(ex.value) });
    } else if (ex.stage === "layer1" || ex.stage === "layer2") {
      summary = this.renderConv(ex);
    } else if (ex.stage === "pool1" || ex.stage === "pool2") {
      var s = this.shapeOf(ex.from);
      var hi = maxOf(this.result[STAGE_INDEX[ex.from]]) || 1;
      var poolFields = {
        channel: ex.channel, first_row: 2 * ex.row, last_row: 2 * ex.row + 1, first_col: 2 * ex.col, last_col: 2 * ex.col + 1,
        height: s[1], width: s[2], field_height: ex.field.height, field_width: ex.field.width,
      };
      d.appendChild(el("p", { text: ex.from === "layer1"
        ? T("Max-pooling keeps the largest of a 2\u00d72 block of layer 1's channel {channel} (rows {first_row}\u2013{last_row}, columns {first_col}\u2013{last_col} of its {height}\u00d7{width} map, outlined). It sees {field_height}\u00d7{field_width} pixels of the input.", poolFields)
        : T("Max-pooling keeps the largest of a 2\u00d72 block of layer 2's channel {channel} (rows {first_row}\u2013{last_row}, columns {first_col}\u2013{last_col} of its {height}\u00d7{width} map, outlined). It sees {field_height}\u00d7{field_width} pixels of the input.", poolFields) }));
      var grid = numberGrid(ex.window, 2, 2, VIRIDIS, 0, hi, T("the 2 by 2 block"));
      grid.children[Math.floor(ex.argmax / 2)].children[ex.argmax % 2].classList.add("cdd-max");
      d.appendChild(el("div", { className: "cdd-row" }, [grid, label("max \u2192"), valueSpan(ex.value, "cdd-total")]));
      summary = T("{cell} is the largest of its 2 by 2 block: {value}", { cell: this.cellName(cell), value: fmt(ex.value) });
    } else {
      summary = this.renderScore(ex);
    }
    this.detail = shown;
    if (key !== this.detailKey || !patch(shown, d)) {
      shown.textContent = "";
      shown.setAttribute("data-stage", ex.stage);
      while (d.firstChild) shown.appendChild(d.firstChild);
      this.detailKey = key;
    }
    if (announce) this.detailLive.textContent = summary + ".";
  };

  Page.prototype.renderConv = function (ex) {
    var self = this;
    var d = this.detail;
    var C = ex.kernelShape[0], kh = ex.kernelShape[1], kw = ex.kernelShape[2];
    var isTwo = ex.stage === "layer2";
    var inputHi = isTwo ? maxOf(this.result[2]) || 1 : 1;
    var extent = 0;
    ex.channels.forEach(function (t) { t.kernel.forEach(function (v) { extent = Math.max(extent, Math.abs(v)); }); });
    d.appendChild(el("p", { className: "cdd-note", text: isTwo
      ? T("This unit reads a 3\u00d73 window of all {count} pooled layer-1 maps (outlined above): its kernel is a 3\u00d73\u00d7{count} block, one 3\u00d73 slice per channel. Each slice multiplies the window beside it, cell by cell; the products add up to that channel's partial sum. The {count} partial sums plus the bias give the total; ReLU keeps it if positive. On the input it sees the orange {height}\u00d7{width} square.", { count: C, height: ex.field.height, width: ex.field.width })
      : T("This unit reads a {height}\u00d7{width} window of the input (outlined on it) and multiplies it by its {height}\u00d7{width} kernel, cell by cell; the products, plus the bias, give the total; ReLU keeps it if positive.", { height: kh, width: kw }) }));
    var top = el("div", { className: "cdd-conv-top" });
    if (isTwo) {
      var block = el("canvas", { className: "cdd-block", role: "img", "aria-label": T("Layer 2's kernel for channel {channel} drawn as a block: {count} slices of 3 by 3 weights stacked in depth, channel 0 in front; red positive, blue negative, from {low} to {high}.", { channel: ex.channel, count: C, low: MINUS + fmt(extent), high: fmt(extent) }) });
      drawBlock(block, ex.channels.map(function (t) { return t.kernel; }), C, kh, kw, extent, this.highlightChannel);
      top.appendChild(el("figure", { className: "cdd-block-fig" }, [block, el("figcaption", { text: T("the kernel: a 3\u00d73\u00d7{count} block (ch 0 in front)", { count: C }) })]));
    }
    d.appendChild(top);
    var rows = el("div", { className: "cdd-channels" + (isTwo ? "" : " cdd-channels-one") });
    ex.channels.forEach(function (t) {
      var row = el("div", { className: "cdd-channel", "data-channel": String(t.channel), tabindex: isTwo ? "0" : null, "aria-label": isTwo ? T("channel {channel}: partial sum {value}", { channel: t.channel, value: fmt(t.partial) }) : null });
      if (isTwo) {
        row.addEventListener("mouseenter", function () { self.highlightBlock(t.channel); });
        row.addEventListener("focus", function () { self.highlightBlock(t.channel); self.readout.textContent = T("channel {channel} partial sum: {value}", { channel: t.channel, value: fmt(t.partial) }) + " (" + t.partial + ")"; });
      }
      row.appendChild(el("span", { className: "cdd-ch", text: isTwo ? T("ch {channel}", t) : T("input") }));
      row.appendChild(el("div", { className: "cdd-pair" }, [
        numberGrid(t.window, kh, kw, isTwo ? VIRIDIS : INK, 0, inputHi, isTwo ? T("window of pooled layer-1 channel {channel}", t) : T("window of input {channel}", t), "cdd-window"),
        label("\u00d7"),
        numberGrid(t.kernel, kh, kw, RDBU, -extent, extent, T("kernel slice for channel {channel}", t), "cdd-kernel"),
        label("="),
        valueSpan(t.partial, "cdd-partial" + (t.partial < 0 ? " cdd-neg" : ""), { "data-role": "partial", "data-channel": String(t.channel) })
      ]));
      rows.appendChild(row);
    });
    d.appendChild(rows);
    // The sum, visibly: each partial sum as a segment of a running total, then the bias.
    var parts = ex.channels.map(function (t) { return { name: isTwo ? T("ch {channel}", t) : T("products"), v: t.partial }; }).concat([{ name: T("bias"), v: ex.bias, bias: true }]);
    var equation = el("p", { className: "cdd-equation" });
    parts.forEach(function (p, n) {
      if (n) equation.appendChild(label(p.v < 0 ? MINUS : "+"));
      var span = valueSpan(p.v, "", { "data-role": p.bias ? "bias" : "term" });
      if (n) span.textContent = fmt(Math.abs(p.v)); // the sign is the operator before it
      equation.appendChild(el("span", { className: "cdd-term" }, [span, el("small", { text: p.name })]));
    });
    equation.appendChild(label("="));
    equation.appendChild(el("span", { className: "cdd-term" }, [valueSpan(ex.preActivation, "", { "data-role": "pre" }), el("small", { text: T("total") })]));
    equation.appendChild(label("\u2192 ReLU \u2192"));
    equation.appendChild(el("span", { className: "cdd-term" }, [valueSpan(ex.value, "cdd-total", { "data-role": "relu" }), el("small", { text: ex.preActivation < 0 ? T("negative: 0") : T("kept") })]));
    d.appendChild(equation);
    d.appendChild(this.waterfall(parts, ex.preActivation));
    var sums = { cell: this.cellName(ex), count: C, sum: fmt(ex.sum), bias: fmt(ex.bias), total: fmt(ex.preActivation), value: fmt(ex.value) };
    return isTwo
      ? T("{cell}: {count} partial sums {sum}, bias {bias}, total {total}, after ReLU {value}", sums)
      : T("{cell}: products {sum}, bias {bias}, total {total}, after ReLU {value}", sums);
  };

  /* Running total as a waterfall of bars: each part moves it up (red) or down (blue). */
  Page.prototype.waterfall = function (parts, total) {
    var lo = 0, hi = 0, run = 0;
    parts.forEach(function (p) { run += p.v; lo = Math.min(lo, run); hi = Math.max(hi, run); });
    var span = hi - lo || 1;
    var chart = el("div", { className: "cdd-waterfall", "aria-hidden": "true" });
    run = 0;
    parts.concat([{ name: T("total"), v: total, total: true }]).forEach(function (p) {
      var a = p.total ? 0 : run, b = p.total ? total : run + p.v;
      run = p.total ? run : b;
      var left = (Math.min(a, b) - lo) / span * 100, width = Math.abs(b - a) / span * 100;
      chart.appendChild(el("div", { className: "cdd-fall-row" }, [
        el("span", { className: "cdd-fall-name", text: p.name }),
        el("span", { className: "cdd-fall-track" }, [
          el("span", { className: "cdd-fall-zero", style: "left:" + ((0 - lo) / span * 100) + "%" }),
          el("span", { className: "cdd-fall-bar" + (p.total ? " cdd-fall-total" : b < a ? " cdd-neg" : ""), style: "left:" + left + "%;width:" + Math.max(width, 0.5) + "%" })
        ])
      ]));
    });
    return chart;
  };

  Page.prototype.highlightBlock = function (channel) {
    this.highlightChannel = channel;
    var block = this.detail.querySelector(".cdd-block");
    if (!this.cell || (this.cell.stage !== "layer1" && this.cell.stage !== "layer2")) return;
    var ex = this.explain(this.cell);
    if (!block || !ex.channels) return;
    var extent = 0;
    ex.channels.forEach(function (t) { t.kernel.forEach(function (v) { extent = Math.max(extent, Math.abs(v)); }); });
    drawBlock(block, ex.channels.map(function (t) { return t.kernel; }), ex.kernelShape[0], ex.kernelShape[1], ex.kernelShape[2], extent, channel);
    Array.prototype.forEach.call(this.detail.querySelectorAll(".cdd-channel"), function (row) {
      row.classList.toggle("cdd-on", Number(row.getAttribute("data-channel")) === channel);
    });
  };

  Page.prototype.renderScore = function (ex) {
    var self = this;
    var d = this.detail;
    d.appendChild(el("p", { className: "cdd-note", text: T("A class score is a weighted sum of all 400 numbers of the pooled layer-2 maps (16 channels \u00d7 5\u00d75 positions), plus a bias. The {count} largest contributions (weight \u00d7 feature), traced back to their layer-2 channel and position (outlined on the pooled maps above); click one to open it.", { count: ex.top.length }) }));
    var table = el("table", { className: "cdd-table" });
    table.appendChild(el("thead", null, [el("tr", null, [T("layer-2 feature"), T("value"), T("\u00d7 weight"), T("= contribution")].map(function (h) { return el("th", { scope: "col", text: h }); }))]));
    var body = el("tbody");
    ex.top.forEach(function (t) {
      var open = el("button", {
        type: "button", className: "cdd-link", text: T("ch {channel}, row {row}, col {col}", t),
        "data-channel": String(t.channel), "data-row": String(t.row), "data-col": String(t.col),
        onclick: function () { self.select({ stage: "pool2", channel: Number(this.dataset.channel), row: Number(this.dataset.row), col: Number(this.dataset.col) }); }
      });
      body.appendChild(el("tr", null, [el("td", null, [open]), el("td", null, [valueSpan(t.x)]), el("td", null, [valueSpan(t.weight)]), el("td", null, [valueSpan(t.contribution, t.contribution < 0 ? "cdd-neg" : "", { "data-role": "term" })])]));
    });
    body.appendChild(el("tr", null, [el("td", { text: T("the other {count} features", { count: ex.restCount }) }), el("td"), el("td"), el("td", null, [valueSpan(ex.rest, "", { "data-role": "term" })])]));
    body.appendChild(el("tr", null, [el("td", { text: T("bias") }), el("td"), el("td"), el("td", null, [valueSpan(ex.bias, "", { "data-role": "bias" })])]));
    body.appendChild(el("tr", { className: "cdd-sum-row" }, [el("th", { scope: "row", text: T("score of {digit}", { digit: ex.channel }) }), el("td"), el("td"), el("td", null, [valueSpan(ex.value, "cdd-total", { "data-role": "pre" })])]));
    table.appendChild(body);
    d.appendChild(el("div", { className: "cdd-table-scroll", tabindex: "0", role: "region", "aria-label": T("Contributions to the score of {digit}", { digit: ex.channel }) }, [table]));
    var parts = ex.top.map(function (t) { return { name: T("ch {channel}", t) + " (" + t.row + "," + t.col + ")", v: t.contribution }; });
    parts.push({ name: T("other {count}", { count: ex.restCount }), v: ex.rest });
    parts.push({ name: T("bias"), v: ex.bias, bias: true });
    d.appendChild(this.waterfall(parts, ex.value));
    return T("score of {digit} is {value}; the largest contribution, {contribution}, comes from layer 2 channel {channel}", {
      digit: ex.channel, value: fmt(ex.value), contribution: fmt(ex.top[0].contribution), channel: ex.top[0].channel,
    });
  };

  // ------------------------------------------------------------------------- start

  function start() {
    var root = document.getElementById("convdemo-draw");
    if (!root || !DATA) return;
    var page = new Page(root);
    window.convdemoDraw = {
      ready: true,
      layers: DATA.layers.map(function (l) { return { type: l.type, name: l.name, inputShape: l.inputShape, outputShape: l.outputShape }; }),
      digits: { count: DATA.digits.count, labels: LABELS.slice() },
      input: function () { return Array.from(page.inputValues); },
      trace: function () { return page.result.map(function (a) { return Array.from(a); }); },
      forward: function (values) { return forward(values).map(function (a) { return Array.from(a); }); },
      setInput: function (values) { page.setInput(values); },
      pickDigit: function (n) { page.pickDigit(n); },
      digitPixels: function (n) { return Array.from(DIGITS.subarray(n * 784, (n + 1) * 784)); },
      predictAll: function () {
        var out = [];
        for (var n = 0; n < DATA.digits.count; n++) out.push(argmax(forward(digitInput(n))[LAYERS.length - 1]));
        return out;
      },
      explain: function (cell) { return page.explain(cell); },
      select: function (cell) { return page.select(cell); },
      selected: function () { return page.cell; },
      clear: function () { page.clear(); },
      undo: function () { page.undo(); },
      strokes: function () { return page.strokesList.length; },
      timings: page.timings,
      phases: page.phases
    };
    root.setAttribute("data-ready", "true");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
