"""Nothing downloads at run time: detection works with the network cut off."""

from __future__ import annotations

import socket

import pytest

from fairshore.privacy import presidio_engine
from fairshore.privacy.operators import OperatorParams, operator
from fairshore.privacy.redaction import Redactor


def test_detection_and_redaction_need_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr("spacy.cli.download", refuse)
    presidio_engine.blank_engine.cache_clear()  # build the NLP engine again, offline
    redactor = Redactor(operator("redact", OperatorParams()))
    out = redactor.redact("Ana (ana@example.com, +63 917 123 4567) paid with 4111 1111 1111 1111")
    assert out.text == "Ana (<EMAIL_ADDRESS>, <PHONE_NUMBER>) paid with <CREDIT_CARD>"
    assert presidio_engine.blank_engine().nlp["en"].pipe_names == []  # tokenizer only, no model
