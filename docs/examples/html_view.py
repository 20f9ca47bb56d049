"""Write the Jupyter HTML views of a sample report and of the samples corpus to an HTML page.

    python docs/examples/html_view.py [-o docs/img/html_view.html]

The page holds exactly what ``Report._repr_html_()`` and ``Corpus._repr_html_()``
return. To turn it into the PNG in ``docs/img/`` (Debian's chromium)::

    chromium --headless --no-sandbox --hide-scrollbars --window-size=900,1250 \\
        --screenshot=docs/img/html_view.png docs/img/html_view.html
"""

from __future__ import annotations

import argparse
from pathlib import Path

import assay

HERE = Path(__file__).resolve().parent


def page() -> str:
    path = assay.samples.path("monthly_production.txt")
    report = assay.parse(path.read_text("utf-8"), doc_id=path.stem)
    corpus = assay.read_reports(assay.samples.paths())
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>assay HTML views</title></head>'
        '<body style="margin:16px;max-width:860px">'
        '<h3 style="font-family:sans-serif">report._repr_html_()</h3>'
        f"{report._repr_html_()}"
        '<h3 style="font-family:sans-serif">corpus._repr_html_()</h3>'
        f"{corpus._repr_html_()}</body></html>"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--out", type=Path, default=HERE.parent / "img" / "html_view.html")
    out = ap.parse_args().out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page(), "utf-8")
    print(out)


if __name__ == "__main__":
    main()
