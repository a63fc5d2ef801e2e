"""The glossary: ``/glossary`` lists every term of ``fairshore.glossary``, and ``abbr``
(a Jinja global; ``label_abbr`` by a KPI's name too) prints a label with the same term's
explanation as its hover title."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment
from markupsafe import Markup, escape

from fairshore import glossary
from fairshore.accounts.model import Principal
from fairshore.entrypoints.web.deps import require
from fairshore.entrypoints.web.pages import TEMPLATES, render

router = APIRouter()
Reader = Annotated[Principal, Depends(require("read"))]


def abbr(key: str, label: str | None = None) -> Markup:
    """``label`` (default the term's own) with the term's plain-language text on hover,
    linked to its entry on the glossary page."""
    t = glossary.term(key)
    return Markup('<a class="term" href="/glossary#{}"><abbr title="{}">{}</abbr></a>').format(
        t.key, t.text, escape(label or t.label)
    )


def label_abbr(name: str, label: str) -> Markup:
    """``label`` explained on hover when the glossary has a term ``name`` (its key or
    its KPI, e.g. ``asa_s``); plain text otherwise (a label the glossary does not hold)."""
    t = glossary.find(name)
    return abbr(t.key, label) if t else escape(label)


def install(env: Environment) -> None:
    """Make ``abbr`` and ``label_abbr`` available to the templates of ``env``."""
    env.globals |= {"abbr": abbr, "label_abbr": label_abbr}


install(TEMPLATES.env)


@router.get("/glossary", response_class=HTMLResponse)
def glossary_page(request: Request, who: Reader) -> Response:
    return render(request, "glossary.html", who, terms=glossary.TERMS)
