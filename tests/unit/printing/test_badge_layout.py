"""Badges read back as a person (and the kiosk's scanner) would: size, words, QR code."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import pdfplumber
import pypdf
import pypdfium2 as pdfium
import pytest
from conftest import decode_qr, make_badge, page_size_mm, pdf_text, words_of
from PIL import Image

from kiosk.domain.model import PersonType
from kiosk.printing.badge import TYPE_STYLES, VALID_TODAY, render_badge
from kiosk.printing.labels import LABELS

ALL_LABELS = sorted(LABELS)
SIXTY = "Maximilian-Alexander Bartholomew Featherstonehaugh-Wolfenden"  # 60 characters


def _png(pdf: bytes, dpi: int = 100) -> Image.Image:
    doc = pdfium.PdfDocument(pdf)
    try:
        return doc[0].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        doc.close()


@pytest.mark.parametrize("label_name", ALL_LABELS)
def test_page_is_exactly_the_label_size(label_name, badge):
    label = LABELS[label_name]
    width, height = page_size_mm(render_badge(badge, label))
    assert width == pytest.approx(label.width_mm, abs=0.5)
    assert height == pytest.approx(label.height_mm, abs=0.5)


@pytest.mark.parametrize("label_name", ALL_LABELS)
def test_badge_shows_name_type_and_date(label_name, badge):
    text = pdf_text(render_badge(badge, LABELS[label_name]))
    assert {"Alexandra", "Montgomery-Fitzwilliam"} <= words_of(text)
    assert "VISITOR" in text
    assert "June 2025" in text
    assert VALID_TODAY in text


@pytest.mark.parametrize("label_name", ALL_LABELS)
def test_qr_code_scans_to_the_visit_token(label_name, badge):
    assert decode_qr(render_badge(badge, LABELS[label_name])) == [badge.visit_token]


@pytest.mark.parametrize("label_name", ALL_LABELS)
def test_qr_code_scans_when_snapped_to_the_printer_dots(label_name, badge):
    assert decode_qr(render_badge(badge, LABELS[label_name], dpi=203), dpi=203) == [badge.visit_token]


@pytest.mark.parametrize("label_name", ALL_LABELS)
def test_a_sixty_character_name_is_printed_whole(label_name):
    assert len(SIXTY) == 60
    pdf = render_badge(make_badge(SIXTY), LABELS[label_name])
    assert set(SIXTY.split()) <= words_of(pdf_text(pdf))
    assert decode_qr(pdf)  # and the QR code still has its room


@pytest.mark.parametrize("label_name", ALL_LABELS)
@pytest.mark.parametrize(
    "name", [SIXTY, "Li", "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaft Jones"]
)
def test_no_text_runs_off_the_page(label_name, name):
    label = LABELS[label_name]
    pdf = render_badge(
        make_badge(name, host="Collecting: Oluwaseun-Adebayo (Year 2, Class Kingfisher)"), label
    )
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        assert page.chars
        for ch in page.chars:
            assert -0.5 <= ch["x0"] and ch["x1"] <= page.width + 0.5, ch["text"]
            assert -0.5 <= ch["top"] and ch["bottom"] <= page.height + 0.5, ch["text"]
    # Every letter is there, in order (a word too long for any line is broken, never cut).
    assert "".join(name.split()) in "".join(pdf_text(pdf).split())


@pytest.mark.parametrize("person_type", list(PersonType))
def test_every_visitor_type_prints_its_word(person_type):
    pdf = render_badge(make_badge(person_type=person_type), LABELS["brother-62x100"])
    assert person_type.label.upper() in pdf_text(pdf)


def test_every_type_has_its_own_pattern_and_shape_not_only_a_colour():
    styles = [TYPE_STYLES[t] for t in PersonType]
    assert len({s.pattern for s in styles}) == len(styles)
    assert len({s.shape for s in styles}) == len(styles)
    assert len({s.colour for s in styles}) == len(styles)


def test_thermal_labels_are_pure_black_and_white_and_sheets_in_colour():
    badge = make_badge(person_type=PersonType.CONTRACTOR)

    def coloured_pixels(image: Image.Image) -> int:
        saturation = image.convert("HSV").getchannel("S").histogram()
        return sum(saturation[60:])

    assert coloured_pixels(_png(render_badge(badge, LABELS["brother-62x100"]))) == 0
    assert coloured_pixels(_png(render_badge(badge, LABELS["a6"]))) > 100


def test_less_important_items_give_way_on_a_small_label():
    badge = make_badge()
    small = pdf_text(render_badge(badge, LABELS["brother-29x90"]))
    big = pdf_text(render_badge(badge, LABELS["a6"]))
    assert (
        "Phone and video calls" in big and "Oakfield Primary School" in big and "Visiting: Mrs Patel" in big
    )
    assert "Visiting: Mrs Patel" in small  # the host outranks the school name and the reminder
    assert "Phone and video calls" not in small


def test_collecting_host_is_printed_as_given():
    text = pdf_text(render_badge(make_badge(host="Collecting: Sam Lee (Year 2)"), LABELS["a6"]))
    assert "Collecting: Sam Lee (Year 2)" in text
    assert "Visiting: Collecting" not in text


def test_photo_is_shown_when_there_is_room_and_a_broken_one_is_ignored():
    buf = io.BytesIO()
    Image.new("RGB", (60, 80), "#a07050").save(buf, "PNG")
    with pdfplumber.open(io.BytesIO(render_badge(make_badge(photo_png=buf.getvalue()), LABELS["a6"]))) as doc:
        assert len(doc.pages[0].images) == 1
    pdf = render_badge(make_badge(photo_png=b"not a png"), LABELS["a6"])
    assert decode_qr(pdf)


def test_minimal_badge_without_optional_fields():
    badge = make_badge("Jo", host="", school_name="", organisation="", reminder="")
    for label in LABELS.values():
        pdf = render_badge(badge, label)
        assert "Jo" in pdf_text(pdf)
        assert decode_qr(pdf) == [badge.visit_token]


def test_no_personal_data_in_the_pdf_metadata(badge):
    meta = pypdf.PdfReader(io.BytesIO(render_badge(badge, LABELS["a6"]))).metadata or {}
    assert not any("Alexandra" in str(v) for v in meta.values())


def test_badges_can_be_built_on_several_threads_at_once():
    names = [f"Visitor Number{i} Fairweather-Smythe" for i in range(12)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        pdfs = list(pool.map(lambda n: render_badge(make_badge(n), LABELS["brother-62x100"]), names))
    for name, pdf in zip(names, pdfs, strict=True):
        assert set(name.split()) <= words_of(pdf_text(pdf))
