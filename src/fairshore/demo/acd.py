"""An ACD call-detail export in the layout of the 1999 "Anonymous Bank" log.

Tab-separated, local clock times ``H:MM:SS``, date ``YYMMDD``; ``type`` holds the
language queue (EN, ES, DE, PL) and ``priority`` 0 standard / 1 premium; outcome
AGENT when answered, HANG when the caller gave up in the queue; ``server`` is the
agent, NO_SERVER when none. Every call queues (``q_start`` is the offered time).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TextIO

import numpy as np

from fairshore.demo.arrivals import DAY_S
from fairshore.demo.contacts import Batch

HEADER = (
    "vru+line",
    "call_id",
    "customer_id",
    "priority",
    "type",
    "date",
    "vru_entry",
    "vru_exit",
    "vru_time",
    "q_start",
    "q_exit",
    "q_time",
    "outcome",
    "ser_start",
    "ser_exit",
    "ser_time",
    "server",
)
ZERO = "0:00:00"


_CLOCK = [f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" for s in range(DAY_S)]


def clock(seconds: float) -> str:
    """Seconds after local midnight as ``H:MM:SS`` (wrapping past midnight, as ACDs do)."""
    return _CLOCK[int(seconds) % DAY_S]


def mapping_yaml() -> str:
    """The ingest mapping (``docs/ingest.md`` format) that reads this export.

    No ``timezone``: the engagement's (Europe/Warsaw) applies.
    """
    return """# ACD call-detail export of Vistula (telco-krk voice), Anonymous Bank layout.
format: acd
delimiter: "\\t"
id_columns: [call_id]
date: {column: date, format: "%y%m%d"}
time_formats: ["%H:%M:%S"]
empty_times: ["0:00:00", "00:00:00"]
ivr:     {start: vru_entry, end: vru_exit, seconds: vru_time}
queue:   {start: q_start,  end: q_exit,  seconds: q_time}
service: {start: ser_start, end: ser_exit, seconds: ser_time}
arrival: queue
clock_tolerance_seconds: 5
ivr_hangups: abandoned
outcome:
  column: outcome
  codes: {AGENT: answered, HANG: abandoned, PHANTOM: quarantine}
columns:
  customer_ref: customer_id
  agent_ref: server
  queue: type
null_values:
  server: [NO_SERVER]
  customer_id: ["0"]
derive:
  language: {column: type, values: {EN: en, ES: es, DE: de, PL: pl}}
  seg_tier: {column: priority, values: {"0": standard, "1": premium}, default: null}
constants: {channel: voice}
"""


class AcdMonthly:
    """One tab-separated call-detail file per month, in local time."""

    def __init__(self, out: Path, relative: str) -> None:
        self.out, self.relative = out, relative
        self.month: str | None = None
        self.handle: TextIO | None = None
        self.paths: list[str] = []
        self.lines = 0

    def write_day(self, month: str, data: Batch, *, midnight_epoch: float, yymmdd: str) -> None:
        if month != self.month:
            self._close_file()
            self.month = month
        n = data["arrived_at"].size
        if n == 0:
            return
        if self.handle is None:
            rel = self.relative.format(month=month)
            path = self.out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = path.open("w", encoding="utf-8", newline="")
            self.handle.write("\t".join(HEADER))
            self.paths.append(rel)
        local = {
            k: data[k] - midnight_epoch
            for k in ("arrived_at", "answered_at", "abandoned_at", "ended_at")
        }
        cols = [
            data["_id"].tolist(),
            data["_customer"].tolist(),
            np.where(data["seg_tier"] == "premium", 1, 0).tolist(),
            [str(x).upper() for x in data["language"]],
            local["arrived_at"].tolist(),
            local["answered_at"].tolist(),
            local["abandoned_at"].tolist(),
            # the service segment covers the whole handle time (talk, hold, after-call work)
            (local["answered_at"] + data["handle_seconds"]).tolist(),
            data["_ivr"].tolist(),
            data["_wait"].tolist(),
            data["agent_ref"].tolist(),
        ]
        out = []
        for line_no, (cid, cust, prio, typ, arr, ans, aban, end, ivr, wait, agent) in enumerate(
            zip(*cols, strict=True)
        ):
            answered = not math.isnan(ans)
            q_exit = ans if answered else aban
            out.append(
                "\t".join(
                    (
                        f"VK{line_no % 4 + 1:02d}{line_no % 30 + 1:02d}",
                        str(cid),
                        str(cust),
                        str(prio),
                        typ,
                        yymmdd,
                        clock(arr - ivr),
                        clock(arr),
                        str(int(ivr)),
                        clock(arr),
                        clock(q_exit),
                        str(int(wait)),
                        "AGENT" if answered else "HANG",
                        clock(ans) if answered else ZERO,
                        clock(end) if answered else ZERO,
                        str(int(end - ans)) if answered else "0",
                        agent if answered else "NO_SERVER",
                    )
                )
            )
        self.handle.write("\n" + "\n".join(out))
        self.lines += n

    def _close_file(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None

    def close(self) -> list[str]:
        self._close_file()
        return self.paths
