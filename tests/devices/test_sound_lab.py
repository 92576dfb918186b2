"""devices.sound and devices.microphone against a real sound server (PipeWire + WirePlumber +
pipewire-pulse in a private session): every fault made for real, named right in English and
French, the test sound asked through ctx.ask, and the fixes verified by checking again."""

from __future__ import annotations

import os

import pytest

import devicelab
from devicelab import SoundLab
from selfcheck import i18n
from selfcheck.api import Context, Interaction, Status
from selfcheck.checks.devices_microphone import MicrophoneCheck
from selfcheck.checks.devices_sound import SoundCheck
from selfcheck.config import load
from selfcheck.devices.actions import device_action


class Person(Interaction):
    """Someone at the screen who answers the questions."""

    interactive = True

    def __init__(self, *answers: bool) -> None:
        self.answers = list(answers)
        self.questions: list[str] = []

    def yes_no(self, question: str, default: bool = False) -> bool:
        self.questions.append(question)
        return self.answers.pop(0)


def run(cls, ask=None):
    thresholds = cls.thresholds_from(load())
    facts = cls().collect(Context(thresholds=thresholds, ask=ask, platform="linux"))
    return facts, cls().evaluate(facts, thresholds)


def french(cls, facts):
    i18n.set_language("fr")
    try:
        return cls().evaluate(facts, cls.thresholds_from(load())).summary
    finally:
        i18n.set_language("en")


def test_only_the_dummy_output_means_no_speakers_and_no_microphone(sound):
    facts, outcome = run(SoundCheck)
    assert facts["default_sink"] == "auto_null"
    assert outcome.status is Status.FAIL and outcome.summary == "No speakers or headphones were found."
    assert french(SoundCheck, facts) == "Aucun haut-parleur ni casque n’a été trouvé."
    facts, outcome = run(MicrophoneCheck)
    assert facts["default_source"] == "auto_null.monitor", "the input falls back to the speakers' monitor"
    assert outcome.status is Status.FAIL and outcome.summary == "No microphone was found."


def test_muted_output_is_named_and_unmuted_after_consent(sound):
    sound.add_speakers("speakers", "Speakers")
    sound.pactl("set-sink-mute", "speakers", "1")
    facts, outcome = run(SoundCheck)
    assert outcome.status is Status.FAIL
    # the system's generic English label is said in the reader's words (a French reader met “Speakers” in English)
    assert outcome.summary == "The sound is turned off (muted) on the speakers."
    assert french(SoundCheck, facts) == "Le son est coupé sur les haut-parleurs."
    ok, message = device_action(outcome.fix, "linux")
    assert ok, message
    facts, outcome = run(SoundCheck)
    assert outcome.status is Status.PASS, outcome.summary


def test_volume_zero_then_very_low_and_the_fix_raises_it(sound):
    sound.add_speakers("speakers", "Speakers")
    sound.pactl("set-sink-volume", "speakers", "0%")
    _facts, outcome = run(SoundCheck)
    assert outcome.status is Status.FAIL and outcome.summary == "The volume of the speakers is at zero."
    sound.pactl("set-sink-volume", "speakers", "8%")
    _facts, outcome = run(SoundCheck)
    assert outcome.status is Status.WARN and outcome.summary == "The volume of the speakers is very low (8%)."
    assert device_action(outcome.fix, "linux")[0]
    facts, outcome = run(SoundCheck)
    assert outcome.status is Status.PASS and outcome.summary == "Sound plays on the speakers at 50% volume."


def test_test_sound_heard_or_not_and_the_wrong_output_is_changed(sound):
    sound.add_speakers("hdmi", "Screen")
    sound.add_speakers("speakers", "Speakers")
    sound.set_default("sink", "hdmi")
    person = Person(True, False)  # play it? yes. heard it? no
    facts, outcome = run(SoundCheck, ask=person)
    assert person.questions == ["Play a test sound to check your speakers or headphones?", "Did you hear the test sound?"]
    assert facts["test_sound"] == {"played": True, "heard": False}
    assert outcome.status is Status.FAIL
    assert outcome.summary == "You did not hear the test sound played on “Screen”."
    assert french(SoundCheck, facts) == "Vous n’avez pas entendu le son d’essai joué sur «\u00a0Screen\u00a0»."
    assert outcome.fix is not None and outcome.fix.action == "set_default_output" and outcome.fix.arg == "speakers"
    assert device_action(outcome.fix, "linux")[0]
    facts, outcome = run(SoundCheck, ask=Person(True, True))
    assert facts["default_sink"] == "speakers"
    assert outcome.status is Status.PASS and outcome.summary == "Sound works: you heard the test sound on the speakers."


def test_without_anyone_at_the_screen_no_question_is_asked(sound):
    sound.add_speakers("speakers", "Speakers")
    facts, outcome = run(SoundCheck)  # the default Interaction: nobody there
    assert "test_sound" not in facts and outcome.status is Status.PASS


def test_a_microphone_that_hears_passes_one_that_hears_silence_fails(sound):
    sound.add_speakers("speakers", "Speakers")
    sound.add_microphone("headset", "Headset", feed="tone")
    facts, outcome = run(MicrophoneCheck)
    assert facts["level"]["status"] == "ok" and facts["level"]["peak_dbfs"] > -20
    assert outcome.status is Status.PASS and outcome.summary == "Your microphone “Headset” works: it hears sound."
    sound.add_microphone("webcam", "Webcam", feed="silence")
    sound.set_default("source", "webcam")
    facts, outcome = run(MicrophoneCheck)
    assert facts["level"]["peak_dbfs"] == -120.0
    assert outcome.status is Status.FAIL and outcome.summary == "Your microphone “Webcam” hears nothing."
    assert french(MicrophoneCheck, facts) == "Votre microphone «\u00a0Webcam\u00a0» n’entend rien."


def test_a_muted_microphone_is_turned_on_after_consent(sound):
    sound.add_microphone("headset", "Headset", feed="tone")
    sound.set_default("source", "headset")
    sound.pactl("set-source-mute", "headset", "1")
    facts, outcome = run(MicrophoneCheck)
    assert "level" not in facts, "a muted microphone is not recorded"
    assert outcome.summary == "Your microphone “Headset” is turned off (muted)."
    assert device_action(outcome.fix, "linux")[0]
    _facts, outcome = run(MicrophoneCheck)
    assert outcome.status is Status.PASS


def test_listening_to_the_speakers_instead_of_the_microphone(sound):
    sound.add_speakers("speakers", "Speakers")
    sound.add_microphone("headset", "Headset", feed="tone")
    sound.set_default("source", "speakers.monitor")
    facts, outcome = run(MicrophoneCheck)
    assert outcome.status is Status.FAIL and outcome.summary == "The computer is not listening to your microphone."
    assert outcome.fix is not None and outcome.fix.arg == "headset"
    assert device_action(outcome.fix, "linux")[0]
    assert run(MicrophoneCheck)[1].status is Status.PASS


def test_sound_service_stopped():
    lab = SoundLab().start()
    try:
        lab.stop_server()
        with pytest.MonkeyPatch.context() as mp:
            for key, value in lab.env.items():
                mp.setenv(key, value)
            for cls in (SoundCheck, MicrophoneCheck):
                facts, outcome = run(cls)
                assert facts["server"] == "not_running" and facts["server_socket"] is True
                assert outcome.status is Status.FAIL and outcome.summary == "The sound service of this computer is not running."
                assert french(cls, facts) == "Le service de son de cet ordinateur ne fonctionne pas."
    finally:
        lab.stop()


def test_no_sound_hardware_and_no_sound_server_is_not_a_problem(tmp_path, monkeypatch):
    """This machine: no sound card, no sound server (like a server or a bare virtual machine)."""
    if os.path.exists("/dev/snd"):
        pytest.skip("this machine has sound hardware")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    facts, outcome = run(SoundCheck)
    assert facts["server"] == "not_running" and facts["sound_cards"] == 0 and facts["server_socket"] is False
    assert outcome.status is Status.SKIP and outcome.summary == "This computer has no sound hardware."


def test_the_program_recording_from_the_microphone_is_named(sound):
    import subprocess

    sound.add_microphone("headset", "Headset", feed="tone")
    sound.set_default("source", "headset")
    env = {**os.environ, **sound.env}
    call = subprocess.Popen(["parec", "--device=headset", "--raw", "--client-name=Zoom"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        devicelab.wait_for(lambda: run(MicrophoneCheck)[0]["recording_apps"] == ["Zoom"], what="the recording to show")
        facts, outcome = run(MicrophoneCheck)
        assert outcome.status is Status.PASS
        assert outcome.evidence["recording_apps"] == ["Zoom"]
    finally:
        call.kill()
        call.wait(5)


@pytest.mark.parametrize(
    ("label", "english", "french_words"),
    [
        ("Speakers", "the speakers", "les haut-parleurs"),
        ("Speakers (Realtek(R) Audio)", "the speakers", "les haut-parleurs"),
        ("Built-in Audio Analog Stereo", "the built-in speakers", "les haut-parleurs intégrés"),
        ("Jabra Evolve 65", "“Jabra Evolve 65”", "«\u00a0Jabra Evolve 65\u00a0»"),
    ],
)
def test_a_generic_output_label_is_said_in_the_readers_words_and_a_named_one_keeps_its_name(label, english, french_words):
    from selfcheck.checks.devices_sound import device_phrase

    assert device_phrase({"description": label}) == english
    i18n.set_language("fr")
    try:
        assert device_phrase({"description": label}) == french_words
    finally:
        i18n.set_language("en")
