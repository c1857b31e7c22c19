"""A small cache keyed by the identity of immutable objects (a spec, a normaliser)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["IdentityCache"]

V = TypeVar("V")


class IdentityCache(Generic[V]):
    """The ``size`` values used last, keyed by the identity of the objects they were made from.

    The keys are held, so an ``id`` is never reused while its entry lives:
    a hit is always the very objects asked about. Specs are immutable, so
    what was made from one never goes stale. Bounded, so a service that
    loads specs forever keeps only the last few compiled. A hit costs a
    dictionary lookup: convenience functions call this once per record.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[object, tuple[object, V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: object, make: Callable[[], V]) -> V:
        """The value made from ``key`` (compared by identity), made with ``make`` on a miss."""
        ident = id(key)
        entry = self._items.get(ident)
        if entry is not None and entry[0] is key:
            try:  # noqa: SIM105 - contextlib.suppress would cost a context manager per hit
                self._items.move_to_end(ident)
            except KeyError:  # another thread evicted it meanwhile: still a right answer
                pass
            return entry[1]
        return self._put(ident, key, make())  # made outside the lock: compiling may take a while

    def get_pair(self, first: object, second: object, make: Callable[[], V]) -> V:
        """Like :meth:`get`, keyed by two objects."""
        ident = (id(first), id(second))
        entry = self._items.get(ident)
        if entry is not None:
            kept = entry[0]
            assert isinstance(kept, tuple)
            if kept[0] is first and kept[1] is second:
                try:  # noqa: SIM105 - as in get
                    self._items.move_to_end(ident)
                except KeyError:
                    pass
                return entry[1]
        return self._put(ident, (first, second), make())

    def _put(self, ident: object, key: object, value: V) -> V:
        with self._lock:
            self._items[ident] = (key, value)
            self._items.move_to_end(ident)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)
