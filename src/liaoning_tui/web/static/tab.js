// "Start again" reloads the page, which opens a new explorer. Kept out of the page so the
// Content-Security-Policy can forbid inline script.
document.getElementById("restart").addEventListener("click", () => {
  window.location.reload();
});
