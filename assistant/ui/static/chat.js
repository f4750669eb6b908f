// Citation markers in answers link to "#lg-source-N": open that card in the sources panel,
// scroll to it and highlight it, instead of following the link.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest('a[href^="#lg-source-"]');
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  const card = document.getElementById(link.getAttribute("href").slice(1));
  if (!card) return;
  card.open = true;
  card.scrollIntoView({ behavior: "smooth", block: "nearest" });
  card.classList.add("lg-highlight");
  setTimeout(() => card.classList.remove("lg-highlight"), 1600);
}, true);

// "Copy answer with references": the server keeps the latest answer as plain text in a hidden
// textbox; copy it to the clipboard and say so on the button.
window.lumbarGuideCopy = async () => {
  const field = document.querySelector("#lg-copy-text textarea, #lg-copy-text input");
  const button = document.querySelector("#lg-copy");
  if (!field || !field.value) return;
  try {
    await navigator.clipboard.writeText(field.value);
  } catch (error) {
    field.select();
    document.execCommand("copy");
  }
  if (button) {
    const label = button.textContent;
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = label; }, 1500);
  }
};
