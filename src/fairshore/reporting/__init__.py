"""Report model and its HTML, PDF and Excel renderers."""
