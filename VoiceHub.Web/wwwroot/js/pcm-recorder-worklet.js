// AudioWorklet processor of the hub's recorder (recorder.js): mixes the microphone to mono,
// downsamples it to the target rate (16 kHz, what the hub's recogniser is trained on) by averaging
// the input samples that fall into each output sample (a box filter, enough against aliasing for
// speech from 44.1/48 kHz), and posts 16-bit PCM in 100 ms chunks with their loudness (RMS, 0..1).
class PcmRecorder extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const target = options.processorOptions?.targetRate || 16000;
    this.step = sampleRate / target; // input samples per output sample (global sampleRate: the context's)
    this.position = 0;
    this.sum = 0;
    this.count = 0;
    this.chunk = new Int16Array(Math.round(target / 10));
    this.filled = 0;
    this.squares = 0;
    this.port.onmessage = (e) => {
      if (e.data === "flush") {
        this.post();
        this.port.postMessage({ flushed: true });
      }
    };
  }

  process(inputs) {
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true;
    const frames = channels[0].length;
    for (let i = 0; i < frames; i++) {
      let sample = 0;
      for (let c = 0; c < channels.length; c++) sample += channels[c][i];
      this.sum += sample / channels.length;
      this.count++;
      this.position += 1;
      if (this.position >= this.step) {
        this.position -= this.step;
        this.emit(this.sum / this.count);
        this.sum = 0;
        this.count = 0;
      }
    }
    return true;
  }

  emit(value) {
    const clamped = Math.max(-1, Math.min(1, value));
    this.chunk[this.filled++] = clamped < 0 ? clamped * 0x8000 : clamped * 0x7fff;
    this.squares += clamped * clamped;
    if (this.filled === this.chunk.length) this.post();
  }

  post() {
    if (this.filled === 0) return;
    const pcm = this.chunk.slice(0, this.filled);
    const level = Math.sqrt(this.squares / this.filled);
    this.port.postMessage({ pcm, level }, [pcm.buffer]);
    this.filled = 0;
    this.squares = 0;
  }
}

registerProcessor("pcm-recorder", PcmRecorder);
