"""Sphinx extension: "Check yourself" questions and the before/after diagnostic.

The questions come from ``question_bank.py`` (built at build time from convdemo). Three
directives:

* ``question`` — one question by id: ``{question} basics-window-sum``;
* ``questions`` — a "Check yourself" block with every question of one part of the answer:
  ``{questions} part-2`` (parts: basics, part-1 ... part-5); ``:exclude: id id`` leaves out
  the questions the page already asks inline with ``question``;
* ``diagnostic`` — the ten questions of :data:`question_bank.DIAGNOSTIC`, scored in the
  browser before and after reading, with the normalised gain.

Without JavaScript every question shows its answer and worked solution in a
``<details>`` (the diagnostic says so above its questions). With JavaScript
(``_static/convdemo-questions.js``, a classic script) an answer gets instant feedback; a
wrong answer that a known misconception gives names it and links to the section that
answers it; a wrong number that no known slip gives says so and points to the worked
solution. In the diagnostic's "before" attempt the solutions stay hidden until it is
scored. The links are Sphinx labels, resolved when the page is written: a label that does
not exist is a build warning (an error under ``-W``).
"""

# ruff: noqa: RUF001 (the texts are typeset: − is meant)
from __future__ import annotations

import html
import json
from typing import ClassVar

import question_bank as qb
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from convdemo.site.i18n import DECIMAL_SEPARATOR, translator

logger = logging.getLogger(__name__)

DIAGNOSTIC_DOC = "diagnostic"
#: Each part's gallery topic (the labels of gallery/<topic>/README.rst). On the gallery's
#: root index, which repeats every topic's README, a "Check yourself" block is only a link
#: to the topic's own page, where the questions are.
TOPIC_LABELS = {
    "basics": "gallery-basics",
    "part-1": "gallery-feature-maps",
    "part-2": "gallery-channels",
    "part-3": "gallery-receptive-fields",
    "part-4": "gallery-nonlinearity",
    "part-5": "gallery-learned-features",
}
STORAGE_KEY = "convdemo-diagnostic-v1"

#: What the script (``convdemo-questions.js``) says, by key: English templates with named
#: fields, written into each block of questions in the build's language (a JSON blob,
#: ``script.cd-q-strings``); the script fills the fields ({answer}, {score}, ...) and puts a
#: link where a template has {link}. The script itself holds no text a reader sees.
SCRIPT_MESSAGES: dict[str, str] = {
    "notAnswered": "Not answered (counted as not right).",
    "typeNumber": "Type a number first.",
    "pickAnswer": "Pick an answer first.",
    "notANumber": "That is not a number: type digits, e.g. {a}, {b} or {c}.",
    "right": "Right.",
    "rightNumber": "The answer is {answer}. The worked solution is below.",
    "rightChoice": "\u201c{answer}\u201d The worked solution is below.",
    "notQuite": "Not quite.",
    "misconception": "That is the answer you get if you {says}.",
    "fix": "{fix} Read: {link}.",
    "unmatched": "That number is not one the usual slips give, so there is no telling what "
    "went wrong: compare your steps with the {link} below.",
    "workedSolution": "worked solution",
    "tryAgain": "Try again, or read {link} and open the worked solution.",
    "notTaken": "not taken yet",
    "score": "{score} / {max}",
    "fullMarks": "— (full marks before reading: nothing left to gain)",
    "scoredBefore": "Before reading: {score} / {max}, saved in this browser. Each question now "
    "says what a wrong answer reveals. Read the answer, then come back, answer again and "
    "score again.",
    "scoredAfter": "After reading: {score} / {max} (before: {before} / {max}). Normalised "
    "gain (after − before) / ({max} − before): {gain}.",
    "gainUndefined": "not defined (full marks before reading)",
    "erased": "Your scores and answers are erased from this browser.",
}

_BANK: dict[str, qb.Question] | None = None


def bank() -> dict[str, qb.Question]:
    """The question bank, built once per build process."""
    global _BANK
    if _BANK is None:
        _BANK = qb.build_bank()
    return _BANK


class question_block(nodes.General, nodes.Element):
    """Questions to render: ``ids``, ``mode`` ("single", "part", "diagnostic"), ``part``."""


def _sources(language: str | None = None) -> list[str]:
    """The files a page with questions depends on: the bank, the package it computes with
    and, on a translated build, the catalogue of its texts (an edit to any of them re-reads
    the page)."""
    from pathlib import Path

    import convdemo
    from convdemo.site.i18n import DOMAIN, LOCALE_DIR

    files = [qb.__file__, *sorted(str(p) for p in Path(convdemo.__file__).parent.rglob("*.py"))]
    catalogue = LOCALE_DIR / str(language) / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language and catalogue.is_file():
        files.append(str(catalogue))
    return files


def _ids_or_warn(directive: SphinxDirective, ids: list[str]) -> list[str]:
    for source in _sources(directive.config.language):
        directive.env.note_dependency(source)
    known = bank()
    missing = [qid for qid in ids if qid not in known]
    if missing:
        raise directive.error(f"unknown question id(s): {', '.join(missing)}")
    return ids


class QuestionDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self):
        qid = self.arguments[0].strip()
        node = question_block(ids=_ids_or_warn(self, [qid]), mode="single", part="")
        self.set_source_info(node)
        return [node]


class QuestionsDirective(SphinxDirective):
    required_arguments = 1
    option_spec: ClassVar[dict] = {
        "title": directives.unchanged,
        "exclude": directives.unchanged,
    }
    has_content = False

    def run(self):
        part = self.arguments[0].strip()
        if part not in qb.PARTS:
            raise self.error(f"part must be one of {', '.join(qb.PARTS)}; got {part!r}")
        ids = _ids_or_warn(self, [q.id for q in qb.questions_of(bank(), part)])
        exclude = self.options.get("exclude", "").split()
        strangers = [qid for qid in exclude if qid not in ids]
        if strangers:
            raise self.error(f"exclude: not questions of {part}: {', '.join(strangers)}")
        ids = [qid for qid in ids if qid not in exclude]
        roots = {f"{d}/index" for d in self.config.sphinx_gallery_conf.get("gallery_dirs", [])}
        node = question_block(
            ids=ids,
            mode="link" if self.env.docname in roots else "part",
            part=part,
            title=self.options.get("title", "Check yourself"),
        )
        self.set_source_info(node)
        return [node]


class DiagnosticDirective(SphinxDirective):
    has_content = False

    def run(self):
        node = question_block(
            ids=_ids_or_warn(self, list(qb.DIAGNOSTIC)), mode="diagnostic", part=""
        )
        self.set_source_info(node)
        return [node]


# --------------------------------------------------------------------------- rendering


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


class _Links:
    """Sphinx labels as URIs relative to the page being written."""

    def __init__(self, translator, node) -> None:
        self.builder = translator.builder
        self.docname = self.builder.current_docname
        self.labels = self.builder.env.get_domain("std").labels
        self.node = node

    def doc(self, docname: str) -> str:
        return self.builder.get_relative_uri(self.docname, docname)

    def label(self, name: str) -> tuple[str, str]:
        """(href, section title) of a label; a missing label is a build warning."""
        if name not in self.labels:
            logger.warning(
                "question bank: unknown label %r", name, location=self.node, type="questions"
            )
            return "#", name
        docname, anchor, title = self.labels[name]
        href = self.doc(docname)
        if docname == self.docname:
            href = ""
        return f"{href}#{anchor}", title


def _grid_html(grid: qb.Grid, language: str | None) -> str:
    rows = "".join(
        "<tr>"
        + "".join(f"<td>{_e(qb.fmt(v, grid.decimals, language))}</td>" for v in row)
        + "</tr>"
        for row in grid.values
    )
    caption = _e(qb.say(grid.caption, language))
    return f'<table class="cd-grid"><caption>{caption}</caption><tbody>{rows}</tbody></table>'


def _misconception_data(links: _Links, keys: set[str], language: str | None) -> dict:
    out = {}
    for key in sorted(keys):
        m = qb.MISCONCEPTIONS[key]
        href, title = links.label(m.label)
        out[key] = {
            "says": qb.say(m.says, language),
            "fix": qb.say(m.fix, language),
            "href": href,
            "section": title,
        }
    return out


def script_strings(language: str | None) -> dict[str, str]:
    """:data:`SCRIPT_MESSAGES` in ``language``, and the numbers the script writes itself:
    the examples of a number and the decimal separator of the normalised gain."""
    _ = translator(language)
    strings = {key: _(template) for key, template in SCRIPT_MESSAGES.items()}
    strings["notANumber"] = strings["notANumber"].format(
        a=qb.fmt(3, 0, language), b=qb.fmt(-1.5, 1, language), c=qb.fmt(0.25, 2, language)
    )
    strings["decimal"] = DECIMAL_SEPARATOR.get(language or "en", ".")
    return strings


def _strings_html(language: str | None) -> str:
    payload = json.dumps(script_strings(language), sort_keys=True, ensure_ascii=True)
    payload = payload.replace("</", "<\\/")
    return f'<script type="application/json" class="cd-q-strings">{payload}</script>'


def question_html(q: qb.Question, links: _Links, *, number: int, total: int, mode: str) -> str:
    """One question: prompt, figures, answer controls, feedback, and the worked solution."""
    dom = f"{'dq' if mode == 'diagnostic' else 'q'}-{q.id}"
    language = links.builder.config.language  # computed texts in the build's language
    _ = translator(language)
    parts = [
        f'<div class="cd-question" id="{dom}" data-question="{_e(q.id)}" '
        f'data-kind="{q.kind}" role="group" aria-labelledby="{dom}-prompt">',
        f'<p class="cd-q-prompt" id="{dom}-prompt"><span class="cd-q-number">'
        + _("Question {number} of {total}.").format(number=number, total=total)
        + f"</span> {_e(qb.say(q.prompt, language))}</p>",
    ]
    if q.grids:
        parts.append('<div class="cd-q-grids" tabindex="0">')  # scrollable: keyboard too
        parts += [_grid_html(g, language) for g in q.grids]
        parts.append("</div>")
    if q.kind == "numeric":
        check = (
            ""
            if mode == "diagnostic"
            else f'<button type="button" class="cd-q-check">{_("Check")}</button>'
        )
        parts.append(
            f'<div class="cd-q-entry"><label for="{dom}-input">{_("Your answer")}</label> '
            f'<input id="{dom}-input" class="cd-q-input" type="text" inputmode="decimal" '
            f'autocomplete="off" spellcheck="false" size="8"> {check}</div>'
        )
    else:
        parts.append(
            f'<fieldset class="cd-q-choices"><legend class="cd-q-legend">{_("Pick one")}</legend>'
        )
        for i, choice in enumerate(q.choices):
            label = _e(qb.say(choice.text, language))
            parts.append(
                f'<div class="cd-q-choice"><input type="radio" name="{dom}" id="{dom}-{i}" '
                f'value="{i}"><label for="{dom}-{i}">{label}</label></div>'
            )
        parts.append("</fieldset>")
    parts.append('<p class="cd-q-feedback" role="status"></p>')
    part_href, part_title = links.label(qb.PART_LABELS[q.part])
    if mode == "diagnostic":
        # Shown by the script while the "before" attempt is not scored (the solution is
        # hidden then); without JavaScript it stays hidden and the solution can be opened.
        locked = _(
            "The answer and worked solution open once you press \u201cScore my answers\u201d, "
            "so that your \u201cbefore\u201d score is your own."
        )
        parts.append(f'<p class="cd-q-locked" hidden>{locked}</p>')
    parts.append(
        f'<details class="cd-q-solution" id="{dom}-solution">'
        f"<summary>{_('Answer and worked solution')}</summary>"
        f'<p class="cd-q-answer"><strong>{_("Answer:")}</strong> '
        f'<span class="cd-q-answer-value">{_e(q.answer_in(language))}</span></p>'
        + "".join(f"<p>{_e(qb.say(line, language))}</p>" for line in q.solution)
        + f'<p class="cd-q-more">{_("More:")} <a href="{_e(part_href)}">{_e(part_title)}</a></p>'
        "</details>"
    )
    keys = {d.misconception for d in q.distractors} | {
        c.misconception for c in q.choices if c.misconception
    }
    data = {
        "id": q.id,
        "kind": q.kind,
        "answerText": q.answer_in(language),
        "part": {"href": part_href, "section": part_title},
        "misconceptions": _misconception_data(links, keys, language),
    }
    if q.kind == "numeric":
        data["answer"] = float(q.answer)
        data["decimals"] = q.decimals
        data["distractors"] = [
            {
                "value": float(d.value),
                "text": qb.fmt(d.value, q.decimals, language),
                "misconception": d.misconception,
            }
            for d in q.distractors
        ]
    else:
        data["correct"] = q.correct
        data["choices"] = [c.misconception for c in q.choices]
    payload = json.dumps(data, sort_keys=True, ensure_ascii=True).replace("</", "<\\/")
    parts.append(f'<script type="application/json" class="cd-q-data">{payload}</script>')
    parts.append("</div>")
    return "".join(parts)


def visit_question_block_html(self, node: question_block) -> None:
    links = _Links(self, node)
    questions = [bank()[qid] for qid in node["ids"]]
    mode = node["mode"]
    diagnostic_href = links.doc(DIAGNOSTIC_DOC)
    language = self.builder.config.language  # computed texts in the build's language
    tr = translator(language)
    if mode == "link":
        href, _ = links.label(TOPIC_LABELS[node["part"]])
        topic = tr("{n} questions on this topic").format(n=len(questions))
        diagnostic = tr("{n}-question diagnostic").format(n=len(qb.DIAGNOSTIC))
        self.body.append(
            f'<p class="cd-check-link"><strong>{_e(tr(node["title"]))}:</strong> '
            + tr("{topic}, and the {diagnostic}.").format(
                topic=f'<a href="{_e(href)}">{_e(topic)}</a>',
                diagnostic=f'<a href="{_e(diagnostic_href)}">{_e(diagnostic)}</a>',
            )
            + "</p>"
        )
        raise nodes.SkipNode
    total = len(questions)
    body = "".join(
        question_html(q, links, number=i + 1, total=total, mode=mode)
        for i, q in enumerate(questions)
    )
    body = _strings_html(language) + body
    if mode == "single":
        out = f'<div class="cd-questions cd-single">{body}</div>'
    elif mode == "part":
        head = f"cd-check-{node['part']}"
        intro = (
            '<p class="cd-check-intro">'
            + tr(
                "Predict first, then check: every number here was computed by convdemo when "
                "this page was built. Before and after reading, take the {diagnostic}."
            ).format(
                diagnostic=f'<a href="{_e(diagnostic_href)}">'
                + tr("{n}-question diagnostic").format(n=len(qb.DIAGNOSTIC))
                + "</a>"
            )
            + "</p>"
        )
        out = (
            f'<section class="cd-questions cd-check" aria-labelledby="{head}">'
            f'<h3 id="{head}">{_e(tr(node["title"]))}</h3>{intro}{body}</section>'
        )
    else:
        out = (
            f'<div class="cd-questions cd-diagnostic" data-storage-key="{STORAGE_KEY}" '
            f'data-max="{total}">'
            '<p class="cd-diag-formula">'
            + _e(
                tr(
                    "{n} questions. Normalised gain = (after − before) / ({n} − before): the "
                    "share of what you did not know before reading that you knew after."
                ).format(n=total)
            )
            + "</p>"
            '<dl class="cd-diag-scores">'
            f"<div><dt>{tr('Before reading')}</dt>"
            f'<dd data-score="pre">{tr("not taken yet")}</dd></div>'
            f"<div><dt>{tr('After reading')}</dt>"
            f'<dd data-score="post">{tr("not taken yet")}</dd></div>'
            f'<div><dt>{tr("Normalised gain")}</dt><dd data-score="gain">—</dd></div>'
            "</dl>"
            '<noscript><p class="cd-diag-noscript">'
            + _e(
                tr(
                    "Without JavaScript nothing is scored. Each question's answer is below it, "
                    "in its worked solution: answer first, then open it."
                )
            )
            + "</p></noscript>"
            f"{body}"
            '<div class="cd-diag-actions">'
            f'<button type="button" class="cd-diag-score">{tr("Score my answers")}</button> '
            f'<button type="button" class="cd-diag-reset">{tr("Reset my scores")}</button>'
            "</div>"
            '<p class="cd-diag-result" role="status" tabindex="-1"></p>'
            "</div>"
        )
    self.body.append(out)
    raise nodes.SkipNode


def _skip(self, node) -> None:
    raise nodes.SkipNode


def _add_assets(app, pagename, templatename, context, doctree) -> None:
    if doctree is not None and next(iter(doctree.findall(question_block)), None) is not None:
        app.add_css_file("convdemo-questions.css")
        app.add_js_file("convdemo-questions.js", defer="defer")


def setup(app) -> dict:
    app.add_node(
        question_block,
        html=(visit_question_block_html, None),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.add_directive("question", QuestionDirective)
    app.add_directive("questions", QuestionsDirective)
    app.add_directive("diagnostic", DiagnosticDirective)
    app.connect("html-page-context", _add_assets)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
