"""Extra legacy-encoding cases that the shared make_encoding.py does not make.

make_encoding.py covers utf8/utf16/gb18030/gbk/big5 and mojibake kinds. This adds
the other legacy byte encodings the dev texts were written for: shift_jis and
euc-jp (104_ja), euc-kr (105_ko) and cp1252 (106_latin). Same layout and naming
as make_encoding.py, so score_encoding.py scores it unchanged:

    python make_encoding_extra.py SRC_DIR OUT_DIR
    python score_encoding.py OUT_DIR

Writes OUT_DIR/cases/<doc>__<kind>__<size>.bin and OUT_DIR/gold/<doc>__<kind>__<size>.txt.
Texts that cannot be encoded in a kind are skipped, as in make_encoding.py.
"""
import pathlib
import sys


def first_chunk(text: str) -> str:
    """Same as make_encoding.first_chunk (copied so this script stands alone)."""
    body = " ".join(text.split())
    for i, ch in enumerate(body):
        if ch in "。！？!?" and i >= 40:
            return body[: i + 1]
    return body[:80]


KINDS = {
    "shift_jis": "shift_jis",
    "euc-jp": "euc_jp",
    "euc-kr": "euc_kr",
    "cp1252": "cp1252",
}


def main() -> None:
    src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    (out / "cases").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    n = 0
    for path in sorted(src.glob("*.txt")):
        full = path.read_text(encoding="utf-8").strip() + "\n"
        for size, text in (("doc", full), ("short", first_chunk(full))):
            for kind, codec in KINDS.items():
                try:
                    data = text.encode(codec)
                except UnicodeError:
                    continue
                name = f"{path.stem}__{kind}__{size}"
                (out / "cases" / f"{name}.bin").write_bytes(data)
                (out / "gold" / f"{name}.txt").write_text(text, encoding="utf-8")
                n += 1
    print(n, "cases")


if __name__ == "__main__":
    main()
