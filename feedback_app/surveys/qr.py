"""QR codes for a survey's public link, to print on posters and appointment letters (segno)."""

from __future__ import annotations

import io

import segno

KINDS = {"svg": "image/svg+xml", "png": "image/png"}


def qr_code(url: str, kind: str) -> bytes:
    """The link as a QR code: high error correction, so a creased or smudged poster still scans."""
    code = segno.make(url, error="h", micro=False)
    out = io.BytesIO()
    if kind == "svg":
        code.save(out, kind="svg", scale=8, border=4, title="QR code for the survey link",
                  xmldecl=False, svgns=True)
    elif kind == "png":
        code.save(out, kind="png", scale=12, border=4)
    else:
        raise ValueError(f"Unknown QR code format: {kind}")
    return out.getvalue()
