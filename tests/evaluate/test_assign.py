"""The one-to-one assignment is a maximum-weight matching, not a greedy pass."""

from __future__ import annotations

from itertools import permutations

from hypothesis import given
from hypothesis import strategies as st

from actorgraph.evaluate.assign import assign


def test_assign_avoids_the_greedy_trap() -> None:
    # System 0 could take gold 0 or 1; system 1 only gold 0. Greedy in order would strand 1.
    edges = {(0, 0): 1, (0, 1): 1, (1, 0): 1}
    assert assign(edges) == {0: 1, 1: 0}


def test_assign_prefers_heavier_edges() -> None:
    assert assign({(0, 0): 1, (1, 0): 5}) == {1: 0}


def _best_total(edges: dict[tuple[int, int], int], n_sys: int, n_gold: int) -> int:
    best = 0
    sys_slots = list(range(n_sys)) + [-1] * n_gold
    for perm in permutations(sys_slots, n_gold):
        total = sum(edges.get((s, g), 0) for g, s in enumerate(perm) if s >= 0)
        best = max(best, total)
    return best


@given(
    st.integers(1, 4).flatmap(
        lambda n_sys: st.integers(1, 4).flatmap(
            lambda n_gold: st.tuples(
                st.just(n_sys),
                st.just(n_gold),
                st.dictionaries(
                    st.tuples(st.integers(0, n_sys - 1), st.integers(0, n_gold - 1)),
                    st.integers(1, 9),
                ),
            )
        )
    )
)
def test_assign_is_optimal_and_one_to_one(
    case: tuple[int, int, dict[tuple[int, int], int]],
) -> None:
    n_sys, n_gold, edges = case
    result = assign(edges)
    assert len(set(result.values())) == len(result)
    assert all((s, g) in edges for s, g in result.items())
    assert sum(edges[(s, g)] for s, g in result.items()) == _best_total(edges, n_sys, n_gold)
