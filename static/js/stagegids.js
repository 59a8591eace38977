// Keep the keyboard focus where the user was when htmx redraws a part of the page (#9):
// ticking a checklist item redraws its whole phase (on the page "Today": the intern's
// card), and the focus would fall back to the top of the page. The element that had the
// focus is found again by the ids of the list items, sections and disclosures around it,
// innermost first (an item that left the list falls back to its card), and the first
// control there of the same kind (a button for a button) is focused.
(() => {
  const CONTROLS = "button, a[href], input:not([type=hidden]), select, textarea, summary";
  const AROUND = "li[id], section[id], details[id]";
  let focusedWithin = [];
  let focusedKind = null;

  document.addEventListener("htmx:beforeRequest", () => {
    const active = document.activeElement;
    focusedWithin = [];
    if (!active || active === document.body) return;
    for (let around = active.closest(AROUND); around; around = around.parentElement?.closest(AROUND)) {
      focusedWithin.push(around.id);
    }
    focusedKind = active.tagName.toLowerCase();
  });

  document.addEventListener("htmx:afterSettle", () => {
    const ids = focusedWithin;
    focusedWithin = [];
    const again = ids.map((id) => document.getElementById(id)).find(Boolean);
    if (!again || again.contains(document.activeElement)) return;
    // The same kind of control as before (the tick's button becomes the undo button),
    // one that can be seen: not inside a closed disclosure.
    const visible = (selector) =>
      [...again.querySelectorAll(selector)].find((element) => element.getClientRects().length);
    const control = visible(focusedKind) || visible(CONTROLS);
    if (!control && !again.hasAttribute("tabindex")) again.setAttribute("tabindex", "-1");
    (control || again).focus();
  });
})();

// "Select all on this page" above a list of checkboxes (the overview's bulk actions): it
// ticks or clears every box of the table in its form. Hidden without JavaScript, where
// the form offers all that match the filters instead.
document.addEventListener("DOMContentLoaded", () => {
  for (const wrapper of document.querySelectorAll("[data-select-all]")) {
    const all = wrapper.querySelector("input");
    const form = wrapper.closest("form");
    const boxes = () => form.querySelectorAll("tbody input[type=checkbox]");
    wrapper.hidden = false;
    all.addEventListener("change", () => {
      for (const box of boxes()) box.checked = all.checked;
    });
    form.addEventListener("change", (event) => {
      if (!event.target.matches("tbody input[type=checkbox]")) return;
      const ticked = [...boxes()].filter((box) => box.checked).length;
      all.checked = ticked === boxes().length;
      all.indeterminate = ticked > 0 && ticked < boxes().length;
    });
  }
});

// On a phone the placement page is long (#9): its reference sections (period, people,
// intake, what was learnt, feedback, assessment, messages, history) fold to their
// headings, while the next step, the checklists and the hours stay open. The page is
// sent with every section open, so without JavaScript (and on a wide screen) all shows.
// A section stays open when it holds a form's error or unread messages, and any link
// to a place inside a folded section (the section tabs, "Go to the intake") opens it.
(() => {
  const PHONE = window.matchMedia("(max-width: 767.98px)");
  const WITH_AN_ERROR = ".is-invalid, .invalid-feedback, [aria-invalid=true], .alert-danger";

  const openAround = (hash) => {
    if (!hash || hash.length < 2) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    // A section's own fold is inside it; a place within a section is inside the fold.
    const own = target?.querySelector("details[data-fold-on-phone]");
    if (own) own.open = true;
    for (let fold = target?.closest("details"); fold; fold = fold.parentElement?.closest("details")) {
      fold.open = true;
    }
  };

  document.addEventListener("DOMContentLoaded", () => {
    if (PHONE.matches) {
      for (const fold of document.querySelectorAll("details[data-fold-on-phone]")) {
        if (!fold.hasAttribute("data-keep-open") && !fold.querySelector(WITH_AN_ERROR)) {
          fold.open = false;
        }
      }
    }
    openAround(window.location.hash);
  });
  window.addEventListener("hashchange", () => openAround(window.location.hash));
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.('a[href^="#"]');
    if (link) openAround(link.getAttribute("href"));
  });
})();
