"""Erlang C and Erlang A, staffing plans and staffing adequacy."""
