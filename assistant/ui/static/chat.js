// Each answer's sources panel, by answer id, as the server last showed it: the panel itself
// shows the latest answer's cards, so a marker in an earlier answer brings that answer's back.
const lgPanels = new Map();

function lgRemember() {
  for (const group of document.querySelectorAll("#lg-sources-panel .lg-sources[data-answer]")) {
    lgPanels.set(group.dataset.answer, group.outerHTML);
  }
}

new MutationObserver(lgRemember).observe(document.documentElement, {
  childList: true, subtree: true,
});

// Show an answer's cards in the panel (from memory when the panel has moved on), and return the
// card with this id, if any.
function lgCard(id) {
  const found = document.getElementById(id);
  if (found) return found;
  const answer = id.match(/^lg-source-([0-9a-f]+)-\d+$/);
  const shown = document.querySelector(
    "#lg-sources-panel .lg-sources, #lg-sources-panel .lg-sources-empty",
  );
  if (!answer || !shown || !lgPanels.has(answer[1])) return null;
  shown.outerHTML = lgPanels.get(answer[1]);
  return document.getElementById(id);
}

// Citation markers in answers link to "#lg-source-<answer>-N": open that answer's card N in the
// sources panel, scroll to it and highlight it, instead of following the link.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest('a[href^="#lg-source-"]');
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  lgRemember();
  const card = lgCard(link.getAttribute("href").slice(1));
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
