"""A bounded, thread-safe memory of recent results, so a text read twice is worked out once."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Recent(Generic[K, V]):
    """The last `size` keys' values; the least recently used is forgotten first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def values(self, keys: Sequence[K], compute: Callable[[list[K]], Sequence[V]]) -> list[V]:
        """One value per key: remembered ones as they are, the others from one call of
        `compute` on the different keys not remembered (outside the lock: it may be slow)."""
        with self._lock:
            known = {key: self._values[key] for key in keys if key in self._values}
        fresh = [key for key in dict.fromkeys(keys) if key not in known]
        if fresh:
            known.update(zip(fresh, compute(fresh), strict=True))
        with self._lock:
            for key in keys:
                self._values[key] = known[key]
                self._values.move_to_end(key)
            while len(self._values) > self._size:
                self._values.popitem(last=False)
        return [known[key] for key in keys]
