"""The kernel's disk errors are put on the medium a device holds now, not on one it held before (agent round 35)."""

from __future__ import annotations

from pathlib import Path

from selfcheck.platforms import kernellog

RECORDED = Path(__file__).parent / "fixtures" / "kernellog" / "dmesg_iso_loop0_new_medium.txt"


def recorded() -> list[dict]:
    return kernellog.parse_dmesg_iso(RECORDED.read_text(encoding="utf-8"))


def test_errors_of_a_disk_image_a_device_held_before_are_not_put_on_the_one_it_holds_now() -> None:
    # this machine's log (tests/fixtures/kernellog/SOURCES): the disk-error lab shut loop0's 64 MiB image down at 13:59:50,
    # then loop0 was given other images, last the full-home customer's /home; the card said "Disk errors [...] on /home"
    lines = recorded()
    volumes = [{"mountpoint": "/home", "device": "/dev/loop0"}]
    assert kernellog.fs_errors(lines) == []
    # the same log read before loop0 was given another image (14:00:13): the errors are on the medium it still holds
    before = [line for line in lines if "2026-12-05T14:00:13" > kernellog._iso(line["time"])]
    errors = kernellog.fs_errors(before)
    assert [(e["time"], e["device"], e["text"]) for e in errors] == [
        ("2026-12-05T13:59:50+00:00", "loop0", "EXT4-fs (loop0): shut down requested (2)"),
        ("2026-12-05T13:59:50+00:00", "loop0", "Aborting journal on device loop0-8."),
    ]
    assert {kernellog.volume_of(e["device"], volumes) for e in errors} == {"/home"}
    # a new medium on another device (loop1, loop2 in the same minutes) leaves loop0's errors alone
    assert kernellog.fs_errors([line for line in before if "loop0: detected" not in line["text"]]) == errors


def test_a_new_medium_on_a_disk_clears_the_errors_of_its_partitions_only() -> None:
    # this machine's kernel reads no partition table: the kernel's own formats, with the names of a card reader (sdb) and a
    # partitioned disk image (loop0p1); each dropped only after a new medium on its own disk
    def log(*texts: str) -> list[dict]:
        return [{"time": 1_796_486_390.0 + i, "text": text} for i, text in enumerate(texts)]

    errors = [
        "I/O error, dev sdb, sector 2048 op 0x0:(READ) flags 0x80700 phys_seg 1 prio class 2",
        "EXT4-fs error (device sdb1): ext4_find_entry:1683: inode #2: comm ls: reading directory lblock 0",
        "EXT4-fs (loop0p1): shut down requested (2)",
        "Aborting journal on device loop10p1-8.",
        "I/O error, dev sdbb, sector 8 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2",
    ]
    kept = kernellog.fs_errors(log(*errors, "sdb: detected capacity change from 0 to 62333952"))
    assert [e["device"] for e in kept] == ["loop0p1", "loop10p1", "sdbb"]
    kept = kernellog.fs_errors(log(*errors, "loop1: detected capacity change from 0 to 131072", "loop0: detected capacity change from 0 to 131072"))
    assert [e["device"] for e in kept] == ["sdb", "sdb1", "loop10p1", "sdbb"]
    # a medium taken out ("from N to 0") is not a new one; errors logged after the new medium are its own
    kept = kernellog.fs_errors(log("sdb: detected capacity change from 62333952 to 0", *errors))
    assert len(kept) == len(errors)
    kept = kernellog.fs_errors(log("sdb: detected capacity change from 0 to 62333952", *errors))
    assert len(kept) == len(errors)


def test_an_error_on_loop1_is_not_put_on_a_drive_held_by_loop10():
    """The kernel's ``loop1`` holds ``loop1p1`` but not ``loop10`` (another disk image): an error on loop1 was put on the
    drive loop10 holds (``loop1`` + digits), so the card blamed a listed drive for another image's error."""
    volumes = [{"device": "/dev/loop10", "mountpoint": "/data"}, {"device": "/dev/loop1p1", "mountpoint": "/home"}]
    assert kernellog.volume_of("loop1", volumes) == "/home"
    assert kernellog.volume_of("loop10", volumes) == "/data"
    assert kernellog.volume_of("loop1", [{"device": "/dev/loop10", "mountpoint": "/data"}]) is None
    assert kernellog.volume_of("sda", [{"device": "/dev/sda2", "mountpoint": "/"}]) == "/"
    assert kernellog.volume_of("nvme0n1", [{"device": "/dev/nvme0n1p2", "mountpoint": "/"}]) == "/"
