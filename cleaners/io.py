"""Where documents come from and where cleaned text goes: files, folders, globs, stdin.

Cleaners never see a file; this module never cleans. Inputs are only ever read.
Outputs are written atomically (a temporary file in the same folder, then a rename),
so an interrupted run leaves either no output or a complete one, never half of one.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "a" / "b.txt"
>>> write_atomic(out, "你好\\n")
7
>>> out.read_text(encoding="utf-8")
'你好\\n'
"""

from __future__ import annotations

import codecs
import glob
import itertools
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

STDIN = "-"
SNIFF_BYTES = 8192

#: Leading bytes of formats that are never text: images, archives, executables, PDF. Formats with
#: short or printable magic (BMP "BM", EXE "MZ", ICO) are caught by their NUL bytes instead.
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "rar archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "executable"),
    (b"%PDF-", "PDF document"),
)
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
_TEXT_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_WIDE_CODECS = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")
_TEMP_NUMBERS = itertools.count()


def _plausible_wide_text(text: str, nuls: int, unit: int) -> bool:
    """Whether ``text`` (decoded from UTF-16/32 bytes holding ``nuls`` NUL bytes) looks like text.

    In UTF-16 text the NUL bytes come from characters below U+0100 (one each); in UTF-32
    text nearly every character is in the Basic Multilingual Plane.
    """
    if not text or any(c < " " and c not in _ALLOWED_CONTROLS for c in text):
        return False
    if unit == 2:
        return 2 * sum(c < "\u0100" for c in text) >= nuls
    return 10 * sum(c <= "\uffff" for c in text) >= 9 * len(text)


def _is_wide_text(head: bytes) -> bool:
    """Whether ``head`` reads as UTF-16 or UTF-32 text without a BOM (which is full of NUL bytes)."""
    nuls = head.count(0)
    for codec in _WIDE_CODECS:
        unit = 4 if codec.startswith("utf-32") else 2
        aligned = len(head) - len(head) % unit
        for end in (aligned, aligned - unit):  # the second drops half a surrogate pair cut at the end
            try:
                text = head[: max(end, 0)].decode(codec)
            except UnicodeDecodeError:
                continue
            if _plausible_wide_text(text, nuls, unit):
                return True
            break
    return False


def binary_reason(head: bytes) -> str | None:
    r"""Why the file starting with ``head`` is not text (``None`` when it is text).

    Image and archive magic, or NUL bytes that are not UTF-16/UTF-32 text.

    >>> binary_reason(b"\x89PNG\r\n\x1a\n....")
    'binary file (PNG image)'
    >>> binary_reason("你好, world".encode("utf-16-le")) is None
    True
    >>> binary_reason(b"abc\x00\x00\x00\x01\x02def")
    'binary file (NUL bytes)'
    >>> binary_reason(b"") is None
    True
    """
    if head.startswith(_TEXT_BOMS):
        return None
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return f"binary file ({kind})"
    if head.startswith(b"RIFF") and head[8:12] in _RIFF_KINDS:
        return f"binary file ({_RIFF_KINDS[head[8:12]]})"
    if b"\x00" in head and not _is_wide_text(head):
        return "binary file (NUL bytes)"
    return None


@dataclass(frozen=True)
class Source:
    """One input: a file (with its path relative to the folder or glob it was found by) or stdin."""

    path: Path | None
    relative: Path

    @property
    def name(self) -> str:
        return str(self.path) if self.path is not None else "<stdin>"

    def read(self) -> bytes:
        if self.path is None:
            return sys.stdin.buffer.read()
        return self.path.read_bytes()

    def size(self) -> int:
        """Bytes on disk (0 for stdin or a file that vanished)."""
        try:
            return self.path.stat().st_size if self.path is not None else 0
        except OSError:
            return 0


def same_file(first: Path, second: Path) -> bool:
    """Whether both paths name one existing file (the same path, a link, a hard link).

    >>> here = Path(__file__)
    >>> same_file(here, here.parent / ".." / "cleaners" / here.name), same_file(here, here.with_suffix(".missing"))
    (True, False)
    """
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _is_glob(name: str) -> bool:
    return any(c in name for c in "*?[")


def _glob_base(pattern: str) -> Path:
    """The folder part of ``pattern`` before its first wildcard: ``data/**/*.txt`` -> ``data``."""
    parts = Path(pattern).parts
    fixed = parts[: next(i for i, part in enumerate(parts) if _is_glob(part))]
    return Path(*fixed) if fixed else Path()


def _walk(folder: Path, exclude: Path | None, below: Path) -> Iterator[tuple[Path, Path]]:
    """Each file under ``folder`` with its path relative to ``folder``, put ``below`` a prefix."""
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        relative = below / here.relative_to(folder)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and (exclude is None or (here / d).resolve() != exclude)
        )
        for file in sorted(files):
            if not file.startswith("."):
                yield here / file, relative / file


def iter_sources(inputs: Sequence[str], exclude: Path | None = None) -> Iterator[Source | tuple[str, str]]:
    """The documents named by ``inputs``: files, folders walked recursively, globs, ``-``.

    A name that matches nothing yields ``(name, problem)`` instead, so the caller can
    report it and go on. Hidden files and folders inside a walked folder are skipped, and
    so is the folder ``exclude`` (where the outputs go, when it is inside an input).
    Files come in a stable order (sorted per folder), lazily: memory does not grow with
    the number of files.

    A file's ``relative`` path is where its output goes below an output folder: below the
    folder or glob base it was found in, and, when several inputs are given, below that
    input's own name, as ``cp -r a/ b/ out/`` does (``a/x.txt`` and ``b/x.txt`` must not both
    become ``out/x.txt``). A second input of the same name is refused.
    """
    excluded = exclude.resolve() if exclude is not None else None
    several = len(inputs) > 1
    named: dict[str, str] = {}
    for name in inputs:
        if name == STDIN:
            yield Source(None, Path("stdin.txt"))
            continue
        path = Path(name)
        top = _own_name(path, name) if several else ""
        if top and named.setdefault(top, name) != name:
            yield name, f"its outputs would overwrite those of {named[top]} (same name {top!r})"
            continue
        if path.is_dir():
            for found, relative in _walk(path, excluded, Path(top)):
                yield Source(found, relative)
        elif path.is_file():
            yield Source(path, Path(path.name))
        elif _is_glob(name):
            base, matched = _glob_base(name), False
            for match in sorted(glob.iglob(name, recursive=True)):
                found = Path(match)
                if found.is_file() and (excluded is None or excluded not in found.resolve().parents):
                    matched = True
                    yield Source(found, Path(top, found.relative_to(base)))
            if not matched:
                yield name, "no file matches this pattern"
        else:
            yield name, "no such file or folder"


def _own_name(path: Path, name: str) -> str:
    """The name an input goes by below an output folder: a folder's or file's own name (``.`` is
    the current folder's), a glob's base folder's name (none for a glob in the current folder).

    >>> [_own_name(Path(name), name) for name in ("cleaners/", "x/*.txt", "*.md")]
    ['cleaners', 'x', '']
    """
    if _is_glob(name) and not path.exists():
        return _glob_base(name).name
    return path.name or path.resolve().name


class AtomicFile:
    """A new temporary file beside ``path``: :meth:`commit` renames it to ``path``, :meth:`abort` removes it.

    The temporary name is hidden (``.name.PID-N.tmp``), so an output that exists is complete.
    :attr:`fd` is the temporary file, open for writing (:meth:`commit` and :meth:`abort`
    close it if the caller has not). Creating it costs one system call in the common case:
    the folder is made only when missing, and the mode is the usual one (``0o666`` less the umask).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        while True:
            self.tmp = path.with_name(f".{path.name}.{os.getpid()}-{next(_TEMP_NUMBERS)}.tmp")
            try:
                self.fd: int | None = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
                break
            except FileNotFoundError:
                path.parent.mkdir(parents=True, exist_ok=True)
            except FileExistsError:  # left by an earlier process with the same id
                continue

    def handle(self, mode: str = "wb", **kwargs: Any) -> IO[Any]:
        """:attr:`fd` as a file object (which then owns it)."""
        assert self.fd is not None, "the temporary file was already handed out or closed"
        fd, self.fd = self.fd, None
        return open(fd, mode, **kwargs)

    def _close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def commit(self) -> None:
        self._close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self._close()
        self.tmp.unlink(missing_ok=True)


def write_atomic(path: Path, text: str) -> int:
    """Write ``text`` as UTF-8 to ``path`` through a temporary file and a rename; the bytes written."""
    data = text.encode("utf-8")
    file = AtomicFile(path)
    try:
        with file.handle("wb") as handle:
            handle.write(data)
        file.commit()
    except BaseException:
        file.abort()
        raise
    return len(data)
