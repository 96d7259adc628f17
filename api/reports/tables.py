"""Per-agent and per-slot CSV tables written beside a roster."""

from __future__ import annotations

import csv
import io

from solver.verifier import VerificationReport


def agent_hours_csv(report: VerificationReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["agent_id", "week", "worked_hours", "contract_min", "contract_max", "aid_cap"])
    for w in report.kpis.agent_weeks:
        writer.writerow(
            [
                w.agent_id,
                w.week + 1,
                f"{w.worked_hours:.2f}",
                f"{w.contract_min_hours:.2f}",
                f"{w.contract_max_hours:.2f}",
                "" if w.aid_cap_hours is None else f"{w.aid_cap_hours:.2f}",
            ]
        )
    return out.getvalue()


def caller_notice_csv(report: VerificationReport) -> str:
    """Slot by slot, the countries each queue's agents answer from."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["queue", "slot_start_site", "required", "scheduled", "countries"])
    k = report.kpis
    for queue in k.queues.values():
        for i, start in enumerate(k.slot_starts):
            if queue.required[i] or queue.scheduled[i]:
                writer.writerow(
                    [
                        queue.queue,
                        start.isoformat(timespec="minutes"),
                        queue.required[i],
                        queue.scheduled[i],
                        " ".join(queue.countries[i]),
                    ]
                )
    return out.getvalue()
