"""Access anomaly detection: each agent's access compared with its own robust baseline.

Baselines are medians and median absolute deviations (MAD, scaled by 1.4826 to match
a standard deviation under normality; Rousseeuw & Croux 1993), per agent. An agent with
little history is shrunk towards its peers: the agent's statistic ``a`` over ``n``
observations and the peers' ``p`` combine as ``(n a + w p) / (n + w)`` with ``w``
pseudo-observations (``prior_weight``), so a new agent is judged by the floor's norm
until its own pattern is known.

Flags (each with its reason and the numbers behind it):

* ``bulk_export``: one event touching far more records than the agent (and peers)
  usually do with that action.
* ``off_shift``: access at an hour of the day the agent practically never works.
* ``volume_spike``: a shift with several times the agent's usual number of accesses
  (a shift counts on the day it starts: local time minus six hours).
* ``unhandled_records``: a much larger share of records accessed that the agent never
  handled an interaction for than is usual on the floor.
* ``new_source``: access from a site or network the agent never used before and peers
  rarely use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from fairshore.privacy.model import AccessFlag, AnomalyThresholds

Raised = tuple[AccessFlag, np.ndarray]  # a flag and the positions of its events
MAD_SCALE = 1.4826  # MAD -> sigma under normality (Rousseeuw & Croux 1993)
SHIFT_DAY_OFFSET_H = 6


@dataclass(frozen=True)
class RobustBaseline:
    """A shrunk median and scale."""

    median: float
    scale: float
    n: int


def shrunk_baseline(values: np.ndarray, peer: RobustBaseline, *, weight: float) -> RobustBaseline:
    """The agent's median and MAD-scale pulled towards the peers' by ``weight``."""
    n = int(values.size)
    if n == 0:
        return RobustBaseline(peer.median, peer.scale, 0)
    med = float(np.median(values))
    scale = MAD_SCALE * float(np.median(np.abs(values - med)))
    w = weight / (n + weight)
    return RobustBaseline((1 - w) * med + w * peer.median, (1 - w) * scale + w * peer.scale, n)


def peer_baseline(values: np.ndarray) -> RobustBaseline:
    """Median and MAD-scale of the whole floor."""
    if values.size == 0:
        return RobustBaseline(0.0, 0.0, 0)
    med = float(np.median(values))
    return RobustBaseline(med, MAD_SCALE * float(np.median(np.abs(values - med))), int(values.size))


class AccessAnomalyDetector:
    """Flags suspicious access by agents (scikit-learn shape: parameters, then ``evaluate``).

    Parameters
    ----------
    thresholds
        The detector's knobs.
    timezone
        IANA zone of the site, for hours and days of the week.
    """

    def __init__(self, *, thresholds: AnomalyThresholds | None = None, timezone: str = "UTC"):
        self.thresholds = thresholds or AnomalyThresholds()
        self.timezone = timezone

    def evaluate(
        self,
        events: pd.DataFrame,
        *,
        engagement_id: str,
        start: date | None = None,
        end: date | None = None,
        handled: pd.DataFrame | None = None,
    ) -> list[AccessFlag]:
        """Flags for events dated ``start``..``end`` (local days), baselines from all events.

        ``events`` has the access_events columns; ``handled`` (optional) has
        ``agent_ref`` and ``customer_ref`` of the agents' interactions.

        Sets ``events_`` (the events as judged: sorted by time, with local ``day``,
        ``shift_day`` and ``hour``) and ``rows_``: for each flag returned, the positions
        in ``events_`` of the events that raised it (the one bulk event; the off-shift
        events of the day; the shift's events; the first access of each unhandled
        record; the first event from the new source).
        """
        self.events_ = pd.DataFrame()
        self.rows_: list[np.ndarray] = []
        if events.empty:
            return []
        ev = self._prepare(events)
        in_period = np.ones(len(ev), dtype=bool)
        if start is not None:
            in_period &= ev["day"].to_numpy() >= start.isoformat()
        if end is not None:
            in_period &= ev["day"].to_numpy() <= end.isoformat()
        ev["in_period"] = in_period
        found = [
            *self._bulk(ev, engagement_id),
            *self._off_shift(ev, engagement_id),
            *self._spikes(ev, engagement_id),
            *self._new_sources(ev, engagement_id),
        ]
        if handled is not None and not handled.empty:
            found += self._unhandled(ev, handled, engagement_id)
        found.sort(key=lambda pair: (pair[0].day, pair[0].agent_ref, pair[0].kind))
        self.events_ = ev
        self.rows_ = [rows for _, rows in found]
        return [flag for flag, _ in found]

    def _prepare(self, events: pd.DataFrame) -> pd.DataFrame:
        ev = events.copy()
        at = pd.to_datetime(ev["at"], utc=True)
        local = at.dt.tz_convert(self.timezone)
        ev["at"] = at
        ev["day"] = local.dt.strftime("%Y-%m-%d")
        # A shift is counted on the day it starts: a 21:00-06:00 night shift and a
        # 09:00-18:00 day shift both fall in one "shift day" once six hours are taken off.
        ev["shift_day"] = (local - pd.Timedelta(hours=SHIFT_DAY_OFFSET_H)).dt.strftime("%Y-%m-%d")
        ev["hour"] = local.dt.hour
        ev["records_count"] = pd.to_numeric(ev["records_count"], errors="coerce").fillna(1)
        ev["source"] = ev["source"].fillna("unknown").astype(str)
        return ev.sort_values("at").reset_index(drop=True)

    # -- bulk ---------------------------------------------------------------------------
    def _bulk(self, ev: pd.DataFrame, eng: str) -> list[Raised]:
        # Vectorised form of shrunk_baseline per (action, agent), peers per action.
        t = self.thresholds
        rc = ev["records_count"].astype(float)
        by_agent = [ev["action"], ev["agent_ref"]]
        med = rc.groupby(by_agent).transform("median")
        mad = (rc - med).abs().groupby(by_agent).transform("median") * MAD_SCALE
        n = rc.groupby(by_agent).transform("size")
        peer_med = rc.groupby(ev["action"]).transform("median")
        peer_mad = (rc - peer_med).abs().groupby(ev["action"]).transform("median") * MAD_SCALE
        w = t.prior_weight / (n + t.prior_weight)
        base_med = (1 - w) * med + w * peer_med
        base_scale = (1 - w) * mad + w * peer_mad
        limit = (base_med + t.bulk_mad_k * base_scale).clip(lower=float(t.bulk_min_records))
        hit = (rc > limit) & ev["in_period"]
        flags: list[Raised] = []
        for i in np.flatnonzero(hit.to_numpy()):
            row = ev.iloc[int(i)]
            count, lim, usual = float(rc.iloc[i]), float(limit.iloc[i]), float(base_med.iloc[i])
            action = str(row["action"])
            _raise(
                flags,
                AccessFlag(
                    kind="bulk_export",
                    agent_ref=str(row["agent_ref"]),
                    engagement_id=eng,
                    day=str(row["day"]),
                    at=pd.Timestamp(row["at"]).to_pydatetime(),
                    reason=(
                        f"{action} of {count:,.0f} records in one event; the agent's "
                        f"usual {action} touches {usual:,.0f} (limit {lim:,.0f})"
                    ),
                    numbers={
                        "records_count": count,
                        "baseline_median": usual,
                        "baseline_scale": float(base_scale.iloc[i]),
                        "limit": lim,
                        "history_events": float(n.iloc[i]),
                        "local_hour": float(row["hour"]),
                    },
                    severity="critical" if count >= 5 * lim else "major",
                ),
                np.array([i]),
            )
        return flags

    # -- off shift ----------------------------------------------------------------------
    def _off_shift(self, ev: pd.DataFrame, eng: str) -> list[Raised]:
        t = self.thresholds
        peer_hours = np.bincount(ev["hour"].to_numpy(), minlength=24).astype(float)
        peer_share = peer_hours / peer_hours.sum()
        flags: list[Raised] = []
        for agent, own in ev.groupby("agent_ref"):
            counts = np.bincount(own["hour"].to_numpy(), minlength=24).astype(float)
            n = counts.sum()
            share = (counts + t.prior_weight * peer_share) / (n + t.prior_weight)
            # An hour is usual when the agent works in it or the hour next to it.
            usual = share + np.roll(share, 1) + np.roll(share, -1)
            period = own[own["in_period"]]
            odd = period[usual[period["hour"].to_numpy()] < t.off_shift_max_share]
            if n < t.off_shift_min_history and not odd.empty:
                odd = odd[peer_share[odd["hour"].to_numpy()] < t.off_shift_max_share]
            for day, rows in odd.groupby("day"):
                first = rows.iloc[0]
                hour = int(first["hour"])
                _raise(
                    flags,
                    AccessFlag(
                        kind="off_shift",
                        agent_ref=str(agent),
                        engagement_id=eng,
                        day=str(day),
                        at=first["at"].to_pydatetime(),
                        reason=(
                            f"{len(rows)} access event(s) around {hour:02d}:00 local; the agent "
                            f"works {usual[hour]:.1%} of its events at that time of day"
                        ),
                        numbers={
                            "events": float(len(rows)),
                            "local_hour": float(hour),
                            "usual_share": float(usual[hour]),
                            "history_events": float(n),
                            "records": float(rows["records_count"].sum()),
                        },
                        severity="major"
                        if rows["records_count"].sum() >= t.bulk_min_records
                        else "minor",
                    ),
                    rows.index.to_numpy(),
                )
        return flags

    # -- spikes -------------------------------------------------------------------------
    def _spikes(self, ev: pd.DataFrame, eng: str) -> list[Raised]:
        t = self.thresholds
        daily = ev.groupby(["agent_ref", "shift_day"]).agg(
            events=("action", "size"), in_period=("in_period", "max")
        )
        peer = peer_baseline(daily["events"].to_numpy(dtype=float))
        flags: list[Raised] = []
        shifts: dict[Any, Any] = {}  # an agent's shift -> its events (once a spike is found)
        for agent, own in daily.groupby(level="agent_ref"):
            base = shrunk_baseline(own["events"].to_numpy(dtype=float), peer, weight=t.prior_weight)
            limit = max(
                float(t.spike_min_events),
                t.spike_ratio * base.median,
                base.median + t.spike_mad_k * base.scale,
            )
            for row in _records(own[(own["events"] > limit) & own["in_period"]].reset_index()):
                count = float(row["events"])
                day = row["shift_day"]
                if not shifts:
                    shifts = dict(ev.groupby(["agent_ref", "shift_day"]).indices)
                _raise(
                    flags,
                    AccessFlag(
                        kind="volume_spike",
                        agent_ref=str(agent),
                        engagement_id=eng,
                        day=str(day),
                        at=None,
                        reason=(
                            f"{count:,.0f} access events in the shift; the agent's usual shift "
                            f"has {base.median:,.0f} (limit {limit:,.0f})"
                        ),
                        numbers={
                            "events": count,
                            "baseline_median": base.median,
                            "baseline_scale": base.scale,
                            "limit": limit,
                            "history_days": float(base.n),
                        },
                        severity="minor",
                    ),
                    ev.index.to_numpy()[shifts[(agent, day)]],
                )
        return flags

    # -- new sources --------------------------------------------------------------------
    def _new_sources(self, ev: pd.DataFrame, eng: str) -> list[Raised]:
        t = self.thresholds
        source_share = ev.groupby("source").size() / len(ev)
        flags: list[Raised] = []
        for agent, own in ev.groupby("agent_ref"):
            first_seen = own.groupby("source").head(1)
            at = first_seen.index.to_numpy()  # positions in ``ev``
            priors = own.index.get_indexer(first_seen.index).tolist()
            for i, prior, row in zip(at, priors, _records(first_seen), strict=True):
                # ``prior``: events the agent made before this source first appeared
                if not row["in_period"] or prior < t.new_source_min_history:
                    continue
                peer_share = float(source_share.get(row["source"], 0.0))
                if peer_share >= 0.01:
                    continue
                _raise(
                    flags,
                    AccessFlag(
                        kind="new_source",
                        agent_ref=str(agent),
                        engagement_id=eng,
                        day=str(row["day"]),
                        at=row["at"].to_pydatetime(),
                        reason=(
                            f"first access from {row['source']!r} after {prior} events from "
                            f"other sources; {peer_share:.2%} of the floor's events use it"
                        ),
                        numbers={"prior_events": float(prior), "floor_share": peer_share},
                        severity="minor",
                    ),
                    np.array([i]),
                )
        return flags

    # -- unhandled records ----------------------------------------------------------------
    def _unhandled(self, ev: pd.DataFrame, handled: pd.DataFrame, eng: str) -> list[Raised]:
        """Records accessed that the agent never served: per shift against its own baseline,
        and over the period against the floor."""
        accessed = ev[ev["record_ref"].notna()]
        if accessed.empty:
            return []
        pairs = set(
            zip(handled["agent_ref"].astype(str), handled["customer_ref"].astype(str), strict=True)
        )
        daily = accessed[["agent_ref", "record_ref", "shift_day", "in_period"]].drop_duplicates(
            ["agent_ref", "record_ref", "shift_day"]
        )
        daily = daily.assign(
            unhandled=[
                (a, r) not in pairs
                for a, r in zip(
                    daily["agent_ref"].astype(str), daily["record_ref"].astype(str), strict=True
                )
            ]
        )
        return self._unhandled_shifts(daily, eng) + self._unhandled_period(daily, eng)

    def _unhandled_shifts(self, daily: pd.DataFrame, eng: str) -> list[Raised]:
        t = self.thresholds
        per_shift = (
            daily.groupby(["agent_ref", "shift_day"])
            .agg(
                records=("unhandled", "size"),
                unhandled=("unhandled", "sum"),
                in_period=("in_period", "max"),
            )
            .reset_index()
        )
        peer = peer_baseline(per_shift["unhandled"].to_numpy(dtype=float))
        flags: list[Raised] = []
        unserved = daily[daily["unhandled"]]  # each record's first access in the shift
        shifts = unserved.groupby(["agent_ref", "shift_day"]).indices
        for agent, own in per_shift.groupby("agent_ref"):
            base = shrunk_baseline(
                own["unhandled"].to_numpy(dtype=float), peer, weight=t.prior_weight
            )
            limit = max(
                float(t.unhandled_min_records),
                t.spike_ratio * base.median,
                base.median + t.spike_mad_k * base.scale,
            )
            for row in _records(own[(own["unhandled"] > limit) & own["in_period"]]):
                n = float(row["unhandled"])
                _raise(
                    flags,
                    AccessFlag(
                        kind="unhandled_records",
                        agent_ref=str(agent),
                        engagement_id=eng,
                        day=str(row["shift_day"]),
                        at=None,
                        reason=(
                            f"{n:,.0f} records of customers the agent never served were opened "
                            f"in one shift; its usual shift has {base.median:,.1f} "
                            f"(limit {limit:,.1f})"
                        ),
                        numbers={
                            "unhandled": n,
                            "records": float(row["records"]),
                            "baseline_median": base.median,
                            "limit": limit,
                        },
                        severity="major",
                    ),
                    unserved.index.to_numpy()[shifts[(agent, row["shift_day"])]],
                )
        return flags

    def _unhandled_period(self, daily: pd.DataFrame, eng: str) -> list[Raised]:
        t = self.thresholds
        period = daily[daily["in_period"]].drop_duplicates(["agent_ref", "record_ref"])
        if period.empty:
            return []
        per_agent = period.groupby("agent_ref").agg(
            records=("unhandled", "size"),
            unhandled=("unhandled", "sum"),
            last_day=("shift_day", "max"),
        )
        per_agent["share"] = per_agent["unhandled"] / per_agent["records"]
        floor = float(per_agent["share"].median())
        flags: list[Raised] = []
        unserved = period[period["unhandled"]]  # each record's first access in the period
        agents = unserved.groupby("agent_ref").indices
        for row in _records(per_agent.reset_index()):
            if (
                row["records"] < t.unhandled_min_records
                or row["share"] - floor <= t.unhandled_excess
            ):
                continue
            _raise(
                flags,
                AccessFlag(
                    kind="unhandled_records",
                    agent_ref=str(row["agent_ref"]),
                    engagement_id=eng,
                    day=str(row["last_day"]),
                    at=None,
                    reason=(
                        f"{int(row['unhandled'])} of {int(row['records'])} records accessed "
                        f"({row['share']:.0%}) had no interaction with this agent; the floor's "
                        f"median is {floor:.0%}"
                    ),
                    numbers={
                        "records": float(row["records"]),
                        "unhandled": float(row["unhandled"]),
                        "share": float(row["share"]),
                        "floor_share": floor,
                    },
                    severity="major",
                ),
                unserved.index.to_numpy()[agents.get(row["agent_ref"], [])],
            )
        return flags


def _raise(flags: list[Raised], flag: AccessFlag, rows: np.ndarray) -> None:
    """Keep ``flag`` with the positions of the events that raised it."""
    flags.append((flag, np.asarray(rows, dtype=np.int64)))


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    if frame.empty:
        return []
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]
