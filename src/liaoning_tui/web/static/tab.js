// Kept out of the page so the Content-Security-Policy can forbid inline script.

// "Start again" reloads the page, which opens a new explorer.
document.getElementById("restart").addEventListener("click", () => {
  window.location.reload();
});

// Give the terminal the keyboard as soon as textual-serve's script has made it, so keys reach
// the explorer without a click first.
const terminal = document.getElementById("terminal");
const focusTerminal = () => {
  const input = terminal.querySelector("textarea");
  if (input === null) {
    return false;
  }
  input.focus();
  return true;
};
if (!focusTerminal()) {
  const watcher = new MutationObserver(() => {
    if (focusTerminal()) {
      watcher.disconnect();
    }
  });
  watcher.observe(terminal, { childList: true, subtree: true });
}
