"""Read label printers' own languages back into bitmaps: what the driver would send down the USB cable.

Two byte streams, as their drivers write them:

- **DYMO LabelWriter** (``raster2dymolw``, printer-driver-dymo): ``ESC`` commands and raster lines.
  ``ESC L hi lo`` label length in dots; ``ESC D n`` bytes per line; ``ESC B n`` dot tab (blank bytes
  at the left of the next line); ``ESC f 1 n`` skip n blank lines; ``SYN`` + D bytes, a line as is;
  ``ETB`` + runs, a line run-length coded (each byte: bit 7 black/white, bits 0-6 the run length - 1,
  in dots); ``ESC E``/``ESC G`` end of label. The most significant bit is the leftmost dot.
- **Brother QL raster** (``rastertoptch`` of printer-driver-ptouch, and the ``brother_ql`` package):
  ``ESC @`` initialise; ``ESC i z`` + 10 bytes print information (media type, width and length in mm,
  number of raster lines); ``ESC i d`` + 2 bytes feed margin in dots; ``ESC i M``/``ESC i K``/``ESC i A``
  mode bytes; ``M n`` compression (2 = TIFF PackBits); ``g``/``G`` + length + bytes, one raster line;
  ``Z`` a blank line; ``FF`` (0x0c) end of page, ``SUB`` (0x1a) end of the last page. Bytes of a line
  run from the printer's right-hand edge: the bitmap is mirrored to read as printed.

Each decoder returns a ``Decoded`` bitmap (PIL mode "1", black ink = 0) with what the stream says about
the label, so a test can measure the label, read its QR code and check where the name landed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image, ImageOps

ESC, SYN, ETB = 0x1B, 0x16, 0x17


class StreamError(ValueError):
    """The bytes are not a stream of the language the decoder reads."""


@dataclass
class Decoded:
    """One page of a printer stream, as a bitmap the way it comes out of the printer."""

    image: Image.Image  # mode "1": 0 is a printed dot
    dpi: tuple[int, int]  # (across the head, along the feed)
    label_length_dots: int | None = None  # what the stream says the label is long (feed direction)
    media_width_mm: float | None = None  # the tape width the stream asks for (Brother)
    feed_margin_dots: int = 0  # blank feed the printer adds before and after the raster (Brother)
    commands: list[str] = field(default_factory=list)

    @property
    def size_mm(self) -> tuple[float, float]:
        """The bitmap's width (across the head) and length (along the feed) in mm."""
        w, h = self.image.size
        return w * 25.4 / self.dpi[0], h * 25.4 / self.dpi[1]

    @property
    def printed_length_mm(self) -> float:
        """The length of tape this page uses: raster lines plus the feed margins at both ends."""
        return (self.image.size[1] + 2 * self.feed_margin_dots) * 25.4 / self.dpi[1]


def _lines_to_image(lines: list[bytes], width_bytes: int) -> Image.Image:
    raw = b"".join(line.ljust(width_bytes, b"\0")[:width_bytes] for line in lines)
    # "1;I": a set bit is black, which is what printers mean by a 1.
    return Image.frombytes("1", (width_bytes * 8, len(lines)), raw, "raw", "1;I")


# ---------------------------------------------------------------- DYMO LabelWriter


def decode_dymo_labelwriter(data: bytes, *, head_bytes: int = 84, dpi: int = 300) -> list[Decoded]:
    """Decode a LabelWriter 400/450 stream into its pages (84 bytes = 672 dots is the 450's head)."""
    i, n = 0, len(data)
    while i < n and data[i] == ESC and i + 1 < n and data[i + 1] == ESC:
        i += 1  # the reset/sync run of ESC bytes the driver sends first
    pages: list[Decoded] = []
    lines: list[bytes] = []
    commands: list[str] = []
    bytes_per_line, dot_tab, length = head_bytes, 0, None
    vertical_dpi = dpi

    def finish() -> None:
        nonlocal lines, commands
        if lines or length:
            pages.append(
                Decoded(
                    _lines_to_image(lines, head_bytes),
                    (dpi, vertical_dpi),
                    label_length_dots=length,
                    commands=commands,
                )
            )
        lines, commands = [], []

    while i < n:
        b = data[i]
        if b == ESC:
            if i + 1 >= n:
                raise StreamError(f"DYMO stream ends inside a command at byte {i}")
            cmd = chr(data[i + 1])
            args = {"Q": 2, "B": 1, "D": 1, "L": 2, "f": 2, "q": 1, "C": 1}.get(cmd, 0)
            if cmd not in "QBDLfqChiedcgEGA@*yz":
                raise StreamError(f"unknown DYMO command ESC {cmd!r} at byte {i}")
            arg = data[i + 2 : i + 2 + args]
            commands.append(f"ESC {cmd}" + (f" {arg.hex()}" if arg else ""))
            i += 2 + args
            if cmd == "B":
                dot_tab = arg[0]
            elif cmd == "D":
                bytes_per_line = arg[0]
            elif cmd == "L":
                length = (arg[0] << 8) | arg[1]
            elif cmd == "f":
                lines.extend(b"" for _ in range(arg[1]))
            elif cmd == "i":
                vertical_dpi = 600  # "barcode and graphics" quality: 300 x 600 dpi
            elif cmd in "EG":
                finish()
        elif b == SYN:
            line = data[i + 1 : i + 1 + bytes_per_line]
            lines.append(b"\0" * dot_tab + line)
            i += 1 + bytes_per_line
        elif b == ETB:
            i += 1
            bits: list[int] = []
            want = bytes_per_line * 8
            while len(bits) < want:
                if i >= n:
                    raise StreamError("DYMO stream ends inside a compressed line")
                run = data[i]
                bits.extend([run >> 7] * ((run & 0x7F) + 1))
                i += 1
            packed = bytearray()
            for k in range(0, want, 8):
                byte = 0
                for bit in bits[k : k + 8]:
                    byte = (byte << 1) | bit
                packed.append(byte)
            lines.append(b"\0" * dot_tab + bytes(packed))
        else:
            raise StreamError(f"unexpected byte 0x{b:02x} at {i} in a DYMO stream")
    finish()
    return [p for p in pages if p.image.size[1] > 0]


# ---------------------------------------------------------------- Brother QL raster


def _unpackbits(data: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(data):
        count = data[i]
        i += 1
        if count < 128:
            out += data[i : i + count + 1]
            i += count + 1
        elif count > 128:
            out += bytes([data[i]]) * (257 - count)
            i += 1
    return bytes(out)


def decode_brother_ql(data: bytes, *, head_bytes: int = 90, dpi: int = 300) -> list[Decoded]:
    """Decode a Brother QL raster stream into its pages (90 bytes = 720 dots is the QL-5xx/8xx head)."""
    i, n = 0, len(data)
    while i < n and data[i] == 0:
        i += 1  # the "invalidate" run of zero bytes
    pages: list[Decoded] = []
    lines: list[bytes] = []
    commands: list[str] = []
    compressed = False
    width_mm: float | None = None
    length_mm = 0
    margin = 0

    def finish() -> None:
        nonlocal lines, commands
        image = ImageOps.mirror(_lines_to_image(lines, head_bytes).convert("L")).convert("1")
        page = Decoded(image, (dpi, dpi), media_width_mm=width_mm, feed_margin_dots=margin, commands=commands)
        if length_mm:
            page.label_length_dots = round(length_mm / 25.4 * dpi)
        pages.append(page)
        lines, commands = [], []

    while i < n:
        b = data[i]
        if b == ESC:
            cmd = data[i + 1 : i + 2]
            if cmd == b"@":
                commands.append("ESC @")
                i += 2
            elif cmd == b"i":
                sub = chr(data[i + 2])
                args = {"z": 10, "d": 2, "M": 1, "K": 1, "A": 1, "a": 1, "S": 0, "U": 15, "k": 1}.get(sub)
                if args is None:
                    raise StreamError(f"unknown Brother command ESC i {sub!r} at byte {i}")
                arg = data[i + 3 : i + 3 + args]
                commands.append(f"ESC i {sub} {arg.hex()}")
                if sub == "z":
                    width_mm, length_mm = float(arg[2]) or None, arg[3]
                elif sub == "d":
                    margin = arg[0] | (arg[1] << 8)
                i += 3 + args
            else:
                raise StreamError(f"unknown Brother command ESC {cmd!r} at byte {i}")
        elif b == ord("M"):
            compressed = data[i + 1] == 0x02
            commands.append(f"M {data[i + 1]:02x}")
            i += 2
        elif b in (ord("g"), ord("G")):
            size = data[i + 1] | (data[i + 2] << 8) if b == ord("G") else data[i + 2]
            body = data[i + 3 : i + 3 + size]
            lines.append(_unpackbits(body) if compressed else body)
            i += 3 + size
        elif b == ord("Z"):
            lines.append(b"")
            i += 1
        elif b in (0x0C, 0x1A):
            finish()
            i += 1
        elif b == 0:
            i += 1  # padding between commands
        else:
            raise StreamError(f"unexpected byte 0x{b:02x} at {i} in a Brother raster stream")
    return pages
