"""The decision ledger: recorded, verified, tamper-evident, replayable, safe to share."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import blocks
import pytest
import yaml
from click.testing import CliRunner
from comply.cli import main
from comply.engine import families, ledger

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "district-2012"


def comply(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, result.output
    return result.output


def record_parcels(db: Path, tmp_path: Path) -> None:
    comply(
        "parcels",
        str(EXAMPLES / "parcels.csv"),
        "--as-of",
        "2012-08-31",
        "--record",
        "--ledger",
        str(db),
        "--out",
        str(tmp_path / "out.json"),
    )


def test_a_recorded_run_verifies_and_lists(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite"
    record_parcels(db, tmp_path)
    comply(
        "budget",
        str(EXAMPLES / "budget.csv"),
        "--as-of",
        "2012-08-31",
        "--record",
        "--ledger",
        str(db),
        "--out",
        str(tmp_path / "b.json"),
    )
    listed = comply("ledger", "list", "--ledger", str(db))
    assert "parcels   as of 2012-08-31  34 rows, 34 decisions" in listed
    assert "budget    as of 2012-08-31  63 rows, 13 decisions" in listed
    assert "runs verified: the chain is intact" in comply("ledger", "verify", "--ledger", str(db))
    shown = comply("ledger", "show", "2", "--ledger", str(db))
    [line] = [line for line in shown.splitlines() if line.startswith("PJ-2012-003 ")]
    assert "increase approved" in line
    assert "LATE_REPORT 2012-" in line
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_altering_one_byte_of_a_decision_is_named(tmp_path: Path) -> None:
    """An entry altered in its block breaks the block, named by its first and last entry;
    `show` warns before it shows the run. Altered with its block's record made to match,
    the record's own hash no longer holds."""
    recorded = tmp_path / "ledger.sqlite"
    record_parcels(recorded, tmp_path)
    db = tmp_path / "altered.sqlite"
    db.write_bytes(recorded.read_bytes())
    fee = "8253600.00"
    seq = blocks.alter(db, "decision", "P-2012-025", lambda body: body.replace(fee, "8253600.01"))
    output = comply("ledger", "verify", "--ledger", str(db), code=2)
    where = f"record {seq} (block decision P-2012-001 .. P-2012-034 of run 1) is broken"
    assert where in output
    assert "an entry in it was altered" in output
    shown = CliRunner().invoke(main, ["ledger", "show", "1", "--ledger", str(db)])
    assert shown.exit_code == 0
    assert (
        f"WARNING: record {seq} (the block of decisions P-2012-001 to P-2012-034) was altered"
        in shown.output
    )
    assert "8,253,600.01" in shown.output  # shown as it now is, after the warning
    replayed = CliRunner().invoke(main, ["ledger", "replay", "1", "--ledger", str(db)])
    assert f"WARNING: record {seq} (the block of decisions" in replayed.output
    assert "P-2012-025: " in replayed.output  # the fee recorded differs from the fee now
    zh = comply("ledger", "verify", "--ledger", str(db), "--lang", "zh", code=2)
    assert f"第 {seq} 条记录（第 1 次运行的 block decision P-2012-001 .. P-2012-034）已损坏" in zh
    assert "其中有条目被篡改" in zh
    db = tmp_path / "rehashed.sqlite"
    db.write_bytes(recorded.read_bytes())
    seq = blocks.alter(
        db, "decision", "P-2012-025", lambda body: body.replace(fee, "1.00"), rehash=True
    )
    output = comply("ledger", "verify", "--ledger", str(db), code=2)
    assert f"record {seq} (block decision P-2012-001 .. P-2012-034 of run 1) is broken" in output
    assert "it was altered" in output


def test_removing_a_record_is_named(tmp_path: Path) -> None:
    recorded = tmp_path / "ledger.sqlite"
    record_parcels(recorded, tmp_path)
    db = tmp_path / "removed.sqlite"
    db.write_bytes(recorded.read_bytes())
    with sqlite3.connect(db) as con:
        con.execute("DELETE FROM chain WHERE kind = 'block' AND key LIKE 'input %'")
    assert "a record was removed, inserted or moved" in comply(
        "ledger", "verify", "--ledger", str(db), code=2
    )
    db = tmp_path / "emptied.sqlite"
    db.write_bytes(recorded.read_bytes())
    with sqlite3.connect(db) as con:  # a block's entries removed, its record kept
        [[seq]] = con.execute("SELECT MIN(seq) FROM chain WHERE kind = 'block'")
        con.execute("DELETE FROM blocks WHERE seq = ?", (seq,))
    output = comply("ledger", "verify", "--ledger", str(db), code=2)
    assert f"record {seq} (block input 2 .. 35 of run 1) is broken" in output
    assert "its entries are missing" in output
    out = comply("ledger", "replay", "1", "--ledger", str(db), code=2)
    assert f"record {seq} of the ledger is not readable" in out


def test_a_run_tampered_with_is_still_named_and_its_number_not_taken_again(
    tmp_path: Path,
) -> None:
    """Runs are found by their headers, but a record is a run's by its own run number: a
    run whose header is gone, or a record moved into another run, is still named by `show`
    (the warning before the ledger indexed headers), and the next run takes a number of its
    own even when the last run's header was altered."""
    db = tmp_path / "ledger.sqlite"
    for _ in range(3):
        record_parcels(db, tmp_path)
    with sqlite3.connect(db) as con:
        [[moved]] = con.execute(
            "SELECT seq FROM chain WHERE run = 3 AND key LIKE 'decision %' ORDER BY seq LIMIT 1"
        )
        con.execute("UPDATE chain SET run = 1 WHERE seq = ?", (moved,))
        con.execute("DELETE FROM chain WHERE kind = 'run' AND run = 2")
        con.execute("UPDATE chain SET kind = 'note' WHERE kind = 'run' AND run = 3")
    gone = comply("ledger", "show", "2", "--ledger", str(db), code=2)
    assert "WARNING: the ledger fails verification" in gone
    assert "run 2 may not be what was recorded" in gone
    shown = comply("ledger", "show", "1", "--ledger", str(db))
    assert f"WARNING: record {moved} (the block of decisions" in shown
    result = CliRunner().invoke(main, ["ledger", "head", "--ledger", str(db)])
    assert "3 runs," in result.output
    record_parcels(db, tmp_path)
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT MAX(run) FROM chain WHERE kind = 'run'").fetchone()[0] == 4


def test_records_tampered_into_another_kind_are_refused_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite"
    record_parcels(db, tmp_path)
    for kind, key, body, says in (
        ("input", "2", None, "input row P-2012-001 is not a readable record"),
        ("decision", "P-2012-001", "[1, 2]", "decision P-2012-001 is not a readable record"),
    ):
        altered = tmp_path / f"{kind}.sqlite"
        altered.write_bytes(db.read_bytes())

        def retyped(line: str, kind: str = kind, body: str | None = body) -> str:
            _, separator, was = line.partition(ledger.SEPARATOR)
            return ledger._head(kind, "P-2012-001") + separator + (body or was)

        blocks.alter(altered, kind, key, retyped, rehash=True)
        out = comply("ledger", "replay", "1", "--ledger", str(altered), code=2)
        assert says in out
        assert "run comply ledger verify" in out
    for run in ("0", str(2**63)):
        out = comply("ledger", "show", run, "--ledger", str(db), code=2)
        assert "Invalid value for 'RUN'" in out


def test_replay_after_a_parameter_change_lists_exactly_what_it_changes(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite"
    record_parcels(db, tmp_path)
    assert comply("ledger", "replay", "1", "--ledger", str(db)).strip() == (
        "0 decisions differ from run 1"
    )
    rules = tmp_path / "rules"
    rules.mkdir()
    for path in families.RULES_DIR.glob("*.yaml"):
        (rules / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    doc = yaml.safe_load((rules / "idle_land.yaml").read_text(encoding="utf-8"))
    doc["parameters"]["idle_fee_rate"]["value"] = "0.15"
    (rules / "idle_land.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    lines = comply("ledger", "replay", "1", "--ledger", str(db), "--rules", str(rules)).splitlines()
    fees = [line for line in lines if line.startswith("P-")]
    assert [line.split(":")[0] for line in fees] == ["P-2012-025", "P-2012-027", "P-2012-033"]
    assert all(
        "because parameter idle_fee_rate changed 0.20 -> 0.15 (used by IL-ART14-1-FEE)" in line
        for line in fees
    )
    assert "3 decisions differ from run 1" in lines[-1]


def test_several_processes_recording_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite"
    comply_bin = Path(sys.executable).parent / "comply"
    processes = [
        subprocess.Popen(
            [
                str(comply_bin),
                "parcels",
                str(EXAMPLES / "parcels.csv"),
                "--as-of",
                "2012-08-31",
                "--record",
                "--ledger",
                str(db),
                "--out",
                str(tmp_path / f"out{n}.json"),
            ],
            stderr=subprocess.PIPE,
        )
        for n in range(4)
    ]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read() if process.stderr else ""
    listed = comply("ledger", "list", "--ledger", str(db)).splitlines()
    assert [line.split()[0] for line in listed] == ["1", "2", "3", "4"]
    assert "the chain is intact" in comply("ledger", "verify", "--ledger", str(db))


def test_no_ledger_yet(tmp_path: Path) -> None:
    assert "no ledger there" in comply("ledger", "list", "--ledger", str(tmp_path / "x"), code=2)


def _decision_bodies(db: Path, run: int) -> list[str]:
    return [body for _, of, _, _, body in blocks.entries(db, "decision") if of == run]


def test_a_run_in_chinese_and_in_english_records_the_same_decisions(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite"
    for lang in ("zh", "en"):
        comply(
            "parcels",
            str(EXAMPLES / "parcels.csv"),
            "--as-of",
            "2012-08-31",
            "--lang",
            lang,
            "--record",
            "--ledger",
            str(db),
            "--out",
            str(tmp_path / f"{lang}.json"),
        )
    zh, en = _decision_bodies(db, 1), _decision_bodies(db, 2)
    assert len(zh) == 34
    assert zh == en
    assert not any("闲置" in body or "title" in body or "basis" in body for body in zh)


def test_show_renders_the_records_as_the_run_wrote_them_in_any_language(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite"
    record_parcels(db, tmp_path)  # English JSON to out.json
    written = (tmp_path / "out.json").read_text(encoding="utf-8")
    shown = comply("ledger", "show", "1", "--ledger", str(db), "--format", "json")
    assert shown.endswith(written)  # after the run's header, the same document
    zh = comply("ledger", "show", "1", "--ledger", str(db), "--lang", "zh")
    assert "预期征缴的土地闲置费（程序尚未进行到作出决定）：3 宗，合计 27,094,600.10 元" in zh


def test_runs_are_found_by_number_in_a_new_ledger_and_in_one_indexed_as_before(
    tmp_path: Path,
) -> None:
    """A new ledger indexes only runs' headers and rule files (a run's other entries are
    found between its header and the next); one made with the earlier index of every entry
    is appended to and read the same, and gains the new indexes."""

    new, old = tmp_path / "new.sqlite", tmp_path / "old.sqlite"
    record_parcels(new, tmp_path)
    with sqlite3.connect(old) as con:  # as earlier versions made it
        con.executescript(ledger.TABLES.split("CREATE INDEX")[0])
        con.execute("CREATE INDEX chain_run ON chain (run, kind)")
    record_parcels(old, tmp_path)
    for db in (new, old):
        comply(
            "budget", str(EXAMPLES / "budget.csv"), "--as-of", "2012-08-31",
            "--record", "--ledger", str(db), "--out", str(tmp_path / "b.json"),
        )  # fmt: skip
        record_parcels(db, tmp_path)
    indexes = "SELECT name FROM sqlite_master WHERE type = 'index'"
    with sqlite3.connect(new) as con:
        assert con.execute("PRAGMA page_size").fetchone()[0] == ledger.PAGE_SIZE
        assert {name for (name,) in con.execute(indexes)} == {"chain_runs", "chain_rulebook"}
    with sqlite3.connect(old) as con:
        found = {name for (name,) in con.execute(indexes)}
        assert found == {"chain_run", "chain_runs", "chain_rulebook"}
    for db in (new, old):
        counts = [
            [len(ledger.run_seqs(db, run, kind)) for kind in ("run", "seal")]
            + [len(ledger.run_entries(db, run, kind)) for kind in ("input", "decision")]
            for run in (1, 2, 3)
        ]
        assert counts == [[1, 1, 34, 34], [1, 1, 63, 13], [1, 1, 34, 34]]
        assert [len(ledger.run_seqs(db, 4, kind)) for kind in ("run", "decision")] == [0, 0]
        assert [key for key, _ in ledger.run_entries(db, 2, "decision")][:1] == ["PJ-2012-001"]
        assert _decision_bodies(db, 3) == _decision_bodies(db, 1)
        assert "3 runs verified" in comply("ledger", "verify", "--ledger", str(db))


def test_a_ledger_of_the_earlier_schema_is_refused_not_misread(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite"
    record_parcels(db, tmp_path)
    with sqlite3.connect(db) as con:  # as comply 0.1 wrote it: no schema in the run header
        con.execute(
            "UPDATE chain SET body = replace(body, ?, ?) WHERE kind = 'run'",
            ('"schema":3', '"was":3'),
        )
    for args in (["show", "1"], ["replay", "1"]):
        out = comply("ledger", *args, "--ledger", str(db), code=2)
        assert "recorded in schema 1" in out
        assert "record new runs in a new ledger" in out
    out = comply(
        "parcels",
        str(EXAMPLES / "parcels.csv"),
        "--as-of",
        "2012-08-31",
        "--record",
        "--ledger",
        str(db),
        code=2,
    )
    assert "recorded in schema 1" in out


def test_entries_written_directly_are_what_json_dumps_writes() -> None:
    """An input row of text cells, and an entry's head, are written without json.dumps
    (the ledger's hot path): what they give must be canonical() byte for byte, or the
    chain would hash other text than it stores and reads back."""
    import random

    from comply.engine.ledger import _canonical_texts, _head, _read_head, canonical

    rng = random.Random(5)
    alphabet = ["a", "Z", '"', "\\", "\n", "\x00", "\x1f", "中", "é", "\u2028", "\ud800", " "]

    def text() -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 6)))

    for _ in range(5000):
        row = {text() or "k": text() for _ in range(rng.randrange(0, 6))}
        if row and rng.random() < 0.1:  # a cell of a JSON Lines row need not be text
            row[next(iter(row))] = rng.choice([None, 5, True, 1.5])
        assert _canonical_texts(row) == canonical(row), row
        kind, key = text(), text()
        assert _head(kind, key) == canonical([kind, key])
        assert _read_head(_head(kind, key)) == (kind, key)


def test_entries_come_back_from_their_blocks_as_they_were_spooled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A run's entries are cut into blocks of whole lines, wherever a block's bytes end
    (inside a character's too, and an entry longer than a block is a block of its own),
    made by a worker or the recorder (Packer, pack): every kind, key and body
    comes back as spooled, in order, whatever the head holds."""
    import random

    rng = random.Random(7)
    alphabet = ["a", "7", '"', "\\", "\n", "\x1f", "\x1e", "中", "\u2028", "\x85", "\r", " "]

    def text() -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 5)))

    def unpacked(made: list[ledger.Block]) -> list[tuple[str, ...]]:
        found = []
        for block in made:
            meta = json.loads(block.body("input"))
            lines = ledger._unpacked(meta, block.data)
            assert lines.count(b"\n") == block.entries
            for line in lines.rstrip(b"\n").split(b"\n"):
                found.append(ledger._entry(line))
        return found

    for size in (1, 7, 64, 1 << 20):
        monkeypatch.setattr(ledger, "BLOCK_BYTES", size)
        spooled = [
            (rng.choice(["input", "decision", "event", text()]), rng.choice(["12", text()]))
            for _ in range(rng.randrange(1, 200))
        ]
        bodies = [{"v": text(), "n": rng.randrange(9)} for _ in spooled]
        made = "".join(
            ledger.spooled(k, key, b) for (k, key), b in zip(spooled, bodies, strict=True)
        )
        expected = [
            (k, key, ledger.canonical(b)) for (k, key), b in zip(spooled, bodies, strict=True)
        ]
        packed = ledger.pack(made)
        assert unpacked(packed) == expected
        assert (packed[0].first, packed[-1].last) == (spooled[0][1], spooled[-1][1])
        packer = ledger.Packer()  # as a worker writes them: a line, or many, at a time
        lines = [line + "\n" for line in made.split("\n")[:-1]]
        while lines:
            taken = rng.randrange(1, 5)
            packer.write("".join(lines[:taken]))
            lines = lines[taken:]
        assert unpacked(packer.packed()) == expected
        assert len(packed) > 1 or size == 1 << 20


def test_entries_are_stored_as_text_in_a_ledger_of_either_encoding(tmp_path: Path) -> None:
    """The chain holds text, the blocks their compressed bytes. A database made in UTF-16
    by hand before its first run holds the same entries, and verifies."""
    from contextlib import closing

    wide, narrow = tmp_path / "wide.sqlite", tmp_path / "narrow.sqlite"
    with closing(sqlite3.connect(wide, isolation_level=None)) as db:
        db.execute("PRAGMA encoding = 'UTF-16le'")
        db.execute("CREATE TABLE made (x)")  # the encoding is fixed by a first write
        db.execute("DROP TABLE made")
    found = []
    for path in (wide, narrow):
        record_parcels(path, tmp_path)
        comply("ledger", "verify", "--ledger", str(path))
        with closing(sqlite3.connect(path)) as db:
            types = "SELECT DISTINCT typeof(kind), typeof(key), typeof(body) FROM chain"
            assert db.execute(types).fetchall() == [("text", "text", "text")]
            blobs = "SELECT DISTINCT typeof(data) FROM blocks"
            assert db.execute(blobs).fetchall() == [("blob",)]
        found.append(blocks.entries(path, "input", "decision"))
        assert any("中" in body or "区" in body for *_, body in found[-1])
    assert found[0] == found[1]
    assert len(found[0]) > 40


def test_a_run_recorded_with_skip_invalid_replays(tmp_path: Path) -> None:
    """A run recorded with --skip-invalid keeps its refused rows as input rows, without
    decisions: replayed, they are refused again and nothing differs (it was refused as
    inputs no longer valid). A run recorded without it still is, if its inputs fail."""
    source = tmp_path / "register.csv"
    lines = (EXAMPLES / "parcels.csv").read_text(encoding="utf-8-sig").splitlines()
    cells = lines[4].split(",")
    cells[3] = "abc"  # the price
    lines[4] = ",".join(cells)
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "ledger.sqlite"
    out = comply(
        "parcels", str(source), "--as-of", "2012-08-31", "--out", str(tmp_path / "out.json"),
        "--skip-invalid", "--rejects", str(tmp_path / "rejects.csv"),
        "--record", "--ledger", str(db),
    )  # fmt: skip
    assert "1 rows refused" in out
    assert "0 decisions differ from run 1" in comply("ledger", "replay", "1", "--ledger", str(db))
    with sqlite3.connect(db) as con:
        body = con.execute("SELECT body FROM chain WHERE kind = 'run'").fetchone()[0]
    assert '"skip_invalid":true' in body
    record_parcels(db, tmp_path)  # run 2: the example, every row valid
    assert "0 decisions differ from run 2" in comply("ledger", "replay", "2", "--ledger", str(db))
    [(_, _, _, key, body)] = [e for e in blocks.entries(db, "input") if e[1] == 2][:1]
    altered = ledger.canonical(json.loads(body) | {"price": "abc"})
    blocks.alter(db, "input", key, lambda line: line.replace(body, altered), run=2, rehash=True)
    out = comply("ledger", "replay", "2", "--ledger", str(db), code=2)
    assert "its recorded inputs are no longer valid" in out


def test_a_run_the_ledger_cannot_take_whole_leaves_it_as_it_was(tmp_path: Path) -> None:
    """A run's records are appended in one transaction: an insert refused after the first
    block of its input rows (here by a trigger, as by a full disk) fails the run with the
    ledger's reason, the ledger keeps the runs it had and verifies, and no output is
    written."""
    import random

    from test_columnar import clean_register

    db = tmp_path / "ledger.sqlite"
    record_parcels(db, tmp_path)
    with sqlite3.connect(db) as connection:
        (last,) = connection.execute("SELECT MAX(seq) FROM chain").fetchone()
        before = connection.execute("SELECT * FROM chain ORDER BY seq").fetchall()
        connection.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON chain "
            f"WHEN NEW.seq > {last + 2} BEGIN SELECT RAISE(ABORT, 'disk is full'); END"
        )
    source = clean_register(tmp_path / "parcels.csv", random.Random(5), 9_000)
    out = tmp_path / "big.jsonl"
    shown = comply(
        "parcels", str(source), "--as-of", "2013-03-15", "--record", "--ledger", str(db),
        "--out", str(out), code=2,
    )  # fmt: skip
    assert "disk is full" in shown, shown
    assert not out.exists()
    with sqlite3.connect(db) as connection:
        connection.execute("DROP TRIGGER refuse")
        assert connection.execute("SELECT * FROM chain ORDER BY seq").fetchall() == before
    assert "the chain is intact" in comply("ledger", "verify", "--ledger", str(db))
    record_parcels(db, tmp_path)  # and it takes the next run
    assert [
        line.split()[0] for line in comply("ledger", "list", "--ledger", str(db)).splitlines()
    ] == ["1", "2"]


FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ledger"


def test_a_ledger_of_one_record_an_entry_is_read_and_verified_but_takes_no_new_run(
    tmp_path: Path,
) -> None:
    """Two signed runs recorded by the comply before blocks (schema 2, one record an entry:
    tests/fixtures/ledger): verified with their signatures, listed, shown and replayed as
    they were, an altered entry named by itself; a new run is refused, the ledger left as it
    is (an earlier comply would read a run's blocks as no entries at all)."""
    db = tmp_path / "old.sqlite"
    db.write_bytes((FIXTURE / "ledger-schema2.sqlite").read_bytes())
    key = str(FIXTURE / "key.pub")
    verified = comply("ledger", "verify", "--ledger", str(db), "--public-key", key)
    assert "152 records of 2 runs verified: the chain is intact" in verified
    assert "every signature verified" in verified
    listed = comply("ledger", "list", "--ledger", str(db))
    assert "parcels   as of 2012-08-31  34 rows, 34 decisions" in listed
    assert "budget    as of 2012-08-31  63 rows, 13 decisions" in listed
    shown = comply("ledger", "show", "1", "--ledger", str(db), "--format", "jsonl")
    assert shown.count('"subject": "P-2012-') == 34
    assert "WARNING" not in shown
    assert len(ledger.run_entries(db, 2, "input")) == 63
    assert "0 decisions differ from run 1" in comply("ledger", "replay", "1", "--ledger", str(db))
    before = db.read_bytes()
    refused = comply(
        "parcels", str(EXAMPLES / "parcels.csv"), "--as-of", "2012-08-31", "--record",
        "--ledger", str(db), "--out", str(tmp_path / "o.json"), code=2,
    )  # fmt: skip
    assert "recorded in schema 2, one record an entry" in refused
    assert "record new runs in a new ledger" in refused
    assert not (tmp_path / "o.json").exists()
    assert db.read_bytes() == before
    zh = comply(
        "parcels", str(EXAMPLES / "parcels.csv"), "--as-of", "2012-08-31", "--record",
        "--ledger", str(db), "--lang", "zh", code=2,
    )  # fmt: skip
    assert "较早版本的 comply 会将其读作没有任何条目" in zh
    with sqlite3.connect(db) as con:
        [[seq]] = con.execute("SELECT seq FROM chain WHERE kind='decision' AND key='P-2012-025'")
        con.execute(
            "UPDATE chain SET body = replace(body, '8253600.00', '8253600.01') WHERE seq = ?",
            (seq,),
        )
    output = comply("ledger", "verify", "--ledger", str(db), code=2)
    assert f"record {seq} (decision P-2012-025 of run 1) is broken" in output
    warned = CliRunner().invoke(main, ["ledger", "show", "1", "--ledger", str(db)])
    assert f"WARNING: record {seq} (decision P-2012-025) was altered" in warned.output


def _signed_run(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "ledger.sqlite"
    comply("ledger", "keygen", "--out", str(tmp_path / "key"))
    comply(
        "parcels", str(EXAMPLES / "parcels.csv"), "--as-of", "2012-08-31", "--record",
        "--ledger", str(db), "--signing-key", str(tmp_path / "key"),
        "--out", str(tmp_path / "out.json"),
    )  # fmt: skip
    return db, str(tmp_path / "key.pub")


def _show(db: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["ledger", "show", "1", "--ledger", str(db)])
    return result.exit_code, result.output


def test_a_block_passed_off_as_another_streams_is_warned_of_before_it_is_shown(
    tmp_path: Path,
) -> None:
    """show reads a run's decisions from the blocks whose bodies say they hold decisions,
    and warns of each of those that fails verification, whatever its key says; and of any
    break at or before the run's last record, one appended after its seal included."""
    recorded, key = _signed_run(tmp_path)
    forged = "P-2012-025 FORGED"
    db = tmp_path / "renamed.sqlite"
    db.write_bytes(recorded.read_bytes())
    fee = "8253600.00", "1.00"
    seq = blocks.alter(db, "decision", "P-2012-025", lambda t: t.replace(*fee), rehash=True)
    with sqlite3.connect(db) as con:  # its new bytes named in its body, its key an input's
        con.execute("UPDATE chain SET key = 'input 2 .. 35' WHERE seq = ?", (seq,))
    assert f"record {seq} " in comply("ledger", "verify", "--ledger", str(db), code=2)
    code, shown = _show(db)
    assert code == 0, shown
    assert "1.00" in shown
    assert "WARNING: the ledger fails verification" in shown
    assert f"WARNING: record {seq} (the block of decisions P-2012-001 to P-2012-034)" in shown
    db = tmp_path / "appended.sqlite"
    db.write_bytes(recorded.read_bytes())
    with sqlite3.connect(db) as con:  # a block linked after the seal, its key an input's
        [[last, prev]] = con.execute("SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1")
        line = ledger.spooled("decision", forged, {"subject": forged, "status": "idle"})
        block = ledger.pack(line)[0]
        body = block.body("decision")
        digest = ledger.entry_hash(prev, last + 1, 1, "block", "input 1 .. 1", body)
        con.execute(
            "INSERT INTO chain VALUES (?, 1, 'block', 'input 1 .. 1', ?, ?, ?)",
            (last + 1, body, prev, digest),
        )
        con.execute("INSERT INTO blocks VALUES (?, ?)", (last + 1, block.data))
    broken = comply("ledger", "verify", "--ledger", str(db), "--public-key", key, code=2)
    assert f"record {last + 1} (block input 1 .. 1 of run 1) is broken" in broken
    assert "it belongs to run 1 but stands after a run's seal, in no run" in broken
    code, shown = _show(db)
    assert f"WARNING: the ledger fails verification at record {last + 1}" in shown


def test_blocks_that_would_not_fit_in_memory_or_lie_about_their_entries_are_named(
    tmp_path: Path,
) -> None:
    """A block is decompressed only to the size its record names, and only if its frame
    says that size (a few bytes can claim a terabyte), nothing after it; its entries must be
    the ones its record names: their count, the first and the last, all of its stream. Each
    fault is a named break, never a traceback or the memory of the machine."""
    import zstandard

    recorded, key = _signed_run(tmp_path)
    with sqlite3.connect(recorded) as con:
        [[seq, body]] = con.execute(
            "SELECT seq, body FROM chain WHERE key LIKE 'decision %' AND kind = 'block'"
        )
        [[kept]] = con.execute("SELECT data FROM blocks WHERE seq = ?", (seq,))
    meta = json.loads(body)
    hidden = kept + zstandard.ZstdCompressor().compress(b"\0" * (1 << 20))
    bomb = zstandard.ZstdCompressor().compress(b"\n" * (1 << 24))  # 16 MiB in a few bytes
    # A frame of a few bytes whose header says it holds a terabyte.
    entry = b'["decision","x"]\x1f{}\n'
    tera = (
        b"\x28\xb5\x2f\xfd\xe0"
        + (1 << 40).to_bytes(8, "little")
        + (1 | len(entry) << 3).to_bytes(3, "little")
        + entry
    )
    faults = {
        "bomb": (bomb, {}),
        "bomb rehashed": (bomb, {"bytes": 1 << 40}),
        "bomb its size": (bomb, {"bytes": 1 << 24}),
        "a terabyte said": (tera, {"bytes": 1 << 40}),
        "a terabyte in the frame": (tera, {"bytes": len(entry)}),
        "a frame after the block's": (hidden, {"bytes": meta["bytes"]}),
        "entries": (None, {"entries": meta["entries"] + 1}),
        "first": (None, {"first": "P-2012-002"}),
        "stream": (None, {"stream": "input"}),
    }
    for name, (data, changed) in faults.items():
        db = tmp_path / f"{name}.sqlite"
        db.write_bytes(recorded.read_bytes())
        with sqlite3.connect(db) as con:
            if data is not None:
                con.execute("UPDATE blocks SET data = ? WHERE seq = ?", (data, seq))
            stored = bytes(data) if data is not None else None
            now = dict(meta, **changed)
            if stored is not None and changed:
                now["sha256"] = hashlib.sha256(stored).hexdigest()
            con.execute("UPDATE chain SET body = ? WHERE seq = ?", (ledger.canonical(now), seq))
        out = comply("ledger", "verify", "--ledger", str(db), "--public-key", key, code=2)
        assert f"record {seq} (block decision P-2012-001 .. P-2012-034 of run 1)" in out, name
        code, shown = _show(db)
        assert "Traceback" not in shown, (name, shown)
        assert code in (0, 2), (name, shown)
        assert "WARNING" in shown, name


def test_entries_kept_for_no_block_are_named_and_refuse_the_next_run_clearly(
    tmp_path: Path,
) -> None:
    recorded, _ = _signed_run(tmp_path)
    with sqlite3.connect(recorded) as con:
        [[last]] = con.execute("SELECT MAX(seq) FROM chain")
        con.execute("INSERT INTO blocks VALUES (?, x'00')", (last + 1,))
    out = comply("ledger", "verify", "--ledger", str(recorded), code=2)
    assert f"record {last + 1} is broken: the table of blocks keeps entries" in out
    refused = comply(
        "parcels", str(EXAMPLES / "parcels.csv"), "--as-of", "2012-08-31", "--record",
        "--ledger", str(recorded), "--out", str(tmp_path / "o.json"), code=2,
    )  # fmt: skip
    assert f"keeps entries from record {last + 1} on, which the chain does not hold" in refused
    assert not (tmp_path / "o.json").exists()


def test_a_block_stored_as_text_is_the_same_bytes(tmp_path: Path) -> None:
    """SQLite keeps what it is given: a block's bytes made text (not all of them UTF-8) are
    read back as the bytes they are, verified and shown."""
    db, _ = _signed_run(tmp_path)
    with sqlite3.connect(db) as con:
        con.execute("UPDATE blocks SET data = CAST(data AS TEXT)")
        assert {t for (t,) in con.execute("SELECT typeof(data) FROM blocks")} == {"text"}
    assert "the chain is intact" in comply("ledger", "verify", "--ledger", str(db))
    code, shown = _show(db)
    assert code == 0
    assert "WARNING" not in shown
    assert "P-2012-025" in shown


def test_records_stored_as_blobs_or_decisions_this_comply_cannot_render_are_named(
    tmp_path: Path,
) -> None:
    """A record's text put in as a blob is read as the text it is (the chain holds); a
    decision whose status this comply does not know is named as unreadable by show, after
    its warnings, not a traceback."""
    recorded, _ = _signed_run(tmp_path)
    db = tmp_path / "blobs.sqlite"
    db.write_bytes(recorded.read_bytes())
    with sqlite3.connect(db) as con:
        con.execute("UPDATE chain SET body = CAST(body AS BLOB), key = CAST(key AS BLOB)")
    assert "the chain is intact" in comply("ledger", "verify", "--ledger", str(db))
    db = tmp_path / "status.sqlite"
    db.write_bytes(recorded.read_bytes())
    status = '"status":"idle"', '"status":"forged"'
    blocks.alter(db, "decision", "P-2012-025", lambda t: t.replace(*status), rehash=True)
    code, shown = _show(db)
    assert code == 2
    assert "WARNING: record" in shown
    assert "decision P-2012-025 is not a readable record" in shown
