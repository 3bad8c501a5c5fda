// The hub's own recogniser from the browser: records the microphone (getUserMedia + the
// pcm-recorder AudioWorklet, which downsamples to 16 kHz mono 16-bit PCM), shows the level while
// recording, and hands the finished WAV to .NET (OnRecordingEnded), which sends it to the hub
// through the web server — the browser never calls the API itself. Used where the browser has no
// speech recognition (Firefox), or when the person chose the hub's recogniser.
export const RATE = 16000;

export const canRecord = () =>
  typeof globalThis.AudioWorkletNode === "function" && typeof navigator.mediaDevices?.getUserMedia === "function";

// 16-bit PCM samples as a WAV file (RIFF, PCM format 1, one channel).
export function encodeWav(samples, rate = RATE) {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const text = (at, s) => { for (let i = 0; i < s.length; i++) bytes[at + i] = s.charCodeAt(i); };
  text(0, "RIFF");
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true); // bytes per second
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  text(36, "data");
  view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) view.setInt16(44 + i * 2, samples[i], true);
  return bytes;
}

// One recording at a time; start() when the button is pressed, stop() when it is released.
// meter: a <meter> (0..1) the level is written to directly, without a round trip to the server.
export function createRecorder(dotnet, workletUrl, meter, maxSeconds) {
  let session = null;

  async function open() {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    const context = new AudioContext();
    try {
      await context.audioWorklet.addModule(workletUrl);
      await context.resume();
    } catch (e) {
      stream.getTracks().forEach((t) => t.stop());
      await context.close();
      throw e;
    }
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, "pcm-recorder", { processorOptions: { targetRate: RATE } });
    const silent = context.createGain(); // keeps the graph pulled without playing the microphone back
    silent.gain.value = 0;
    source.connect(node).connect(silent).connect(context.destination);
    return { stream, context, node, chunks: [], samples: 0 };
  }

  async function finish(current, send) {
    clearTimeout(current.limit);
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 500);
      current.node.port.addEventListener("message", (e) => { if (e.data?.flushed) { clearTimeout(timer); resolve(); } });
      current.node.port.postMessage("flush");
    });
    current.stream.getTracks().forEach((t) => t.stop());
    await current.context.close().catch(() => {});
    if (meter) meter.value = 0;
    if (!send) return;
    if (current.samples < RATE / 4) {
      dotnet.invokeMethodAsync("OnSpeechError", "too-short");
      dotnet.invokeMethodAsync("OnSpeechEnded", "");
      return;
    }
    const pcm = new Int16Array(current.samples);
    let at = 0;
    for (const chunk of current.chunks) { pcm.set(chunk, at); at += chunk.length; }
    await dotnet.invokeMethodAsync("OnRecordingEnded", DotNet.createJSStreamReference(encodeWav(pcm)), current.samples / RATE);
  }

  return {
    async start() {
      if (session) return;
      const current = { pending: true };
      session = current;
      try {
        Object.assign(current, await open(), { pending: false });
      } catch (e) {
        session = null;
        const error = e?.name === "NotAllowedError" || e?.name === "SecurityError" ? "not-allowed"
          : e?.name === "NotFoundError" || e?.name === "NotReadableError" ? "audio-capture" : "recorder";
        await dotnet.invokeMethodAsync("OnSpeechError", error);
        await dotnet.invokeMethodAsync("OnSpeechEnded", "");
        return;
      }
      if (session !== current) { // stopped while the microphone was opening
        await finish(current, false);
        return;
      }
      current.node.port.onmessage = (e) => {
        if (!e.data?.pcm) return;
        current.chunks.push(e.data.pcm);
        current.samples += e.data.pcm.length;
        if (meter) meter.value = Math.min(1, e.data.level * 4);
      };
      current.limit = setTimeout(() => this.stop(), maxSeconds * 1000);
      dotnet.invokeMethodAsync("OnRecordingStarted");
    },
    async stop() {
      const current = session;
      session = null;
      if (!current) return;
      if (current.pending) {
        dotnet.invokeMethodAsync("OnSpeechEnded", "");
        return;
      }
      await finish(current, true);
    },
    dispose() {
      const current = session;
      session = null;
      if (current && !current.pending) finish(current, false);
    },
  };
}
