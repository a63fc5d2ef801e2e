"""Ways in: the command line, the web application and its API."""
