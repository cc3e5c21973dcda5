"""Word-level alignment of two texts in the same language: shared passages and the edits.

Seed and extend: every run of ``SEED`` identical folded words seeds a block, extended while the
words agree; blocks are then chosen largest first so that each word is matched at most once
(paragraphs moved around still align), and blocks that follow each other on both sides with
small gaps are chained into passages. The gaps inside a passage are the edits (a word changed,
added or removed); the words outside every passage were added or removed wholesale.

Blocks and passages never run across a segment boundary (a place where cleaning cut furniture
out, or a link line), so each passage is one contiguous piece of the original text.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

__all__ = ["SEED", "Block", "Gap", "TokenPassage", "align_words"]

SEED = 3
#: most words a gap inside a passage may span on either side
MAX_GAP = 12
#: fewest matched words for a passage to be kept
MIN_PASSAGE = 6
_MAX_POSITIONS = 16


@dataclass(frozen=True, slots=True)
class Block:
    a: int
    b: int
    size: int


@dataclass(frozen=True, slots=True)
class Gap:
    """Unmatched words between two blocks of a passage: ``[a0, a1)`` in A, ``[b0, b1)`` in B."""

    a0: int
    a1: int
    b0: int
    b1: int

    @property
    def op(self) -> str:
        if self.a1 > self.a0 and self.b1 > self.b0:
            return "changed"
        return "removed" if self.a1 > self.a0 else "added"


@dataclass(frozen=True, slots=True)
class TokenPassage:
    """A chain of blocks: words ``[a0, a1)`` of A aligned with ``[b0, b1)`` of B."""

    a0: int
    a1: int
    b0: int
    b1: int
    matched: int
    blocks: tuple[Block, ...]
    gaps: tuple[Gap, ...]


def _blocks(wa: list[str], wb: list[str], sa: list[int], sb: list[int]) -> list[Block]:
    index: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(wb) - SEED + 1):
        if sb[j] != sb[j + SEED - 1]:
            continue
        lst = index.setdefault(tuple(wb[j : j + SEED]), [])
        if len(lst) < _MAX_POSITIONS:
            lst.append(j)
    found: list[Block] = []
    reach: dict[int, int] = {}  # diagonal j - i -> end (in A) of the last block found on it
    na, nb = len(wa), len(wb)
    for i in range(na - SEED + 1):
        if sa[i] != sa[i + SEED - 1]:
            continue
        js = index.get(tuple(wa[i : i + SEED]))
        if not js:
            continue
        for j in js:
            d = j - i
            if reach.get(d, -1) > i:
                continue
            s = SEED
            while (
                i + s < na
                and j + s < nb
                and wa[i + s] == wb[j + s]
                and sa[i + s] == sa[i]
                and sb[j + s] == sb[j]
            ):
                s += 1
            reach[d] = i + s
            found.append(Block(i, j, s))
    return found


def _select(blocks: list[Block], na: int, nb: int) -> list[Block]:
    """Largest blocks first, each word used once (a block overlapping one already taken keeps
    its longest free stretch when that is still at least ``SEED`` words)."""
    used_a = bytearray(na)
    used_b = bytearray(nb)
    chosen: list[Block] = []
    for blk in sorted(blocks, key=lambda b: (-b.size, b.a, b.b)):
        best_start, best_len, run_start = 0, 0, -1
        for t in range(blk.size + 1):
            free = t < blk.size and not used_a[blk.a + t] and not used_b[blk.b + t]
            if free and run_start < 0:
                run_start = t
            elif not free and run_start >= 0:
                if t - run_start > best_len:
                    best_start, best_len = run_start, t - run_start
                run_start = -1
        if best_len < SEED:
            continue
        a, b = blk.a + best_start, blk.b + best_start
        used_a[a : a + best_len] = b"\x01" * best_len
        used_b[b : b + best_len] = b"\x01" * best_len
        chosen.append(Block(a, b, best_len))
    chosen.sort(key=lambda b: (b.a, b.b))
    return chosen


def _extend(
    chosen: list[Block], wa: list[str], wb: list[str], sa: list[int], sb: list[int]
) -> list[Block]:
    """Grow each block over equal words just before it (seeds miss runs shorter than SEED)."""
    used_a = bytearray(len(wa))
    used_b = bytearray(len(wb))
    for blk in chosen:
        used_a[blk.a : blk.a + blk.size] = b"\x01" * blk.size
        used_b[blk.b : blk.b + blk.size] = b"\x01" * blk.size
    out: list[Block] = []
    for blk in chosen:
        a, b, size = blk.a, blk.b, blk.size
        while (
            a > 0
            and b > 0
            and not used_a[a - 1]
            and not used_b[b - 1]
            and wa[a - 1] == wb[b - 1]
            and sa[a - 1] == sa[a]
            and sb[b - 1] == sb[b]
        ):
            a, b, size = a - 1, b - 1, size + 1
            used_a[a] = used_b[b] = 1
        out.append(Block(a, b, size))
    return out


def _chain(blocks: list[Block], sa: list[int], sb: list[int]) -> list[TokenPassage]:
    passages: list[TokenPassage] = []
    cur: list[Block] = []

    def close() -> None:
        if not cur:
            return
        matched = sum(b.size for b in cur)
        if matched >= MIN_PASSAGE:
            gaps = tuple(
                Gap(p.a + p.size, n.a, p.b + p.size, n.b)
                for p, n in itertools.pairwise(cur)
                if n.a > p.a + p.size or n.b > p.b + p.size
            )
            last = cur[-1]
            passages.append(
                TokenPassage(
                    cur[0].a,
                    last.a + last.size,
                    cur[0].b,
                    last.b + last.size,
                    matched,
                    tuple(cur),
                    gaps,
                )
            )
        cur.clear()

    for blk in blocks:  # sorted by position in A
        if cur:
            p = cur[-1]
            ga, gb = blk.a - (p.a + p.size), blk.b - (p.b + p.size)
            if (
                0 <= ga <= MAX_GAP
                and 0 <= gb <= MAX_GAP
                and sa[blk.a] == sa[p.a]
                and sb[blk.b] == sb[p.b]
            ):
                cur.append(blk)
                continue
            close()
        cur.append(blk)
    close()
    return passages


def align_words(
    wa: list[str], wb: list[str], seg_a: list[int] | None = None, seg_b: list[int] | None = None
) -> list[TokenPassage]:
    """Passages shared by two word sequences, in the order of A.

    ``seg_a``/``seg_b`` give each word's segment; words of different segments are never
    aligned as neighbours. Equal words with different segment numbers still match.
    """
    sa = seg_a if seg_a is not None else [0] * len(wa)
    sb = seg_b if seg_b is not None else [0] * len(wb)
    if len(wa) < SEED or len(wb) < SEED:
        return []
    chosen = _select(_blocks(wa, wb, sa, sb), len(wa), len(wb))
    return _chain(_extend(chosen, wa, wb, sa, sb), sa, sb)
