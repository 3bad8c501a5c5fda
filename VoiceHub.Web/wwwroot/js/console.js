// Keyboard for the console: Enter sends, Shift+Enter is a new line, Alt+M toggles the
// microphone, Escape stops it. Blazor cannot prevent Enter's default only sometimes, hence JS.
// Enter submits the form rather than calling .NET directly: the submit is a Blazor event, so it
// reaches the server after the input events still queued, and a late one cannot refill the box.
// The microphone button also works as push-to-talk under a finger or a mouse (pushToTalk below).
export function attach(input, dotnet, mic) {
  const onInputKey = (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      input.form?.requestSubmit();
    }
  };
  const onPageKey = (e) => {
    if (e.altKey && e.code === "KeyM") {
      e.preventDefault();
      dotnet.invokeMethodAsync("ToggleMicrophone");
    } else if (e.key === "Escape") {
      dotnet.invokeMethodAsync("StopMicrophone");
    }
  };
  input.addEventListener("keydown", onInputKey);
  document.addEventListener("keydown", onPageKey);
  const talk = mic ? pushToTalk(mic, dotnet) : null;
  return {
    focus() { input.focus(); },
    dispose() {
      input.removeEventListener("keydown", onInputKey);
      document.removeEventListener("keydown", onPageKey);
      talk?.dispose();
    },
  };
}

const HOLD_MS = 300;

// Hold the button to talk and release it to send; a short tap starts listening and a second tap
// stops it (Blazor's @onclick, as are Enter, Space and Alt+M, so a keyboard works the same).
// data-holding marks a press that has become a hold ("release to send").
function pushToTalk(button, dotnet) {
  let press = null;
  let swallowClickUntil = 0;
  const listening = () => button.getAttribute("aria-pressed") === "true";
  const onDown = (e) => {
    if (e.button !== 0 || button.disabled) return;
    press = { started: !listening(), timer: setTimeout(() => button.setAttribute("data-holding", ""), HOLD_MS) };
    if (press.started) dotnet.invokeMethodAsync("ToggleMicrophone");
    button.setPointerCapture?.(e.pointerId);
  };
  const onUp = () => {
    if (!press) return;
    clearTimeout(press.timer);
    const held = button.hasAttribute("data-holding");
    button.removeAttribute("data-holding");
    if (held && press.started) dotnet.invokeMethodAsync("StopMicrophone");
    // The click that follows this press must not toggle again: the press already started listening.
    if (press.started) swallowClickUntil = performance.now() + 1000;
    press = null;
  };
  const onClick = (e) => {
    if (performance.now() < swallowClickUntil) {
      swallowClickUntil = 0;
      e.preventDefault();
      e.stopImmediatePropagation(); // Before it bubbles to Blazor's listener on the document.
    }
  };
  const onMenu = (e) => e.preventDefault(); // A long press is a hold here, not a context menu.
  button.addEventListener("pointerdown", onDown);
  button.addEventListener("pointerup", onUp);
  button.addEventListener("pointercancel", onUp);
  button.addEventListener("click", onClick);
  button.addEventListener("contextmenu", onMenu);
  return {
    dispose() {
      clearTimeout(press?.timer);
      button.removeEventListener("pointerdown", onDown);
      button.removeEventListener("pointerup", onUp);
      button.removeEventListener("pointercancel", onUp);
      button.removeEventListener("click", onClick);
      button.removeEventListener("contextmenu", onMenu);
    },
  };
}

// Keeps the newest entry of the conversation in view.
export function scrollToEnd(log) {
  log?.lastElementChild?.scrollIntoView({ block: "end" });
}
