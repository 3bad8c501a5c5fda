// Keyboard for the console: Enter sends, Shift+Enter is a new line, Alt+M toggles the
// microphone, Escape stops it. Blazor cannot prevent Enter's default only sometimes, hence JS.
// Enter submits the form rather than calling .NET directly: the submit is a Blazor event, so it
// reaches the server after the input events still queued, and a late one cannot refill the box.
export function attach(input, dotnet) {
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
  return {
    focus() { input.focus(); },
    dispose() {
      input.removeEventListener("keydown", onInputKey);
      document.removeEventListener("keydown", onPageKey);
    },
  };
}

// Keeps the newest entry of the conversation in view.
export function scrollToEnd(log) {
  log?.lastElementChild?.scrollIntoView({ block: "end" });
}
