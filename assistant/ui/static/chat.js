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
