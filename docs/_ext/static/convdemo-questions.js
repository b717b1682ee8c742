/* "Check yourself" questions and the before/after diagnostic (docs/_ext/convdemo_questions.py).
 *
 * A classic script, no modules, no network. Each question's data (its answer, the wrong
 * answers that known misconceptions give, and where each misconception is answered) is in a
 * <script type="application/json" class="cd-q-data"> inside the question, written at build
 * time from convdemo. The diagnostic's two scores are kept in this browser's localStorage
 * only; "Reset my scores" erases them.
 *
 * Every text the script writes comes from the page, in the page's language: each block of
 * questions holds a <script type="application/json" class="cd-q-strings"> (templates with
 * named fields such as {answer}; {link} marks where a link goes), written at build time.
 */
(function () {
  "use strict";

  function dataOf(el) {
    var script = el.querySelector("script.cd-q-data");
    return JSON.parse(script.textContent);
  }

  /* The block's texts, in the page's language. */
  function stringsOf(block) {
    var script = block.querySelector("script.cd-q-strings");
    return JSON.parse(script.textContent);
  }

  /* A template with its {fields} filled in (text only). */
  function fill(template, fields) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(fields, name) ? String(fields[name]) : whole;
    });
  }

  /* Append a template to ``box``: text, with the element ``link`` where it says {link}. */
  function append(box, template, fields, link) {
    var pieces = fill(template, fields).split("{link}");
    pieces.forEach(function (piece, i) {
      if (i > 0 && link) {
        box.appendChild(link);
      }
      if (piece) {
        box.appendChild(document.createTextNode(piece));
      }
    });
  }

  /* A number as the page's language writes it (the decimal separator). */
  function decimal(strings, value, digits) {
    return value.toFixed(digits).replace(".", strings.decimal);
  }

  function parseNumber(text) {
    var t = String(text).trim().replace(/\u2212/g, "-").replace(/,/g, ".").replace(/\s+/g, "");
    if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) {
      return null;
    }
    return Number(t);
  }

  function close(a, b, decimals) {
    return Math.abs(a - b) <= 0.5 * Math.pow(10, -decimals) + 1e-9;
  }

  /* The verdict on the reader's current answer: {state: "empty" | "right" | "wrong" |
   * "invalid", misconception: key or null}. */
  function judge(el, data) {
    if (data.kind === "numeric") {
      var input = el.querySelector(".cd-q-input");
      if (!input.value.trim()) {
        return { state: "empty", misconception: null };
      }
      var value = parseNumber(input.value);
      if (value === null) {
        return { state: "invalid", misconception: null };
      }
      if (close(value, data.answer, data.decimals)) {
        return { state: "right", misconception: null };
      }
      for (var i = 0; i < data.distractors.length; i++) {
        if (close(value, data.distractors[i].value, data.decimals)) {
          return { state: "wrong", misconception: data.distractors[i].misconception };
        }
      }
      return { state: "wrong", misconception: null };
    }
    var picked = el.querySelector("input[type=radio]:checked");
    if (!picked) {
      return { state: "empty", misconception: null };
    }
    var index = Number(picked.value);
    if (index === data.correct) {
      return { state: "right", misconception: null };
    }
    return { state: "wrong", misconception: data.choices[index] };
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function show(el, data, verdict, scoring) {
    var t = data.strings;
    var box = el.querySelector(".cd-q-feedback");
    box.textContent = "";
    el.dataset.verdict = verdict.state;
    el.dataset.misconception = verdict.misconception || "";
    if (verdict.state === "empty") {
      if (scoring) {
        box.textContent = t.notAnswered;
      } else {
        box.textContent = data.kind === "numeric" ? t.typeNumber : t.pickAnswer;
      }
      return;
    }
    if (verdict.state === "invalid") {
      box.textContent = t.notANumber;
      return;
    }
    var strong = document.createElement("strong");
    if (verdict.state === "right") {
      strong.textContent = t.right;
      box.appendChild(strong);
      var said = data.kind === "numeric" ? t.rightNumber : t.rightChoice;
      append(box, " " + said, { answer: data.answerText });
      return;
    }
    strong.textContent = t.notQuite;
    box.appendChild(strong);
    var m = verdict.misconception && data.misconceptions[verdict.misconception];
    if (m) {
      var span = document.createElement("span");
      span.className = "cd-q-misconception";
      span.textContent = " " + fill(t.misconception, { says: m.says }) + " ";
      box.appendChild(span);
      append(box, t.fix, { fix: m.fix }, link(m.href, m.section));
    } else if (data.kind === "numeric") {
      // A number no known slip gives: say so, and point to the worked solution rather than
      // guess a misconception.
      var none = document.createElement("span");
      none.className = "cd-q-unmatched";
      var solution = el.querySelector(".cd-q-solution");
      var toSolution = link("#" + solution.id, t.workedSolution);
      toSolution.addEventListener("click", function () {
        if (!solution.hidden) {
          solution.open = true;
        }
      });
      append(none, " " + t.unmatched, {}, toSolution);
      box.appendChild(none);
    } else {
      append(box, " " + t.tryAgain, {}, link(data.part.href, data.part.section));
    }
  }

  function setUpQuestion(el, instant, strings) {
    var data = dataOf(el);
    data.strings = strings;
    el.dataset.ready = "true";
    if (!instant) {
      return data;
    }
    if (data.kind === "numeric") {
      var input = el.querySelector(".cd-q-input");
      var button = el.querySelector(".cd-q-check");
      var check = function () {
        show(el, data, judge(el, data));
      };
      button.addEventListener("click", check);
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          check();
        }
      });
    } else {
      el.querySelectorAll("input[type=radio]").forEach(function (radio) {
        radio.addEventListener("change", function () {
          show(el, data, judge(el, data));
        });
      });
    }
    return data;
  }

  // ------------------------------------------------------------------ the diagnostic

  function storage() {
    try {
      var probe = "convdemo-probe";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null; // private mode or storage off: scores live as long as the page
    }
  }

  function gain(pre, post, max) {
    if (pre >= max) {
      return null;
    }
    return (post - pre) / (max - pre);
  }

  function setUpDiagnostic(root) {
    var t = stringsOf(root);
    var key = root.dataset.storageKey;
    var max = Number(root.dataset.max);
    var store = storage();
    var memory = {};
    var questions = Array.prototype.map.call(root.querySelectorAll(".cd-question"), function (el) {
      return { el: el, data: setUpQuestion(el, false, t) };
    });
    var result = root.querySelector(".cd-diag-result");

    function load() {
      if (!store) {
        return memory;
      }
      try {
        return JSON.parse(store.getItem(key) || "{}") || {};
      } catch (e) {
        return {};
      }
    }

    function save(state) {
      memory = state;
      if (store) {
        store.setItem(key, JSON.stringify(state));
      }
    }

    /* The "before" attempt: until it is scored, each worked solution (which holds the
     * answer) is hidden, and a line says when it opens. ``hidden`` also keeps the browser's
     * find-in-page from opening it. */
    function lockSolutions(locked) {
      questions.forEach(function (q) {
        var solution = q.el.querySelector(".cd-q-solution");
        var note = q.el.querySelector(".cd-q-locked");
        if (locked) {
          solution.open = false;
        }
        solution.hidden = locked;
        if (note) {
          note.hidden = !locked;
        }
      });
      root.dataset.locked = locked ? "true" : "false";
    }

    function render() {
      var state = load();
      lockSolutions(!state.pre);
      var pre = root.querySelector('[data-score="pre"]');
      var post = root.querySelector('[data-score="post"]');
      var g = root.querySelector('[data-score="gain"]');
      pre.textContent = state.pre
        ? fill(t.score, { score: state.pre.score, max: state.pre.max })
        : t.notTaken;
      post.textContent = state.post
        ? fill(t.score, { score: state.post.score, max: state.post.max })
        : t.notTaken;
      if (state.pre && state.post) {
        var value = gain(state.pre.score, state.post.score, max);
        g.textContent = value === null ? t.fullMarks : decimal(t, value, 2);
        g.dataset.value = value === null ? "" : String(value);
      } else {
        g.textContent = "—";
        g.dataset.value = "";
      }
    }

    function score() {
      var right = 0;
      questions.forEach(function (q) {
        var verdict = judge(q.el, q.data);
        show(q.el, q.data, verdict, true);
        if (verdict.state === "right") {
          right += 1;
        }
      });
      var state = load();
      var slot = state.pre ? "post" : "pre";
      state[slot] = { score: right, max: max };
      save(state);
      render();
      if (slot === "pre") {
        result.textContent = fill(t.scoredBefore, { score: right, max: max });
      } else {
        var value = gain(state.pre.score, right, max);
        result.textContent = fill(t.scoredAfter, {
          score: right,
          max: max,
          before: state.pre.score,
          gain: value === null ? t.gainUndefined : decimal(t, value, 2),
        });
      }
      result.focus();
    }

    function reset() {
      if (store) {
        store.removeItem(key);
      }
      memory = {};
      questions.forEach(function (q) {
        q.el.querySelectorAll("input").forEach(function (input) {
          if (input.type === "radio") {
            input.checked = false;
          } else {
            input.value = "";
          }
        });
        q.el.querySelector(".cd-q-feedback").textContent = "";
        delete q.el.dataset.verdict;
        delete q.el.dataset.misconception;
      });
      render();
      result.textContent = t.erased;
      result.focus();
    }

    root.querySelector(".cd-diag-score").addEventListener("click", score);
    root.querySelector(".cd-diag-reset").addEventListener("click", reset);
    render();
    root.dataset.ready = "true";
  }

  function init() {
    document.querySelectorAll(".cd-questions").forEach(function (block) {
      if (block.classList.contains("cd-diagnostic")) {
        setUpDiagnostic(block);
      } else {
        var strings = stringsOf(block);
        block.querySelectorAll(".cd-question").forEach(function (el) {
          setUpQuestion(el, true, strings);
        });
      }
    });
    window.convdemoQuestions = { ready: true, parseNumber: parseNumber, gain: gain };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
