// Voice for the console: push-to-talk with the Web Speech API (interim words, then the final
// sentence) and speech synthesis of replies. Loaded only when the console is visited.
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
