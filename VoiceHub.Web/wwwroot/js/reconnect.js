// Blazor's circuit lost: blazor.web.js sets classes on #components-reconnect-modal (show, retrying,
// failed, paused, resume-failed, rejected, hide) and raises components-reconnect-state-changed.
// This opens the dialog as a modal (focus stays inside) and wires its buttons.
(() => {
  const dialog = document.getElementById("components-reconnect-modal");
  if (!dialog) return;

  dialog.addEventListener("components-reconnect-state-changed", (e) => {
    const state = e.detail?.state;
    if (state === "show" && !dialog.open) {
      dialog.showModal();
    } else if (state === "hide") {
      dialog.close();
    } else if (state === "failed") {
      document.addEventListener("visibilitychange", retryWhenVisible);
    } else if (state === "rejected") {
      location.reload(); // The server forgot this session: a fresh page is the only way on.
    }
  });

  async function retry() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    try {
      // reconnect() answers false when the server no longer has the circuit; then try resuming its state.
      if (!(await Blazor.reconnect()) && !(await Blazor.resumeCircuit())) location.reload();
    } catch {
      document.addEventListener("visibilitychange", retryWhenVisible);
    }
  }

  async function resume() {
    try {
      if (!(await Blazor.resumeCircuit())) location.reload();
    } catch {
      location.reload();
    }
  }

  function retryWhenVisible() {
    if (document.visibilityState === "visible") retry();
  }

  document.getElementById("components-reconnect-button")?.addEventListener("click", retry);
  document.getElementById("components-resume-button")?.addEventListener("click", resume);
})();
