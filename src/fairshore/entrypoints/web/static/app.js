// Small behaviours of every page (no inline script: the CSP is script-src 'self').
document.documentElement.classList.add("js");

// A button with data-copy="#selector" copies that element's text to the clipboard
// (the worker's receipt code), then says so with its data-copied label.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  navigator.clipboard.writeText(source.textContent.trim()).then(() => {
    button.textContent = button.dataset.copied || "Copied";
  });
});

// On phones the main navigation folds behind the Menu button (app.css).
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.menu-button");
  if (!button) return;
  const nav = document.getElementById(button.getAttribute("aria-controls"));
  const open = nav.classList.toggle("open");
  button.setAttribute("aria-expanded", String(open));
});
