"""KPI definitions as Ibis expressions, calendars and periods."""
