// Kept out of the page so the Content-Security-Policy can forbid inline script.

// "Start again" reloads the page, which opens a new explorer.
document.getElementById("restart").addEventListener("click", () => {
  window.location.reload();
});

// Give the terminal the keyboard once textual-serve's script has made it and connected it (it
// marks the element -connected; focus before that makes the script send on a socket still
// connecting), so keys reach the explorer without a click first.
const terminal = document.getElementById("terminal");
const focusTerminal = () => {
  const input = terminal.querySelector("textarea");
  if (input === null || !terminal.classList.contains("-connected")) {
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
  watcher.observe(terminal, { attributes: true, childList: true, subtree: true });
}
