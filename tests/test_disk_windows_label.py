"""hardware.disk on Windows: a drive is known by its label ("Backup (E:)"), its mount point is only "E:\\".

Windows cannot run here and no recorded GetVolumeInformationW answer was found in public sources, so the Win32 API is
faked at its boundary (the kernel32 function fills the caller's name buffer, as documented) and the facts carry the
label it gives."""

from __future__ import annotations

import ctypes
import json

import pytest

from selfcheck import i18n
from selfcheck.api import Context, Status
from selfcheck.platforms import windows
from selfcheck.runner import evaluate_facts
from test_checks_hwos import CLASSES, FIXTURES, defaults


class FakeKernel32:
    """GetVolumeInformationW as documented: writes the label into lpVolumeNameBuffer and returns nonzero on success."""

    def __init__(self, labels: dict[str, str]) -> None:
        self.labels, self.asked = labels, []

    def GetVolumeInformationW(self, root, name, size, serial, max_len, flags, fs_name, fs_size):  # noqa: N802 - the API's name
        self.asked.append(root.value)
        if root.value not in self.labels:
            return 0  # e.g. ERROR_NOT_READY
        label = ctypes.create_unicode_buffer(self.labels[root.value][: size - 1])
        ctypes.memmove(name, label, ctypes.sizeof(label))
        return 1


def test_the_label_comes_from_the_api_for_the_drive_root():
    api = FakeKernel32({"E:\\": "Backup", "F:\\": "", "G:\\": "Sauve\x07garde "})
    assert windows.volume_label("E:\\", api) == "Backup"
    assert windows.volume_label("E:", api) == "Backup"  # the API wants the root with its backslash
    assert api.asked == ["E:\\", "E:\\"]
    assert windows.volume_label("F:\\", api) is None  # a drive with no label: known by its letter
    assert windows.volume_label("H:\\", api) is None  # the API fails: nothing guessed
    assert windows.volume_label("G:\\", api) == "Sauvegarde"  # another program's data: printable only


def full_drive(**extra):
    facts = json.loads((FIXTURES / "hardware.disk" / "windows_ok.json").read_text())["facts"]
    drive = {"mountpoint": "E:\\", "device": "E:\\", "fstype": "ntfs", "role": "other", "total": 2 * 10**12, "free": 0, "readonly": False, "removable": False}
    return dict(facts, volumes=[*facts["volumes"], {**drive, **extra}])


def evaluate(facts, lang):
    i18n.set_language(lang)
    try:
        return evaluate_facts(CLASSES["hardware.disk"], facts, defaults("hardware.disk"))
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_full_backup_drive_is_recognised_by_its_label(lang):
    """Before, "E:\\" was never a backup: a full backup drive was told to "remove only what you no longer need"."""
    outcome = evaluate(full_drive(label="Backup"), lang)
    unlabelled = evaluate(full_drive(), lang)
    english = {"en": True, "fr": False}[lang]
    assert outcome.summary == (
        "Your files are safe. A copy of them is kept in a separate place: that place is full, so new files are not copied any more."
        if english
        else "Vos fichiers ne risquent rien. Une copie en est gardée dans un endroit à part\u00a0: cet endroit est plein, donc les nouveaux "
        "fichiers ne sont plus copiés."
    )
    assert outcome.why and outcome.why.startswith("That place is called “Backup”." if english else "Cet endroit s’appelle «\u00a0Backup\u00a0»"), outcome.why
    assert outcome.urgency == "later" and outcome.fix is None and len(outcome.advice) == 1
    assert not any(word in " ".join(outcome.advice) for word in ("remove", "Make room on", "enlevez", "supprim"))
    # the control: a drive without a label is known by its letter, and is not a backup
    assert unlabelled.summary.startswith("The drive (E:)" if english else "Le lecteur (E:)"), unlabelled.summary
    assert unlabelled.why is None or "E:" not in unlabelled.why


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_labelled_drive_is_named_as_file_explorer_shows_it(lang):
    outcome = evaluate(full_drive(label="Photos", removable=True), lang)
    if lang == "en":
        assert outcome.summary == "The drive called “Photos” is full: there is no space left on it."
        assert outcome.advice[0].startswith("Make room on the drive called “Photos”: move what you want to keep")
        assert outcome.fix is not None and (outcome.fix.label, outcome.fix.arg) == ("Open “Photos”", "E:\\")
    else:
        assert outcome.summary.startswith("Le disque «\u00a0Photos\u00a0»") and "E:" not in outcome.summary, outcome.summary
        assert outcome.fix is not None and outcome.fix.label == "Ouvrir «\u00a0Photos\u00a0»"
    assert outcome.status is Status.FAIL
    # support sees both, the label quoted as the reader's language quotes it (the evidence is translated, de22435b)
    quoted = "“Photos”" if lang == "en" else "«\u00a0Photos\u00a0»"
    assert any(quoted in line and "E:\\" in line for line in outcome.evidence["volumes"]), outcome.evidence["volumes"]


def test_collect_asks_windows_for_the_labels_of_other_drives(monkeypatch):
    """collect, as on Windows: the label of each drive that is not the system's, from the API."""
    import sys

    module = sys.modules[CLASSES["hardware.disk"].__module__]

    vols = full_drive()["volumes"]
    api = FakeKernel32({"C:\\": "Windows", "E:\\": "Backup"})
    monkeypatch.setattr(module, "list_volumes", lambda *a, **k: [dict(v) for v in vols])
    monkeypatch.setattr(module, "network_shares", lambda *a, **k: [])
    real = windows.volume_label
    monkeypatch.setattr(windows, "volume_label", lambda root: real(root, api))
    ctx = Context({}, defaults("hardware.disk", {"smart": False}), platform="windows")
    facts = CLASSES["hardware.disk"]().collect(ctx)
    assert [v.get("label") for v in facts["volumes"]] == [None, "Backup"]
    assert api.asked == ["E:\\"]
    assert evaluate(facts, "en").summary.startswith("Your files are safe.")
