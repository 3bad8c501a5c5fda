// Voice for the console: push-to-talk with the Web Speech API (interim words, then the final
// sentence), speech synthesis of replies (or a WAV the hub made, where the browser has no voices),
// and the person's choice of recogniser. Loaded only when the console is visited; recording for the
// hub's own recogniser is in recorder.js.
const Recognition = globalThis.SpeechRecognition || globalThis.webkitSpeechRecognition;

export const canListen = () => typeof Recognition === "function";
export const canSpeak = () => "speechSynthesis" in globalThis;

export function createMicrophone(dotnet, lang) {
  let recognition = null;
  let heard = "";
  return {
    start() {
      if (!Recognition || recognition) return;
      heard = "";
      recognition = new Recognition();
      recognition.lang = lang || navigator.language || "en-US";
      recognition.interimResults = true;
      recognition.continuous = false;
      recognition.maxAlternatives = 1;
      recognition.onresult = (e) => {
        let final = "", interim = "";
        for (let i = 0; i < e.results.length; i++) {
          const result = e.results[i];
          if (result.isFinal) final += result[0].transcript; else interim += result[0].transcript;
        }
        heard = final.trim();
        dotnet.invokeMethodAsync("OnSpeechHeard", (final + interim).trim(), interim.length === 0);
      };
      recognition.onerror = (e) => dotnet.invokeMethodAsync("OnSpeechError", e.error || "error");
      recognition.onend = () => {
        recognition = null;
        dotnet.invokeMethodAsync("OnSpeechEnded", heard);
      };
      recognition.start();
    },
    stop() { recognition?.stop(); },
    dispose() { recognition?.abort(); recognition = null; },
  };
}

export function speak(text, lang) {
  if (!canSpeak() || !text) return;
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang || navigator.language || "en-US";
  speechSynthesis.speak(utterance);
}

// Where the browser has no voices of its own, the hub's espeak-ng WAV (a .NET stream reference) is
// played through Web Audio: no <audio> element, so no media-src or blob: URL in the CSP.
export async function hasVoices() {
  if (!canSpeak()) return false;
  if (speechSynthesis.getVoices().length > 0) return true;
  // Chromium fills the list asynchronously; wait briefly for it.
  return await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(speechSynthesis.getVoices().length > 0), 700);
    speechSynthesis.addEventListener("voiceschanged", () => { clearTimeout(timer); resolve(speechSynthesis.getVoices().length > 0); }, { once: true });
  });
}

let player = null;
export async function playWav(streamReference) {
  const bytes = await streamReference.arrayBuffer();
  player?.close().catch(() => {});
  const context = new AudioContext();
  player = context;
  const buffer = await context.decodeAudioData(bytes);
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.destination);
  source.onended = () => { if (player === context) player = null; context.close().catch(() => {}); };
  globalThis.__voicehubPlayed = (globalThis.__voicehubPlayed || 0) + 1; // seen by the browser tests
  source.start();
}

// The person's choice of recogniser, kept in this browser: "browser" (its own, the default where it
// has one) or "hub" (recorded here, recognised offline by the hub).
const RECOGNISER_KEY = "voicehub.recogniser";

export function preferredRecogniser() {
  try {
    return localStorage.getItem(RECOGNISER_KEY) === "hub" ? "hub" : "browser";
  } catch {
    return "browser"; // storage blocked: the default
  }
}

export function rememberRecogniser(choice) {
  try {
    localStorage.setItem(RECOGNISER_KEY, choice === "hub" ? "hub" : "browser");
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}
