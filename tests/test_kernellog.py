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
        # jbd2's format (fs/jbd2/journal.c: "%pg-%lu", the device and the journal's inode) on LVM or an encrypted disk
        "Aborting journal on device dm-0-8.",
    ]
    kept = kernellog.fs_errors(log(*errors, "sdb: detected capacity change from 0 to 62333952"))
    assert [e["device"] for e in kept] == ["loop0p1", "loop10p1", "sdbb", "dm-0"]
    kept = kernellog.fs_errors(log(*errors, "loop1: detected capacity change from 0 to 131072", "loop0: detected capacity change from 0 to 131072"))
    assert [e["device"] for e in kept] == ["sdb", "sdb1", "loop10p1", "sdbb", "dm-0"]
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


MEDIA = Path(__file__).parent / "fixtures" / "kernellog" / "dmesg_iso_media_swap.txt"


def test_a_medium_is_known_by_its_file_system_not_by_the_name_the_kernel_gives_it() -> None:
    # recorded here (SOURCES): disk image A on loop0 shut down, then B on loop0, then A on loop1, then A back on loop0
    lines = kernellog.parse_dmesg_iso(MEDIA.read_text(encoding="utf-8"))
    a_errors = [("loop0", "EXT4-fs (loop0): shut down requested (2)"), ("loop0", "Aborting journal on device loop0-8.")]

    def seen(count: int) -> list[tuple]:
        return [(e["device"], e["text"], e.get("device_now")) for e in kernellog.fs_errors(lines[:count])]

    # loop0 holds A: its errors are its own
    assert seen(5) == [(*e, None) for e in a_errors]
    # another medium under the same name (B on loop0): A's errors are not shown as B's
    assert seen(8) == []
    # A under another name (loop1): its errors go with it, to the drive loop1 holds
    assert seen(12) == [(*e, "loop1") for e in a_errors]
    volumes = [{"mountpoint": "/media/me/B", "device": "/dev/loop0"}, {"mountpoint": "/media/me/A", "device": "/dev/loop1"}]
    assert {kernellog.volume_of(e.get("device_now") or e["device"], volumes) for e in kernellog.fs_errors(lines[:12])} == {"/media/me/A"}
    # A back on loop0: the same medium back, its earlier errors remembered (they were dropped as an earlier medium's)
    assert seen(15) == [(*e, None) for e in a_errors]


def test_a_usb_stick_plugged_in_under_an_earlier_ones_name_does_not_get_its_errors() -> None:
    # no USB here to record: the sd driver's own line for a disk it has just found (drivers/scsi/sd.c, sd_probe: sd_printk
    # "Attached SCSI %sdisk", "removable " for a stick), the ext4 lines in the recording's forms; the block layer logs no
    # capacity change for a disk it has just found (set_capacity_and_notify: not yet live), only for a new medium in it
    def log(*texts: str) -> list[dict]:
        return [{"time": 1_796_486_390.0 + i, "text": text} for i, text in enumerate(texts)]

    first = [
        "sd 6:0:0:0: [sdb] Attached SCSI removable disk",
        "EXT4-fs (sdb1): mounted filesystem ed841045-22fc-4261-bf14-7f8aa9a0f6b3 r/w with ordered data mode. Quota mode: none.",
        "EXT4-fs error (device sdb1): ext4_find_entry:1683: inode #2: comm ls: reading directory lblock 0",
        "usb 1-1: USB disconnect, device number 5",
    ]
    other = [
        "sd 7:0:0:0: [sdb] Attached SCSI removable disk",
        "EXT4-fs (sdb1): mounted filesystem 3f3d893b-0b72-4402-89a7-d6e0c1f16d8c r/w with ordered data mode. Quota mode: none.",
    ]
    same = [other[0], first[1]]
    assert [e["device"] for e in kernellog.fs_errors(log(*first))] == ["sdb1"]
    assert kernellog.fs_errors(log(*first, *other)) == []
    assert [e["device"] for e in kernellog.fs_errors(log(*first, *same))] == ["sdb1"]
    # a stick the log does not name (FAT logs no mount line): the name decides, as before (no capacity change: kept)
    assert [e["device"] for e in kernellog.fs_errors(log(*first, other[0]))] == ["sdb1"]


def test_the_disk_check_puts_a_sticks_errors_on_the_drive_it_is_now(monkeypatch) -> None:
    """What support reads in hardware.disk's evidence, from the recorded log: A's errors were put on B (the drive loop0 holds
    now, "on /media/me/B") and dropped once A came back; they now go with A wherever it is."""
    import sys

    from selfcheck.api import Context
    from selfcheck.platforms import linux
    from selfcheck.runner import evaluate_facts
    from test_checks_hwos import CLASSES, defaults

    module = sys.modules[CLASSES["hardware.disk"].__module__]
    lines = kernellog.parse_dmesg_iso(MEDIA.read_text(encoding="utf-8"))
    drive = {"fstype": "ext4", "role": "other", "total": 64 * 10**6, "free": 50 * 10**6, "readonly": False, "removable": True}
    volumes = [{**drive, "mountpoint": "/media/me/B", "device": "/dev/loop0"}, {**drive, "mountpoint": "/media/me/A", "device": "/dev/loop1"}]
    monkeypatch.setattr(module, "list_volumes", lambda *a, **k: [dict(v) for v in volumes])
    monkeypatch.setattr(module, "network_shares", lambda *a, **k: [])
    monkeypatch.setattr(module, "write_test", lambda folder: {"result": "ok"})
    monkeypatch.setattr(linux, "read_psi", lambda kind: None)

    def evidence(count: int) -> list[str]:
        monkeypatch.setattr(kernellog, "read", lambda run, since, timeout=3.0: {"source": "dmesg", "lines": lines[:count]})
        facts = CLASSES["hardware.disk"]().collect(Context({}, defaults("hardware.disk", {"smart": False}), platform="linux"))
        return evaluate_facts(CLASSES["hardware.disk"], facts, defaults("hardware.disk")).evidence.get("kernel_fs_errors", [])

    # B on loop0, A on loop1: A's errors are on A's drive
    assert [line[: line.rindex(")") + 1] for line in evidence(12)] == [
        "EXT4-fs (loop0): shut down requested (2) (on /media/me/A, logged under the name loop0, now loop1)",
        "Aborting journal on device loop0-8. (on /media/me/A, logged under the name loop0, now loop1)",
    ]
    # only B: A's errors are not B's
    assert evidence(8) == []


RENAMED = Path(__file__).parent / "fixtures" / "kernellog" / "dmesg_iso_media_renamed.txt"


def test_a_failing_stick_found_again_under_another_name_takes_its_errors_there(monkeypatch) -> None:
    """A failing USB stick drops off the bus and is found again as sdc while sdb keeps its old mount and logs nothing more:
    its errors stayed on sdb, so support read "a device that holds none of the drives listed". Recorded here (SOURCES), loop
    devices standing in for the sd names: A on loop0 shut down, then A attached and mounted on loop1, loop0 still holding it."""
    import sys

    from selfcheck.api import Context
    from selfcheck.platforms import linux
    from selfcheck.runner import evaluate_facts
    from test_checks_hwos import CLASSES, defaults

    lines = kernellog.parse_dmesg_iso(RENAMED.read_text(encoding="utf-8"))
    a_errors = [("loop0", "EXT4-fs (loop0): shut down requested (2)"), ("loop0", "Aborting journal on device loop0-8.")]

    def seen(count: int) -> list[tuple]:
        return [(e["device"], e["text"], e.get("device_now")) for e in kernellog.fs_errors(lines[:count])]

    assert seen(4) == [(*e, None) for e in a_errors]
    # A mounted on loop1: its errors go with it, while it is mounted there and after both are unmounted
    assert seen(7) == [(*e, "loop1") for e in a_errors]
    assert seen(len(lines)) == [(*e, "loop1") for e in a_errors]

    # what support reads in hardware.disk's evidence: the drive the customer has now is A on loop1
    module = sys.modules[CLASSES["hardware.disk"].__module__]
    drive = {"fstype": "ext4", "role": "other", "total": 64 * 10**6, "free": 50 * 10**6, "readonly": False, "removable": True}
    monkeypatch.setattr(module, "list_volumes", lambda *a, **k: [{**drive, "mountpoint": "/media/me/A", "device": "/dev/loop1"}])
    monkeypatch.setattr(module, "network_shares", lambda *a, **k: [])
    monkeypatch.setattr(module, "write_test", lambda folder: {"result": "ok"})
    monkeypatch.setattr(linux, "read_psi", lambda kind: None)
    monkeypatch.setattr(kernellog, "read", lambda run, since, timeout=3.0: {"source": "dmesg", "lines": lines[:7]})
    facts = CLASSES["hardware.disk"]().collect(Context({}, defaults("hardware.disk", {"smart": False}), platform="linux"))
    evidence = evaluate_facts(CLASSES["hardware.disk"], facts, defaults("hardware.disk")).evidence.get("kernel_fs_errors", [])
    assert [line[: line.rindex(")") + 1] for line in evidence] == [
        "EXT4-fs (loop0): shut down requested (2) (on /media/me/A, logged under the name loop0, now loop1)",
        "Aborting journal on device loop0-8. (on /media/me/A, logged under the name loop0, now loop1)",
    ]
