/**
 * Cues the person can follow without looking: spoken words (where the device has voices),
 * short tones (Web Audio), vibration and a visual flash. Each is a setting. Every cue is also
 * dispatched as an `unknot:cue` event on the document, with the moment it fired (`at`) and,
 * for a step, the moment the player's clock says that step began (`due`).
 */
import { CUE } from "../lib/events.js";
import { cueSettingKey, getSetting, setSetting } from "../lib/settings.js";

export const CUE_SETTINGS = [
  { key: "speech", label: "Spoken cues", hint: "Says what to do at each step, when the device has a voice." },
  { key: "tones", label: "Tones", hint: "A short beep at each change and for the last three seconds." },
  { key: "vibration", label: "Vibration", hint: "Buzzes at each change.", available: () => "vibrate" in navigator },
  { key: "flash", label: "Visual flash", hint: "The timer lights up at each change." },
];

/** The cues this device can give: an iPhone cannot vibrate, so it is not offered there. */
export function availableCueSettings() {
  return CUE_SETTINGS.filter((setting) => setting.available?.() ?? true);
}

export async function loadCueSettings() {
  const entries = await Promise.all(
    CUE_SETTINGS.map(async ({ key }) => [key, await getSetting(cueSettingKey(key), true)]),
  );
  return Object.fromEntries(entries);
}

export function saveCueSetting(key, enabled) {
  return setSetting(cueSettingKey(key), enabled);
}

function hasVoices() {
  return "speechSynthesis" in window && speechSynthesis.getVoices().length > 0;
}

export function createCues(settings) {
  let audio = null;
  let flashTarget = null;

  function tone(frequency, durationSeconds = 0.15) {
    if (!settings.tones || !audio) return;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    const start = audio.currentTime;
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.3, start + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + durationSeconds);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start);
    oscillator.stop(start + durationSeconds + 0.02);
  }

  function speak(text) {
    if (!settings.speech || !hasVoices()) return;
    speechSynthesis.cancel();
    speechSynthesis.speak(new SpeechSynthesisUtterance(text));
  }

  function flash() {
    if (!settings.flash || !flashTarget) return;
    flashTarget.classList.remove("flash");
    // Restart the animation: reading layout between the two class changes makes it run again.
    void flashTarget.offsetWidth;
    flashTarget.classList.add("flash");
  }

  function emit(kind, text, due = null) {
    document.dispatchEvent(new CustomEvent(CUE, { detail: { kind, text, at: Date.now(), due } }));
  }

  return {
    /** Call from a tap (Start, Resume): browsers only let audio start after a gesture. */
    unlock() {
      if (!audio && (window.AudioContext || window.webkitAudioContext)) {
        audio = new (window.AudioContext || window.webkitAudioContext)();
      }
      audio?.resume?.().catch(() => {});
    },
    setFlashTarget(element) {
      flashTarget = element;
    },
    stepStarted(kind, text, due) {
      const restful = kind.startsWith("rest") || kind === "done";
      tone(restful ? 440 : 660, kind === "done" ? 0.5 : 0.18);
      if (settings.vibration && navigator.vibrate) navigator.vibrate(kind === "done" ? [200, 100, 200] : 200);
      speak(text);
      flash();
      emit(kind, text, due);
    },
    /** Say what comes next, a few seconds before it starts. */
    ahead(text) {
      speak(text);
      emit("ahead", text);
    },
    countdown(secondsLeft) {
      tone(880, 0.08);
      speak(String(secondsLeft));
      emit("countdown", String(secondsLeft));
    },
    silence() {
      if ("speechSynthesis" in window) speechSynthesis.cancel();
    },
    close() {
      this.silence();
      audio?.close?.().catch(() => {});
      audio = null;
    },
  };
}
