"""convdemo.site.i18n: the figures' computed texts (titles, labels, alt text) in Italian."""

from __future__ import annotations

from pathlib import Path

import pytest

from convdemo.site.i18n import (
    TextTranslator,
    figure_texts,
    figure_translator,
    localise_numbers,
    localised_filename,
    read_catalogue,
    translated_figure,
)

CATALOGUE = {
    "Layer {layer} channel {channel}: peak {value}": (
        "Strato {layer}, canale {channel}: picco {value}",
        True,
    ),
    "{first}, {rest}": ("{first}, {rest}", True),
    "{first} and {last}": ("{first} e {last}", True),
    "and": ("e", False),
    "on channel {index}, {where}": ("sul canale {index}, {where}", True),
    "{sign} below the centre": ("{sign} sotto il centro", True),
    "{sign} above the centre": ("{sign} sopra il centro", True),
    "edges": ("bordi", False),
    "column": ("colonna", False),
}


@pytest.fixture
def translate() -> TextTranslator:
    return TextTranslator("it", CATALOGUE)


def test_a_template_localises_its_numbers_and_keeps_its_other_fields(translate) -> None:
    assert translate("Layer 2 channel 0: peak 0.25") == "Strato 2, canale 0: picco 0,25"
    assert translate("Layer 2 channel (5, 5): peak -1.5") == "Strato 2, canale (5, 5): picco -1,5"
    assert translate.translated == 2 and not translate.missed


def test_words_in_a_field_are_looked_up_again(translate) -> None:
    assert translate("Layer 1 channel edges: peak 3") == "Strato 1, canale bordi: picco 3"


def test_lists_are_split_where_the_catalogue_explains_most(translate) -> None:
    text = "on channel 0, +1 below the centre, -1 above the centre"
    # the field {index} could take "0, +1" (a list of numbers): the reading that explains
    # the comma by a template wins
    assert translate(text) == "sul canale 0, +1 sotto il centro, -1 sopra il centro"
    assert translate("0.1, 0.5 and 1") == "0,1; 0,5 e 1"
    assert translate("1, 2 and 3") == "1, 2 e 3"  # whole numbers keep their commas


def test_a_text_nothing_translates_stays_english_and_is_counted(translate) -> None:
    text = "Layer 1 channel corners: peak 3"  # "corners" has no translation
    assert translate(text) == text
    assert translate(text) == text
    assert translate.missed == {text: 2}
    assert translate.lookup(text) is None


def test_texts_without_words_and_numbers_that_are_code_are_kept(translate) -> None:
    for text in ["(5, 5)", "[0.5, 1]", "$w_{ij} = 0.5$", "2 ·", "3\u00d73"]:
        assert translate(text) == text
    assert translate("0.5") == "0,5"
    assert not translate.missed


@pytest.mark.parametrize(
    ("msgid", "msgstr", "says"),
    [
        ("Peak {value}", "Picco {valore}", "must be the same"),
        ("Peak {value} at {where}", "Picco {value}", "must be the same"),
        ("Peak {value}", "Picco {value} a {where}", "must be the same"),
        ("Peak {value!r}", "Picco {value!r}", "bare name"),
        ("Peak {value:.2f}", "Picco {value:.2f}", "bare name"),
        ("Peak {0}", "Picco {0}", "bare name"),
        ("Peak {a}{b}", "Picco {a}{b}", "nothing between them"),
        ("Peak {value", "Picco {value}", "not a valid template"),
    ],
)
def test_a_template_whose_fields_differ_or_are_not_names_is_refused(msgid, msgstr, says) -> None:
    with pytest.raises(ValueError, match=says):
        TextTranslator("it", {msgid: (msgstr, True)})


def test_two_readings_as_good_as_each_other_that_differ_are_ambiguous() -> None:
    translate = TextTranslator(
        "it",
        {
            "{a} of {b}": ("{b} di {a}", True),  # the order changes in Italian
            "{a} to {b}": ("{a} a {b}", True),
            "x": ("X", False),
            "y": ("Y", False),
            "z": ("Z", False),
        },
    )
    text = "x of y to z"  # (x of y) to z, "Y di X a Z", or x of (y to z), "Y a Z di X"
    assert translate(text) == text
    assert translate.ambiguous == {text}
    assert translate("x of y") == "Y di X"


def test_the_catalogue_reader_keeps_finished_messages_only(tmp_path: Path) -> None:
    po = tmp_path / "figures.po"
    po.write_text(
        'msgid ""\nmsgstr "Language: it\\n"\n\n'
        '#, python-brace-format\nmsgid "Peak {value}"\nmsgstr ""\n"Picco "\n"{value}"\n\n'
        '#, fuzzy\nmsgid "row"\nmsgstr "riga"\n\n'
        'msgid "column"\nmsgstr ""\n\n'
        'msgid "w_{ij}"\nmsgstr "w_{ij}"\n\n'
        '#~ msgid "old"\n#~ msgstr "vecchio"\n',
        encoding="utf-8",
    )
    assert read_catalogue(po) == {
        "Peak {value}": ("Picco {value}", True),
        "w_{ij}": ("w_{ij}", False),
    }
    po.write_text('msgid "row"\nmsgstr riga\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"figures\.po:2"):
        read_catalogue(po)


def test_english_and_a_language_without_catalogue() -> None:
    assert figure_translator("en")("Layer 1") == "Layer 1"
    assert figure_translator(None)("0.5") == "0.5"
    with pytest.raises(TypeError, match="language"):
        figure_translator(3)  # type: ignore[arg-type]
    assert localised_filename("a/x_001_2_00x.png", "it") == "a/x_001_2_00x.it.png"


def test_a_translated_figure_sets_its_texts_back_and_leaves_ticks_alone(translate) -> None:
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    image = ax.imshow([[0.0, 0.5], [1.0, 0.25]])
    fig.colorbar(image, ax=ax, label="column")
    ax.set_title("Layer 1 channel edges: peak 0.5")
    ax.set_xlabel("column")
    ax.annotate("0.25", (1, 1))
    ax.set_xticks([0, 1])
    texts = {text.get_text() for text in figure_texts(fig)}
    assert texts == {"Layer 1 channel edges: peak 0.5", "column", "0.25"}
    with translated_figure(fig, "it", translate) as done:
        assert ax.get_title() == "Strato 1, canale bordi: picco 0,5"
        assert ax.get_xlabel() == "colonna"
        assert fig.axes[1].get_ylabel() == "colonna"  # the colour bar's label
        fig.draw_without_rendering()
        assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1"]
    assert done.done == 4 and done.missed == []
    assert ax.get_title() == "Layer 1 channel edges: peak 0.5"
    assert ax.get_xlabel() == "column"
    assert ax.texts[0].get_text() == "0.25"


def test_prose_lists_of_whole_numbers_keep_their_commas() -> None:
    assert localise_numbers("1, 2 and 3", "it").startswith("1, 2 ")
    assert localise_numbers("0.1, 0.5 and 1", "it").startswith("0,1; 0,5 ")


def test_every_text_of_the_landing_figure_is_in_the_italian_catalogue() -> None:
    """Required: the landing figure's titles, labels, alt text and the alt text of its
    stacked pieces all have a translation (the answer page's figures: tests/site)."""
    from convdemo.plotting import get_alt_text
    from convdemo.site.landing import landing_example, plot_landing_figure
    from convdemo.site.panels import panel_crops

    fig = plot_landing_figure(landing_example())
    translate = figure_translator("it")
    crops = panel_crops(fig, dpi=100.0)
    pieces = [
        f"Panel {i} of {len(crops)} of this figure: " + "; ".join(t for t in crop.titles if t)
        for i, crop in enumerate(crops, start=1)
    ]
    texts = [get_alt_text(fig), *(t.get_text() for t in figure_texts(fig)), *pieces]
    missing = [text for text in texts if translate.lookup(text) is None]
    assert not missing, f"figures.po has no Italian for: {missing}"
    italian = translate(get_alt_text(fig))
    assert italian.startswith("Sei pannelli") and "sul canale 0, +1 sotto il centro" in italian


def test_tick_labels_with_words_or_decimals_are_translated_and_pixel_indices_kept(
    translate,
) -> None:
    from matplotlib.figure import Figure

    fig = Figure()
    bars, image = fig.subplots(1, 2)
    bars.bar(["column", "edges"], [1, 2])
    picture = image.imshow([[0.0, 0.5], [1.0, 0.25]])
    image.set_xticks([0, 1])
    colorbar = fig.colorbar(picture, ax=image, ticks=[0, 0.5, 1])
    fig.draw_without_rendering()

    def ticks(axis) -> list[str]:
        fig.draw_without_rendering()
        return [t.get_text() for t in axis.get_ticklabels()]

    with translated_figure(fig, "it", translate) as done:
        assert ticks(bars.xaxis) == ["colonna", "bordi"]
        assert ticks(colorbar.ax.yaxis) == ["0,0", "0,5", "1,0"]
        assert ticks(image.xaxis) == ["0", "1"]
    assert done.done == 2 and not done.missed  # the two words (numbers are not counted)
    assert ticks(bars.xaxis) == ["column", "edges"]
    assert ticks(colorbar.ax.yaxis) == ["0.0", "0.5", "1.0"]


def test_an_obsolete_fuzzy_entry_does_not_drop_the_message_after_it(tmp_path):
    from convdemo.site.i18n import read_catalogue

    po = tmp_path / "figures.po"
    po.write_text(
        '#, fuzzy\n#~ msgid "Old"\n#~ msgstr "Vecchio"\n'
        'msgid "Peak"\nmsgstr "Picco"\n'
        '#, python-brace-format\nmsgid "Layer {n}"\nmsgstr "Strato {n}"\n'
        'msgid "Map"\nmsgstr "Mappa"\n'
        '#, fuzzy\nmsgid "Edge"\nmsgstr "Bordo"\n',
        encoding="utf-8",
    )
    assert read_catalogue(po) == {
        "Peak": ("Picco", False),
        "Layer {n}": ("Strato {n}", True),
        "Map": ("Mappa", False),
    }
