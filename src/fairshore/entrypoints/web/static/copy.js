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
