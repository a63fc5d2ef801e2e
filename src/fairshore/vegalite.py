"""The one Vega-Lite every chart is written for, and report charts drawn as SVG with it.

The web app draws its charts in the browser with the bundled library
(``entrypoints/web/static/vendor/vega-lite.min.js``, 6.4.3); reports draw theirs on the
server with vl-convert, pinned to the same minor version, so a chart reads the same on a
page and in its PDF.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
VERSION = "6.4"

_XML_DECL = re.compile(r"^<\?xml[^>]*>\s*")


def to_svg(spec: dict[str, Any]) -> str:
    """The chart of ``spec`` as an inline SVG element (XML declaration stripped).

    Kept per specification: a report's page, its HTML and its PDF draw each chart once
    (vl-convert takes ~0.1 s a chart, and its first call in a process ~0.6 s).
    """
    return _svg(json.dumps(spec, sort_keys=True, separators=(",", ":")))


@lru_cache(maxsize=64)
def _svg(spec_json: str) -> str:
    import vl_convert  # the deno runtime starts with the first chart drawn, not at import

    svg: str = vl_convert.vegalite_to_svg(vl_spec=spec_json, vl_version=VERSION)
    return _XML_DECL.sub("", svg)
