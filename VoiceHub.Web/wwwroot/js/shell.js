// The page shell, before Blazor: the menu button on narrow screens, and the on-screen keyboard's
// height for the console. A classic script in <head> (the CSP forbids inline ones); listeners sit
// on the document, so they survive Blazor replacing the prerendered markup.
(() => {
  const root = document.documentElement;
  root.classList.add("js"); // Without this class the navigation simply shows all its links.

  const button = () => document.querySelector("[data-menu-button]");
  const setOpen = (open, focusButton) => {
    const b = button();
    if (!b) return;
    b.setAttribute("aria-expanded", open ? "true" : "false");
    document.getElementById(b.getAttribute("aria-controls"))?.toggleAttribute("data-open", open);
    if (!open && focusButton) b.focus();
  };
  const isOpen = () => button()?.getAttribute("aria-expanded") === "true";

  document.addEventListener("click", (e) => {
    if (e.target.closest("[data-menu-button]")) {
      setOpen(!isOpen(), false);
    } else if (isOpen() && (e.target.closest("#main-nav a") || !e.target.closest("#main-nav"))) {
      setOpen(false, false); // A link was followed, or the person tapped elsewhere.
    }
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && isOpen()) setOpen(false, true);
  });

  // iOS keeps the layout viewport when the keyboard opens; sticky bars then hide behind it.
  // --keyboard-inset is how much of the bottom the keyboard covers (0 where the browser resizes).
  const viewport = globalThis.visualViewport;
  if (viewport) {
    const update = () => {
      const covered = Math.max(0, innerHeight - viewport.height - viewport.offsetTop);
      root.style.setProperty("--keyboard-inset", `${Math.round(covered)}px`);
    };
    viewport.addEventListener("resize", update);
    viewport.addEventListener("scroll", update);
  }
})();
