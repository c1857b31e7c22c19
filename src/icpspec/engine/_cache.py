"""A small cache keyed by the identity of immutable objects (a spec, a normaliser)."""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["IdentityCache"]

V = TypeVar("V")


class IdentityCache(Generic[V]):
    """The ``size`` values made last, keyed by the identity of the objects they were made from.

    The keys are held, so an ``id`` is never reused while its entry lives:
    a hit is always the very objects asked about. Specs are immutable, so
    what was made from one never goes stale. Bounded, so a service that
    loads specs forever keeps only the last few compiled.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[tuple[int, ...], tuple[tuple[object, ...], V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, keys: tuple[object, ...], make: Callable[[], V]) -> V:
        """The value made from ``keys`` (compared by identity), made with ``make`` on a miss."""
        ident = tuple(map(id, keys))
        entry = self._items.get(ident)
        if entry is not None and all(a is b for a, b in zip(entry[0], keys, strict=True)):
            # Another thread may have evicted it meanwhile: it is still a right answer.
            with contextlib.suppress(KeyError):
                self._items.move_to_end(ident)
            return entry[1]
        value = make()  # outside the lock: compiling may take a while, and may raise
        with self._lock:
            self._items[ident] = (keys, value)
            self._items.move_to_end(ident)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)
