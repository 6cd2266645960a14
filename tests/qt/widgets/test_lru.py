"""LruCache: the Qt layer's bounded, thread-safe cache."""

from __future__ import annotations

import threading

import pytest

from desktop.qt.widgets.lru import LruCache


def test_the_least_recently_used_entry_goes_first() -> None:
    cache: LruCache[str, int] = LruCache(2)
    assert cache.put("a", 1) == 1
    cache.put("b", 2)
    assert cache.get("a") == 1  # "b" is now the oldest
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)
    assert len(cache) == 2
    cache.clear()
    assert len(cache) == 0 and cache.get("a") is None


def test_a_cache_needs_room_for_one_entry() -> None:
    with pytest.raises(ValueError):
        LruCache(0)


def test_the_bound_holds_with_several_threads() -> None:
    cache: LruCache[tuple[int, int], int] = LruCache(64)

    def work(n: int) -> None:
        for k in range(2000):
            cache.put((n, k), k)
            cache.get((n, k // 2))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache) == 64
