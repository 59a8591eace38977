// Keep the keyboard focus where the user was when htmx redraws a part of the page (#9):
// ticking a checklist item redraws its whole phase, and the focus would fall back to the
// top of the page. The element that had the focus is found again by the id of the
// nearest list item, section or disclosure around it (the item), and the first control
// there of the same kind (a button for a button) is focused.
(() => {
  const CONTROLS = "button, a[href], input:not([type=hidden]), select, textarea";
  let focusedWithin = null;
  let focusedKind = null;

  document.addEventListener("htmx:beforeRequest", () => {
    const active = document.activeElement;
    focusedWithin = null;
    if (!active || active === document.body) return;
    const around = active.closest("li[id], section[id], details[id]");
    focusedWithin = around ? around.id : null;
    focusedKind = active.tagName.toLowerCase();
  });

  document.addEventListener("htmx:afterSettle", () => {
    if (!focusedWithin) return;
    const again = document.getElementById(focusedWithin);
    focusedWithin = null;
    if (!again || again.contains(document.activeElement)) return;
    // The same kind of control as before (the tick's button becomes the undo button).
    const control = again.querySelector(focusedKind) || again.querySelector(CONTROLS);
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
