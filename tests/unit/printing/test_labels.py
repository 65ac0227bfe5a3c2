import pytest

from kiosk.printing.labels import LABELS, get_label, label_names


def test_the_labels_schools_use_are_registered():
    assert set(label_names()) >= {"brother-62x100", "brother-29x90", "dymo-99014", "dymo-99012", "a6", "a4"}


@pytest.mark.parametrize(
    ("name", "size", "orientation"),
    [
        ("brother-62x100", (62, 100), "portrait"),
        ("brother-29x90", (29, 90), "landscape"),
        ("dymo-99014", (54, 101), "portrait"),
        ("dymo-99012", (36, 89), "landscape"),
        ("a6", (105, 148), "portrait"),
        ("a4", (210, 297), "portrait"),
    ],
)
def test_label_sizes_are_the_feed_size_the_driver_knows(name, size, orientation):
    label = get_label(name)
    assert (label.width_mm, label.height_mm) == size
    assert label.orientation == orientation
    assert label.cups_page_size == f"Custom.{size[0]}x{size[1]}mm"


def test_landscape_badges_on_a_tall_feed_read_along_the_long_side():
    assert get_label("brother-29x90").badge_size_mm == (90, 29)
    assert get_label("dymo-99012").badge_size_mm == (89, 36)
    assert get_label("brother-62x100").badge_size_mm == (62, 100)


def test_label_names_are_case_insensitive_and_unknown_names_list_the_choices():
    assert get_label(" Brother-62x100 ") is LABELS["brother-62x100"]
    with pytest.raises(KeyError, match="dymo-99012"):
        get_label("zebra-4x6")
