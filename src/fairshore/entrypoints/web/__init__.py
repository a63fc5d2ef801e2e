"""The web application: server-rendered pages, the vendor portal and the JSON API."""
