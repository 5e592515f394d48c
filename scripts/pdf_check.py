"""Check a PDF as the smoke test needs where poppler's pdffonts is missing: a font embedded and a text present.

Run: python scripts/pdf_check.py FILE.pdf FONT_NAME_PART TEXT   (needs pypdf; exit 0 when both hold)
"""
from __future__ import annotations

import sys

from pypdf import PdfReader


def embedded_fonts(reader: PdfReader) -> set[str]:
    found: set[str] = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            for part in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                descriptor = part.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor else {}
                if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    found.add(str(part.get("/BaseFont", "")))
    return found


def main(argv: list[str]) -> int:
    path, font_part, text = argv
    reader = PdfReader(path)
    fonts = embedded_fonts(reader)
    print("embedded fonts:", ", ".join(sorted(fonts)) or "none")
    has_font = any(font_part.lower() in name.lower() for name in fonts)
    has_text = text in "".join(page.extract_text() or "" for page in reader.pages)
    print(f"{font_part} embedded: {has_font}; text {text!r} found: {has_text}")
    return 0 if has_font and has_text else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
