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


def test_badge_margins_keep_clear_of_what_the_drivers_cannot_print():
    # 99014 stands upright: page edges are badge edges. The DYMO driver leaves 5.5 mm at the top.
    top, right, bottom, left = get_label("dymo-99014").badge_margins_mm
    assert top == pytest.approx(6.0) and bottom == pytest.approx(3.5) and left == right == pytest.approx(3.0)
    # 99012 is turned: the page's top (6 mm unprintable) is the badge's right, where the QR code sits.
    top, right, bottom, left = get_label("dymo-99012").badge_margins_mm
    assert right == pytest.approx(6.5) and left == pytest.approx(3.5)
    assert top == bottom == pytest.approx(2.0)
    # Brother's 3 mm at each end of the feed: the ends of the turned 29 x 90 badge.
    top, right, bottom, left = get_label("brother-29x90").badge_margins_mm
    assert left == right == pytest.approx(3.5) and top == bottom == pytest.approx(2.0)
    # An office sheet has no driver limits recorded: its own margin all round.
    assert get_label("a6").badge_margins_mm == (6, 6, 6, 6)
