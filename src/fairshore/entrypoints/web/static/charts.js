// Render every Vega-Lite spec on the page. Specs live in <script type="application/json">
// blocks (data, not code), so the page needs no inline script and the CSP stays strict;
// expressions run through the Vega interpreter, so no 'unsafe-eval' either.
// Content that HTMX swaps in (htmx:load) gets its charts drawn too, each chart once.
function renderCharts(root) {
  root.querySelectorAll("[data-vega-spec]").forEach(function (el) {
    var source = document.getElementById(el.getAttribute("data-vega-spec"));
    if (!source || !window.vegaEmbed || el.hasAttribute("data-vega-drawn")) return;
    el.setAttribute("data-vega-drawn", "");
    window.vegaEmbed(el, JSON.parse(source.textContent), {
      actions: false, renderer: "svg", ast: true, expr: window.vegaExpressionInterpreter,
    });
  });
}
renderCharts(document);
document.addEventListener("htmx:load", function (event) { renderCharts(event.target); });
