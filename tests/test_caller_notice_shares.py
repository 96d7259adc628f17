"""The summary's caller-notice shares add up to 100 %, however many mixes there are."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from api.reports.solve_summary import mix_shares


def test_three_equal_mixes_and_a_long_tail() -> None:
    assert mix_shares([("FR",), ("MA",), ("FR", "MA")]) == [("FR", 34), ("MA", 33), ("FR+MA", 33)]
    slots = [(c,) for c in "ABCDEF"] + [("F",)] + [()] * 5
    assert mix_shares(slots) == [("F", 29), ("A", 14), ("B", 14), ("C", 14), ("other", 29)]
    assert mix_shares([(), ()]) == []


@given(st.lists(st.sampled_from([(), ("FR",), ("MA",), ("FR", "MA"), ("PT",), ("SN",), ("TN",)])))
def test_shares_always_add_up_to_a_hundred(slots: list[tuple[str, ...]]) -> None:
    shares = mix_shares(slots)
    assert sum(share for _mix, share in shares) == (100 if any(slots) else 0)
    assert len(shares) <= 5
