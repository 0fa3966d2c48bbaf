"""MinHash signatures: deterministic, and the 0.8 threshold separates copies from other texts."""

from __future__ import annotations

from actorgraph.store.minhash import NUM_HASHES, band_keys, shingles, signature, similarity

PINNED = [111653307847024579, 431678404097962, 17355723292152809]
TEXT = (
    "The harbour board voted on Friday to close the northern quay for repairs. Fishing crews "
    "will use the southern moorings until the end of the season, the board said. Repairs to "
    "the sea wall are expected to take four months and cost more than the original estimate. "
    "Several captains asked for a reduction in mooring fees while the work goes on."
)


def test_signature_is_fixed_across_runs() -> None:
    sig = signature(TEXT)
    assert len(sig) == NUM_HASHES and len(band_keys(sig)) == 16
    # Pinned values: a change here means stored signatures no longer compare with new ones.
    assert sig[:3] == PINNED


def test_copies_and_light_edits_are_similar_other_texts_are_not() -> None:
    edited = TEXT.replace("four months", "five months")
    other = "Wheat prices rose sharply on the regional exchange after a week of heavy rain."
    assert similarity(signature(TEXT), signature(TEXT)) == 1.0
    assert similarity(signature(TEXT), signature(edited)) >= 0.8
    assert similarity(signature(TEXT), signature(other)) < 0.2


def test_short_texts_are_one_shingle() -> None:
    assert shingles("Two words") == {"two words"}
    assert len(shingles("one two three four five six")) == 2
