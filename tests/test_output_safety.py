"""Issue 13, output side: no exit 0 without the whole output, no file destroyed,
no temporary file or worker left behind. Every case runs the real command."""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES

PY = [sys.executable, "-m", "arnews_cli"]
ONE = str(SAMPLES / "01-orient-seed.txt")


def run(*args: str, input: bytes | None = None, preexec=None, stdout=None, cwd=None, timeout=120):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*PY, *args],
        input=input,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd or ROOT,
        env=env,
        timeout=timeout,
        preexec_fn=preexec,
    )


def one_line_error(res: subprocess.CompletedProcess) -> str:
    err = res.stderr.decode()
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


def limit_file_size(nbytes: int):
    """`ulimit -f`: the stand-in for a full disk."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# --- write errors ---------------------------------------------------------------------


def test_full_disk_on_stdout_is_an_error_not_exit_0(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with out.open("wb") as f:
        res = run(
            "pipeline", str(SAMPLES), "-f", "jsonl", stdout=f, preexec=limit_file_size(10_000)
        )
    assert res.returncode == 1
    assert one_line_error(res) == "arnews: standard output: write failed: file too large"


def test_dev_full_on_stdout_is_an_error(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        res = run("clean", str(SAMPLES), stdout=full)
    assert res.returncode == 1
    assert "standard output: write failed: no space left on device" in one_line_error(res)


def test_dev_full_for_text_printed_by_typer() -> None:
    with open("/dev/full", "wb") as full:
        res = run("to-json", "--schema", stdout=full)
    assert res.returncode != 0


def test_full_disk_with_o_keeps_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "corpus.jsonl"
    target.write_text("yesterday\n")
    res = run(
        "pipeline", str(SAMPLES), "-f", "jsonl", "-o", str(target), preexec=limit_file_size(10_000)
    )
    assert res.returncode == 1
    assert one_line_error(res) == f"arnews: {target}: write failed: file too large"
    assert target.read_text() == "yesterday\n"
    assert no_temp_files(tmp_path)


def test_write_error_is_not_blamed_on_an_input(tmp_path: Path) -> None:
    res = run("clean", str(SAMPLES), "-o", str(tmp_path / "x.jsonl"), preexec=limit_file_size(2000))
    line = one_line_error(res)
    assert "read failed" not in line and "samples" not in line


# --- -o: what it replaces and what it never does --------------------------------------


def test_o_folder_is_a_usage_error_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    res = run("clean", str(SAMPLES), "-o", str(tmp_path / "d"))
    assert res.returncode == 2
    assert "is a directory" in one_line_error(res)
    assert list((tmp_path / "d").iterdir()) == [] and no_temp_files(tmp_path)


def test_every_article_failing_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "k.txt"
    target.write_text("keep me\n")
    res = run("clean", str(tmp_path / "mistyped.txt"), "-o", str(target))
    assert res.returncode == 1
    assert target.read_text() == "keep me\n" and no_temp_files(tmp_path)


def test_a_run_with_nothing_to_write_and_no_failure_writes_an_empty_file(tmp_path: Path) -> None:
    target = tmp_path / "k.jsonl"
    target.write_text("old\n")
    res = run("to-json", "--limit", "0", ONE, "-o", str(target))
    assert res.returncode == 0
    assert target.read_text() == ""


def test_strict_stop_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "k.jsonl"
    target.write_text("old\n")
    res = run("clean", ONE, str(tmp_path / "missing.txt"), "--strict", "-o", str(target))
    assert res.returncode == 1
    assert target.read_text() == "old\n" and no_temp_files(tmp_path)


def test_new_file_mode_follows_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "new.txt"
    res = run("clean", ONE, "-o", str(target), preexec=lambda: os.umask(0o027))
    assert res.returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "old.txt"
    target.write_text("x")
    target.chmod(0o604)
    assert run("clean", ONE, "-o", str(target)).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    assert target.read_text().startswith("الفاسد الذي") or target.stat().st_size > 100


def test_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    assert run("clean", ONE, "-o", str(link)).returncode == 0
    assert link.is_symlink()
    assert real.stat().st_size > 100
    assert no_temp_files(tmp_path)


def test_fifo_is_written_straight_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    res = run("clean", ONE, "-o", str(fifo))
    reader.join(timeout=30)
    assert res.returncode == 0
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got and got[0] == run("clean", ONE).stdout


def test_o_naming_its_input_works_like_sponge(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(Path(ONE).read_bytes())
    expected = run("clean", ONE).stdout
    assert run("clean", str(article), "-o", str(article)).returncode == 0
    assert article.read_bytes() == expected


def test_o_in_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    res = run("clean", ONE, "-o", str(tmp_path / "no" / "such" / "x.txt"))
    assert res.returncode == 1
    assert str(tmp_path / "no" / "such" / "x.txt") in one_line_error(res)


@pytest.fixture
def read_only_folder(tmp_path: Path):
    """A folder this process may not write: a mode as a user, a read-only file system
    as root (root ignores modes)."""
    ro = tmp_path / "ro"
    ro.mkdir()
    if os.geteuid() != 0:
        ro.chmod(0o555)
        yield ro, "permission denied"
        ro.chmod(0o755)
        return
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(ro)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.fail(f"cannot mount a read-only folder as root: {mounted.stderr.decode()}")
    try:
        yield ro, "read-only file system"
    finally:
        subprocess.run(["umount", str(ro)], check=True)


def test_o_in_a_read_only_folder_is_one_line(read_only_folder) -> None:
    ro, message = read_only_folder
    res = run("clean", ONE, "-o", str(ro / "x.txt"))
    assert res.returncode == 1
    assert message in one_line_error(res)


def test_out_dir_in_a_read_only_folder_is_one_line(read_only_folder) -> None:
    ro, message = read_only_folder
    res = run("clean", str(SAMPLES), "--out-dir", str(ro / "od"))
    assert res.returncode == 1
    assert message in one_line_error(res)


# --- --out-dir ------------------------------------------------------------------------


def _records(*ids: str) -> bytes:
    return b"".join(
        json.dumps({"id": i, "text": f"نص المقال {n}."}, ensure_ascii=False).encode() + b"\n"
        for n, i in enumerate(ids)
    )


def test_out_dir_bad_ids_fail_alone_and_later_articles_are_written(tmp_path: Path) -> None:
    deep = "a/" * 3000 + "x"
    data = _records(deep, "q", "q.txt/z", "r.txt/z", "r", "ok")
    res = run("clean", "--out-dir", str(tmp_path / "od"), "-f", "text", input=data)
    err = res.stderr.decode()
    assert res.returncode == 1 and "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 3, err
    assert "stdin:1" in lines[0] and "file name too long" in lines[0]
    assert "stdin:3 (id q.txt/z): cannot write" in lines[1]
    assert "stdin:5 (id r): cannot write" in lines[2]
    od = tmp_path / "od"
    assert (od / "q.txt").read_text() == "نص المقال 1.\n"
    assert (od / "r.txt" / "z.txt").exists()
    assert (od / "ok.txt").read_text() == "نص المقال 5.\n"
    assert not [p for p in od.rglob("*.tmp")]


def test_out_dir_below_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    res = run("clean", str(SAMPLES), "--out-dir", str(tmp_path / "f" / "out"))
    assert res.returncode == 1
    assert "cannot create the folder" in one_line_error(res)


def test_out_dir_full_disk_is_one_line_and_stops(tmp_path: Path) -> None:
    res = run(
        "pipeline", str(SAMPLES), "--out-dir", str(tmp_path / "od"), preexec=limit_file_size(3000)
    )
    assert res.returncode == 1
    assert "write failed: file too large" in one_line_error(res)
    assert not [p for p in (tmp_path / "od").rglob("*.tmp")]


def test_skip_existing_resumes(tmp_path: Path) -> None:
    od = tmp_path / "od"
    assert run("clean", str(SAMPLES), "--out-dir", str(od)).returncode == 0
    done = od / "01-orient-seed.txt"
    done.write_text("kept")
    (od / "02-spa-najran.txt").unlink()
    assert run("clean", str(SAMPLES), "--out-dir", str(od), "--skip-existing").returncode == 0
    assert done.read_text() == "kept"
    assert (od / "02-spa-najran.txt").stat().st_size > 100


def test_skip_existing_needs_out_dir() -> None:
    assert run("clean", ONE, "--skip-existing").returncode == 2


# --- signals and workers --------------------------------------------------------------


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc for worker processes")
@pytest.mark.parametrize(
    ("sig", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)]
)
def test_signal_ends_workers_and_removes_temp_files(tmp_path: Path, sig, status) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    proc, workers = _busy_pipeline("-o", str(target))
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err.decode()
    assert b"Traceback" not in err
    assert _alive(workers) == []
    assert target.read_text() == "old\n" and no_temp_files(tmp_path)


def _busy_pipeline(*args: str, new_session: bool = False) -> tuple[subprocess.Popen, set[int]]:
    """``pipeline --jobs 2`` with 300 records sent and its stdin left open, once both
    workers run."""
    proc = subprocess.Popen(
        [*PY, "pipeline", "--jobs", "2", "-", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        start_new_session=new_session,
    )
    assert proc.stdin is not None
    proc.stdin.write(_records(*(f"a{i}" for i in range(300))))
    proc.stdin.flush()
    deadline = time.time() + 60
    while len(_children(proc.pid)) < 2 and time.time() < deadline:
        time.sleep(0.1)
    workers = _children(proc.pid)
    assert len(workers) >= 2
    time.sleep(0.5)
    return proc, workers


def _alive(pids: set[int], wait: float = 5.0) -> list[int]:
    """The processes of ``pids`` still running (not zombies) after up to ``wait`` s."""
    deadline = time.time() + wait
    while True:
        alive = []
        for pid in pids:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                alive.append(pid)
        if not alive or time.time() > deadline:
            return alive
        time.sleep(0.1)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc for worker processes")
def test_ctrl_c_to_the_whole_process_group_ends_quietly(tmp_path: Path) -> None:
    # A terminal's Ctrl-C reaches the workers too: they ignore it, the parent stops them.
    target = tmp_path / "out.jsonl"
    proc, workers = _busy_pipeline("-o", str(target), new_session=True)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err
    assert _alive(workers) == []
    assert not target.exists() and no_temp_files(tmp_path)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_end_when_the_parent_is_killed(tmp_path: Path) -> None:
    proc, workers = _busy_pipeline("-o", str(tmp_path / "out.jsonl"))
    proc.kill()  # SIGKILL: no handler runs in the parent
    proc.communicate(timeout=60)
    assert _alive(workers) == []


def test_sigterm_during_out_dir_leaves_only_whole_files(tmp_path: Path) -> None:
    od = tmp_path / "od"
    proc = subprocess.Popen(
        [*PY, "clean", "-", "--out-dir", str(od), "-f", "text"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdin is not None
    proc.stdin.write(_records(*(f"a{i}" for i in range(50))))
    proc.stdin.flush()
    deadline = time.time() + 60
    # Whole files only: the 50th article's temporary file, counted too, made this
    # signal the writer before its last rename (49 files, on a busy machine).
    while time.time() < deadline and not (
        od.is_dir() and len([p for p in od.iterdir() if not p.name.endswith(".tmp")]) >= 50
    ):
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)  # stdin still open: the reader is waiting for more
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err.decode()
    assert b"Traceback" not in err
    files = sorted(od.iterdir())
    assert len(files) == 50 and no_temp_files(od)
    for n, f in enumerate(sorted(files, key=lambda p: int(p.stem[1:]))):
        assert f.read_text(encoding="utf-8") == f"نص المقال {n}.\n"


# --- --jobs ---------------------------------------------------------------------------


def test_absurd_jobs_is_a_usage_error() -> None:
    res = run("pipeline", "--jobs", "99999999999999999999", ONE)
    assert res.returncode == 2 and b"Traceback" not in res.stderr


def test_jobs_above_the_cpus_is_capped_with_a_note() -> None:
    res = run("pipeline", "--jobs", "1000", str(SAMPLES), "-f", "jsonl")
    assert res.returncode == 0
    assert b"--jobs 1000: this machine has" in res.stderr
    assert len(res.stdout.splitlines()) == len(list(SAMPLES.glob("*.txt")))


# --- --limit --------------------------------------------------------------------------


def test_limit_stops_after_n_articles_and_reads_no_further() -> None:
    proc = subprocess.Popen(
        [*PY, "clean", "--limit", "2", "-f", "jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdin is not None
    proc.stdin.write(_records("a", "b", "c"))
    proc.stdin.flush()
    # stdin stays open: the run must end after the second record without reading on.
    deadline = time.time() + 30
    while proc.poll() is None and time.time() < deadline:
        time.sleep(0.1)
    assert proc.poll() == 0
    assert proc.stdout is not None
    assert [json.loads(line)["id"] for line in proc.stdout.read().splitlines()] == ["a", "b"]
    proc.stdin.close()
